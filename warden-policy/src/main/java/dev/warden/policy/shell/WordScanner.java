package dev.warden.policy.shell;

/**
 * Reads one shell word from the cursor and removes its quotes the way bash does, naming every expansion it
 * meets. Complex parts (substitutions, variables) are kept in the word as their literal text; the commands
 * inside substitutions are parsed as commands of their own.
 */
final class WordScanner {
    private final ScriptCursor c;
    private final Findings f;
    private final ExpansionScanner expansions;
    /** The word being unquoted; made on first use, since plain words ({@link #plainWord}) need none. */
    private StringBuilder sb;

    // Facts about the last word read.
    private boolean complex;
    private boolean quoted;
    private boolean unquotedDigits;
    private boolean equalsInside;
    private boolean endedByContinuation;
    private boolean leadingBrace;

    WordScanner(ScriptCursor cursor, ExpansionScanner expansions) {
        this.c = cursor;
        this.f = cursor.findings;
        this.expansions = expansions;
    }

    /** The word made the script complex (an expansion, a glob, an unterminated quote, ...). */
    boolean complex() {
        return complex;
    }

    /** Some part of the word was quoted, escaped or expanded, so it cannot be a reserved word. */
    boolean quoted() {
        return quoted;
    }

    /** Every character was an unquoted digit: before {@code <} or {@code >} bash reads it as a file descriptor. */
    boolean unquotedDigits() {
        return unquotedDigits;
    }

    /** An unquoted {@code =} after the word's first character: in command position, maybe an assignment. */
    boolean equalsInside() {
        return equalsInside;
    }

    /** The word began with an unquoted '{'. */
    boolean leadingBrace() {
        return leadingBrace;
    }

    /** A line continuation came right before the character that ended the word. */
    boolean endedByContinuation() {
        return endedByContinuation;
    }

    /** Reads the word starting at the cursor, which must be at a character that is not a metacharacter. */
    String read() {
        complex = false;
        quoted = false;
        equalsInside = false;
        String plain = f.plainWordShortcut ? plainWord() : null;
        if (plain != null) {
            return plain;
        }
        if (sb == null) {
            sb = new StringBuilder(32);
        } else {
            sb.setLength(0);
        }
        unquotedDigits = true;
        leadingBrace = c.peek() == '{';
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
            int partStart = c.pos;
            c.skipContinuations();
            int ch = c.peek();
            if (ch == ScriptCursor.EOF || ScriptCursor.isMeta(ch)) {
                endedByContinuation = c.pos != partStart;
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
                    default -> expansion(false);
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
                case '*' -> mark("glob pattern *");
                case '?' -> mark("glob pattern ?");
                case '[' -> {
                    bracketOpen = true;
                    if (identifier && !atStart && !seenEquals) {
                        // In command position bash reads NAME[...] as an array subscript up to the matching ']',
                        // blanks, newlines and operators included, as one word.
                        mark("array subscript " + Findings.excerpt(sb) + "[...]");
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
                // zsh expands ~ and =cmd after leading empty quotes too (""~/x is $HOME/x there), so what counts is
                // an empty word so far, not the first raw character.
                case '~' -> {
                    if (sb.isEmpty() || (assignmentLike && (before == '=' || before == ':'))) {
                        mark("tilde expansion ~");
                    }
                }
                case '=' -> {
                    if (sb.isEmpty()) {
                        // Not an assignment; bash keeps it, zsh expands it (see the comment on '~').
                        int next = c.charAt(c.skipContinuationsFrom(c.pos));
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
                boolean plusEquals = x == '+' && !atStart
                        && c.charAt(c.skipContinuationsFrom(c.pos)) == '=';
                identifier = !seenEquals && (nameChar || plusEquals);
            }
            sb.append(x);
            previous = x;
            atStart = false;
        }
    }

    private static final byte STOP = 0;
    private static final byte DIGIT = 1;
    private static final byte OTHER = 2;
    /** What each ASCII character is to {@link #plainWord}: a digit, another character of a plain word, or its end. */
    private static final byte[] PLAIN = new byte[128];

    static {
        for (char ch = '0'; ch <= '9'; ch++) {
            PLAIN[ch] = DIGIT;
        }
        for (char ch = 'a'; ch <= 'z'; ch++) {
            PLAIN[ch] = OTHER;
            PLAIN[Character.toUpperCase(ch)] = OTHER;
        }
        for (char ch : "-/._:@%+,^".toCharArray()) {
            PLAIN[ch] = OTHER;
        }
    }

    /**
     * Most words are a run of characters that mean nothing to the shell ({@code ls}, {@code -la}, {@code src/main}):
     * such a word is its own text, and no fact the general loop tracks can come out other than "unquoted, no
     * {@code =}, no brace". This takes the word as one substring, or returns null without moving the cursor when
     * the word holds anything else (a quote, an expansion, a glob, a brace, {@code ~}, {@code =}, a line
     * continuation, non-ASCII text), which the general loop then reads from the start.
     */
    private String plainWord() {
        String t = c.text;
        int start = c.pos;
        int end = start;
        boolean digits = true;
        while (end < c.length) {
            char ch = t.charAt(end);
            byte kind = ch < 128 ? PLAIN[ch] : STOP;
            if (kind == STOP) {
                break;
            }
            digits &= kind == DIGIT;
            end++;
        }
        if (end == start || (end < c.length && !ScriptCursor.isMeta(t.charAt(end)))) {
            return null;
        }
        c.pos = end;
        unquotedDigits = digits;
        leadingBrace = false;
        endedByContinuation = false;
        return t.substring(start, end);
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

    /** An expansion at $ or `: complex, kept in the word as its literal text. */
    private void expansion(boolean inDoubleQuotes) {
        int start = c.pos;
        if (c.text.charAt(start) == '$') {
            expansions.dollar(inDoubleQuotes);
        } else {
            expansions.backtick(inDoubleQuotes);
        }
        complex = true;
        sb.append(c.text, start, c.pos);
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
                case '$', '`' -> expansion(true);
                default -> {
                    sb.append(ch);
                    c.pos++;
                }
            }
        }
        syntaxError("unterminated double quote");
    }
}
