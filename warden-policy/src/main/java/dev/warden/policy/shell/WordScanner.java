package dev.warden.policy.shell;

/**
 * Reads one shell word from the cursor and removes its quotes the way bash does, naming every expansion it
 * meets. Complex parts (substitutions, variables) are kept in the word as their literal text; the commands
 * inside substitutions are parsed as commands of their own.
 */
final class WordScanner {
    private final ScriptCursor c;
    private final Findings f;
    private final StringBuilder sb = new StringBuilder(32);

    // Facts about the last word read.
    private boolean complex;
    private boolean quoted;
    private boolean unquotedDigits;
    private boolean equalsInside;

    WordScanner(ScriptCursor cursor) {
        this.c = cursor;
        this.f = cursor.findings;
    }

    /** The word made the script complex (an expansion, a glob, an unterminated quote, ...). */
    boolean complex() {
        return complex;
    }

    /** Some part of the word was quoted or escaped, so it cannot be a reserved word. */
    boolean quoted() {
        return quoted;
    }

    /** Every character was an unquoted digit: before {@code <} or {@code >} bash reads it as a file descriptor. */
    boolean unquotedDigits() {
        return unquotedDigits;
    }

    /** An unquoted {@code =} after the first character: in command position bash may take it as an assignment. */
    boolean equalsInside() {
        return equalsInside;
    }

    /** Reads the word starting at the cursor, which must be at a character that is not a metacharacter. */
    String read() {
        sb.setLength(0);
        complex = false;
        quoted = false;
        unquotedDigits = true;
        equalsInside = false;
        // Whether the raw text so far is an unquoted identifier, which makes NAME=... or NAME+=... look like an
        // assignment; bash then also expands a tilde after the first '=' and after each ':'.
        boolean identifier = true;
        boolean seenEquals = false;
        boolean assignmentLike = false;
        boolean bracketOpen = false;
        boolean braceOpen = false;
        boolean braceItems = false;
        boolean atStart = true;
        int previous = 0; // the previous raw character if it was unquoted, else 0
        while (true) {
            c.skipContinuations();
            int ch = c.peek();
            if (ch == ScriptCursor.EOF || ScriptCursor.isMeta(ch)) {
                return sb.toString();
            }
            int before = previous;
            previous = 0;
            if (ch == '\\' || ch == '\'' || ch == '"' || ch == '$' || ch == '`') {
                quoted = true;
                unquotedDigits = false;
                identifier = false;
                switch (ch) {
                    case '\\' -> backslash();
                    case '\'' -> singleQuoted();
                    case '"' -> doubleQuoted();
                    case '$' -> dollar(false);
                    default -> backtick(false);
                }
                atStart = false;
                continue;
            }
            char x = (char) ch;
            c.pos++;
            if (x < '0' || x > '9') {
                unquotedDigits = false;
            }
            switch (x) {
                case '*', '?' -> mark("glob pattern " + x);
                case '[' -> {
                    bracketOpen = true;
                    if (identifier && !atStart && !seenEquals) {
                        // In command position bash reads NAME[...] as an array subscript up to the matching ']',
                        // blanks, newlines and operators included, as one word.
                        mark("array subscript " + sb + "[...]");
                    }
                }
                case ']' -> {
                    if (bracketOpen) {
                        mark("glob pattern [...]");
                    }
                }
                case '{' -> braceOpen = true;
                case ',' -> braceItems |= braceOpen;
                case '.' -> braceItems |= braceOpen && before == '.';
                case '}' -> {
                    if (braceItems) {
                        mark("brace expansion {...}");
                    }
                }
                case '~' -> {
                    if (atStart || (assignmentLike && (before == '=' || before == ':'))) {
                        mark("tilde expansion ~");
                    }
                }
                case '=' -> {
                    if (atStart) {
                        int next = charAfterContinuations(c.pos);
                        if (next != ScriptCursor.EOF && !ScriptCursor.isMeta(next)) {
                            // zsh replaces an unquoted =cmd word by the path of cmd (EQUALS option).
                            mark("word starting with = (zsh path expansion)");
                        }
                    } else {
                        equalsInside = true;
                        assignmentLike |= identifier && !seenEquals;
                    }
                    seenEquals = true;
                }
                default -> {
                }
            }
            if (identifier) {
                boolean nameChar = (x >= 'a' && x <= 'z') || (x >= 'A' && x <= 'Z') || x == '_'
                        || (!atStart && x >= '0' && x <= '9');
                boolean plusEquals = x == '+' && !atStart && charAfterContinuations(c.pos) == '=';
                identifier = !seenEquals && (nameChar || plusEquals);
            }
            sb.append(x);
            previous = x;
            atStart = false;
        }
    }

