package dev.warden.policy.config;

/**
 * Lets inline tables span lines, as TOML 1.1 and Codex's parser allow but tomlj 1.1.1 (TOML 1.0) does
 * not. People paste {@code approval_policy = { granular = {\n sandbox_approval = true, ... } }} from the
 * article Warden grew out of; refusing it would push them to a worse config.
 *
 * <p>The rewrite is narrow: outside strings, a newline inside {@code { }} becomes a space and a comment
 * there is dropped; nothing else changes, so a valid TOML 1.0 document comes out identical in meaning.
 * The swallowed newlines are re-emitted as blank lines after the line that closes the table, so every
 * later line keeps its number, and {@link #originalLine}/{@link #originalColumn} map a position in the
 * rewritten text back to the file for error messages.
 */
final class InlineTableJoiner {
    private final String text;
    private final int[] outputToSource;
    private final int[] sourceLineStarts;
    private final int[] outputLineStarts;

    private InlineTableJoiner(String text, int[] outputToSource, String source) {
        this.text = text;
        this.outputToSource = outputToSource;
        this.sourceLineStarts = lineStarts(source);
        this.outputLineStarts = lineStarts(text);
    }

    static InlineTableJoiner rewrite(String source) {
        StringBuilder out = new StringBuilder(source.length());
        int[] map = new int[source.length() + 1];
        int braces = 0;
        int pending = 0;
        int i = 0;
        while (i < source.length()) {
            char c = source.charAt(i);
            if (c == '"' || c == '\'') {
                int end = stringEnd(source, i);
                for (int k = i; k < end; k++) {
                    map = append(out, map, source.charAt(k), k);
                }
                i = end;
                continue;
            }
            if (c == '#' && braces > 0) {
                while (i < source.length() && source.charAt(i) != '\n') {
                    i++; // a comment inside an inline table would swallow the rest once lines are joined
                }
                continue;
            }
            if (c == '#') {
                while (i < source.length() && source.charAt(i) != '\n') {
                    map = append(out, map, source.charAt(i), i);
                    i++;
                }
                continue;
            }
            if (c == '{') {
                braces++;
            } else if (c == '}' && braces > 0) {
                braces--;
            }
            if (braces > 0 && (c == '\n' || (c == '\r' && i + 1 < source.length() && source.charAt(i + 1) == '\n'))) {
                if (c == '\n') {
                    map = append(out, map, ' ', i);
                    pending++;
                }
                i++;
                continue;
            }
            map = append(out, map, c, i);
            if (c == '\n' && braces == 0) {
                for (; pending > 0; pending--) {
                    map = append(out, map, '\n', i);
                }
            }
            i++;
        }
        for (; pending > 0; pending--) {
            map = append(out, map, '\n', source.length());
        }
        map = ensure(map, out.length() + 1);
        map[out.length()] = source.length();
        return new InlineTableJoiner(out.toString(), map, source);
    }

    String text() {
        return text;
    }

    /** The source line of a 1-based (line, column) in the rewritten text. */
    int originalLine(int line, int column) {
        return lineOf(sourceLineStarts, sourceOffset(line, column)) + 1;
    }

    /** The source column of a 1-based (line, column) in the rewritten text. */
    int originalColumn(int line, int column) {
        int offset = sourceOffset(line, column);
        return offset - sourceLineStarts[lineOf(sourceLineStarts, offset)] + 1;
    }

    private int sourceOffset(int line, int column) {
        if (line < 1) {
            return 0;
        }
        int lineIndex = Math.min(line - 1, outputLineStarts.length - 1);
        int offset = Math.min(outputLineStarts[lineIndex] + Math.max(column - 1, 0), text.length());
        return outputToSource[offset];
    }

    /** The index just past the string literal starting at {@code start} (basic, literal, or multi-line). */
    private static int stringEnd(String s, int start) {
        char quote = s.charAt(start);
        boolean multi = s.startsWith(String.valueOf(quote).repeat(3), start);
        int i = start + (multi ? 3 : 1);
        while (i < s.length()) {
            char c = s.charAt(i);
            if (c == '\\' && quote == '"') {
                i += 2;
                continue;
            }
            if (!multi && c == '\n') {
                return i; // unterminated: let the parser report it
            }
            if (c == quote && (!multi || s.startsWith(String.valueOf(quote).repeat(3), i))) {
                int end = i + (multi ? 3 : 1);
                while (multi && end < s.length() && s.charAt(end) == quote && end - i < 5) {
                    end++; // up to two quotes may end the content of a multi-line string
                }
                return end;
            }
            i++;
        }
        return s.length();
    }

    private static int[] append(StringBuilder out, int[] map, char c, int sourceIndex) {
        map = ensure(map, out.length() + 1);
        map[out.length()] = sourceIndex;
        out.append(c);
        return map;
    }

    private static int[] ensure(int[] map, int size) {
        return size <= map.length ? map : java.util.Arrays.copyOf(map, Math.max(size, map.length * 2));
    }

    private static int[] lineStarts(String s) {
        int count = 1;
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) == '\n') {
                count++;
            }
        }
        int[] starts = new int[count];
        int line = 1;
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) == '\n') {
                starts[line++] = i + 1;
            }
        }
        return starts;
    }

    private static int lineOf(int[] starts, int offset) {
        int index = java.util.Arrays.binarySearch(starts, offset);
        return index >= 0 ? index : -index - 2;
    }
}