    private void mark(String reason) {
        complex = true;
        f.complex(reason);
    }

    /** A syntax error inside the word; reported once, and only when no compound construct explains it. */
    private void syntaxError(String what) {
        complex = true;
        f.syntaxError(what);
    }

    private int charAfterContinuations(int i) {
        String t = c.text;
        while (i + 1 < c.length && t.charAt(i) == '\\' && t.charAt(i + 1) == '\n') {
            i += 2;
        }
        return i < c.length ? t.charAt(i) : ScriptCursor.EOF;
    }

    /** Outside quotes a backslash keeps the next character literally (backslash-newline was removed already). */
    private void backslash() {
        c.pos++;
        if (c.pos >= c.length) {
            // bash -c keeps a final lone backslash literally, but a file or a function body would join it with
            // the next line: too fragile to call plain.
            mark("backslash at end of script");
            sb.append('\\');
            return;
        }
        sb.append(c.text.charAt(c.pos));
        c.pos++;
    }

    private void singleQuoted() {
        int close = c.text.indexOf('\'', c.pos + 1);
        if (close < 0) {
            syntaxError("unterminated single quote");
            sb.append(c.text, c.pos + 1, c.length);
            c.pos = c.length;
            return;
        }
        sb.append(c.text, c.pos + 1, close);
        c.pos = close + 1;
    }

    /** Inside double quotes a backslash escapes only $ ` " \ and newline; $ and ` still expand. */
    private void doubleQuoted() {
        c.pos++;
        String t = c.text;
        while (c.pos < c.length) {
            char ch = t.charAt(c.pos);
            switch (ch) {
                case '"' -> {
                    c.pos++;
                    return;
                }
                case '\\' -> {
                    int next = c.pos + 1 < c.length ? t.charAt(c.pos + 1) : ScriptCursor.EOF;
                    if (next == '\n') {
                        c.pos += 2;
                    } else if (next == '$' || next == '`' || next == '"' || next == '\\') {
                        sb.append((char) next);
                        c.pos += 2;
                    } else {
                        if (next == '!') {
                            // bash keeps the backslash (history expansion is off); csh-minded shells may not.
                            mark("backslash before ! in double quotes");
                        }
                        sb.append('\\');
                        c.pos++;
                    }
                }
                case '$' -> dollar(true);
                case '`' -> backtick(true);
                default -> {
                    sb.append(ch);
                    c.pos++;
                }
            }
        }
        syntaxError("unterminated double quote");
    }

    /** Every unescaped $ is an expansion (or a lone $ that bash happens to keep); none is plain. */
    private void dollar(boolean inDoubleQuotes) {
        String t = c.text;
        int start = c.pos;
        int at = skipContinuationsFrom(start + 1);
        int next = at < c.length ? t.charAt(at) : ScriptCursor.EOF;
        if (next == '(') {
            int second = skipContinuationsFrom(at + 1);
            if (second < c.length && t.charAt(second) == '(') {
                mark("arithmetic expansion $((...))");
                c.pos = at;
                skipBalanced('(', ')');
            } else {
                mark("command substitution $(...)");
                c.pos = at + 1;
                nestedList();
            }
            sb.append(t, start, c.pos);
        } else if (next == '{') {
            mark("parameter expansion ${...}");
            c.pos = at;
            skipBalanced('{', '}');
            sb.append(t, start, c.pos);
        } else if (next == '\'' && !inDoubleQuotes) {
            mark("ANSI-C quoting $'...'");
            int i = at + 1;
            while (i < c.length && t.charAt(i) != '\'') {
                i += t.charAt(i) == '\\' ? 2 : 1;
            }
            if (i >= c.length) {
                syntaxError("unterminated $'");
            }
            sb.append(t, Math.min(at + 1, c.length), Math.min(i, c.length));
            c.pos = Math.min(i + 1, c.length);
        } else if (next == '"' && !inDoubleQuotes) {
            mark("locale translation $\"...\"");
            c.pos = at; // the double-quoted string itself is read by the caller's next step
        } else if ((next >= 'a' && next <= 'z') || (next >= 'A' && next <= 'Z') || next == '_') {
            int end = at + 1;
            while (end < c.length && isNameChar(t.charAt(end))) {
                end++;
            }
            mark("variable expansion $" + t.substring(at, Math.min(end, at + 40)));
            sb.append('$').append(t, at, end);
            c.pos = end;
        } else if ((next >= '0' && next <= '9') || (next != ScriptCursor.EOF && "@*#?-$!".indexOf(next) >= 0)) {
            mark("variable expansion $" + (char) next);
            sb.append('$').append((char) next);
            c.pos = at + 1;
        } else {
            mark("dollar sign $");
            sb.append('$');
            c.pos = start + 1;
        }
    }

    private static boolean isNameChar(char ch) {
        return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') || ch == '_';
    }

    private int skipContinuationsFrom(int i) {
        while (i + 1 < c.length && c.text.charAt(i) == '\\' && c.text.charAt(i + 1) == '\n') {
            i += 2;
        }
        return i;
    }

    /** Parses the commands of a {@code $(...)} whose opening parenthesis was consumed, and its closing one. */
    private void nestedList() {
        if (c.nesting >= ScriptCursor.MAX_DEPTH) {
            f.complex("nesting too deep to inspect");
            skipBalancedFrom('(', ')', 1);
            return;
        }
        c.nesting++;
        new ListScanner(c, true).parse();
        c.nesting--;
        if (c.peek() == ')') {
            c.pos++;
        } else {
            syntaxError("'$(' without ')'");
        }
    }

    /** Skips a balanced construct starting at its opening character, parsing command substitutions inside. */
    void skipBalanced(char open, char close) {
        c.pos++;
        skipBalancedFrom(open, close, 1);
    }

    void skipBalancedFrom(char open, char close, int depth) {
        String t = c.text;
        while (c.pos < c.length) {
            char ch = t.charAt(c.pos);
            if (ch == '\\') {
                c.pos += 2;
            } else if (ch == '\'') {
                int q = t.indexOf('\'', c.pos + 1);
                c.pos = q < 0 ? c.length : q + 1;
            } else if (ch == '"') {
                c.pos++;
                while (c.pos < c.length && t.charAt(c.pos) != '"') {
                    c.pos += t.charAt(c.pos) == '\\' ? 2 : 1;
                }
                c.pos++;
            } else if (ch == '$' && c.pos + 1 < c.length && t.charAt(c.pos + 1) == '('
                    && (c.pos + 2 >= c.length || t.charAt(c.pos + 2) != '(')
                    && c.nesting < ScriptCursor.MAX_DEPTH) {
                c.pos += 2;
                nestedList();
            } else if (ch == '`') {
                int before = sb.length();
                backtick(false);
                sb.setLength(before);
            } else {
                c.pos++;
                if (ch == open) {
                    depth++;
                } else if (ch == close && --depth == 0) {
                    return;
                }
            }
        }
        c.pos = Math.min(c.pos, c.length);
        f.syntaxError("'" + open + "' without '" + close + "'");
    }

    /**
     * A backquoted command substitution: inside it a backslash escapes only $ ` \ (and " within double quotes),
     * then the unescaped text is parsed as a script of its own.
     */
    private void backtick(boolean inDoubleQuotes) {
        mark("command substitution `...`");
        String t = c.text;
        int start = c.pos;
        c.pos++;
        StringBuilder inner = new StringBuilder();
        boolean closed = false;
        while (c.pos < c.length) {
            char ch = t.charAt(c.pos);
            if (ch == '\\' && c.pos + 1 < c.length) {
                char n = t.charAt(c.pos + 1);
                if (n == '`' || n == '\\' || n == '$' || (inDoubleQuotes && n == '"')) {
                    inner.append(n);
                    c.pos += 2;
                    continue;
                }
                if (n == '\n') {
                    c.pos += 2;
                    continue;
                }
            } else if (ch == '`') {
                c.pos++;
                closed = true;
                break;
            }
            inner.append(ch);
            c.pos++;
        }
        if (!closed) {
            syntaxError("unterminated backtick");
        }
        if (c.nesting < ScriptCursor.MAX_DEPTH) {
            ScriptCursor sub = new ScriptCursor(inner.toString(), f, c.nesting + 1);
            new ListScanner(sub, false).parse();
        } else {
            f.complex("nesting too deep to inspect");
        }
        sb.append(t, start, c.pos);
    }
}
