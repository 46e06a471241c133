package dev.warden.policy.shell;

/**
 * Skips over one expansion ({@code $...} or a backquoted command) at the cursor, naming it, and parses the
 * commands inside command and process substitutions as commands of their own. Nothing here is plain.
 */
final class ExpansionScanner {
    private final ScriptCursor c;
    private final Findings f;

    ExpansionScanner(ScriptCursor cursor) {
        this.c = cursor;
        this.f = cursor.findings;
    }

    /** At an unescaped $: an expansion, or a lone $ that bash happens to keep; both count as complex. */
    void dollar(boolean inDoubleQuotes) {
        String t = c.text;
        int start = c.pos;
        int at = c.skipContinuationsFrom(start + 1);
        int next = at < c.length ? t.charAt(at) : ScriptCursor.EOF;
        if (next == '(') {
            int second = c.skipContinuationsFrom(at + 1);
            if (second < c.length && t.charAt(second) == '(') {
                f.complex("arithmetic expansion $((...))");
                c.pos = at;
                skipBalanced('(', ')');
            } else {
                f.complex("command substitution $(...)");
                c.pos = at + 1;
                nestedList();
            }
        } else if (next == '{') {
            f.complex("parameter expansion ${...}");
            c.pos = at;
            skipBalanced('{', '}');
        } else if (next == '\'' && !inDoubleQuotes) {
            f.complex("ANSI-C quoting $'...'");
            int i = at + 1;
            while (i < c.length && t.charAt(i) != '\'') {
                i += t.charAt(i) == '\\' ? 2 : 1;
            }
            if (i >= c.length) {
                f.syntaxError("unterminated $'");
            }
            c.pos = Math.min(i + 1, c.length);
        } else if (next == '"' && !inDoubleQuotes) {
            f.complex("locale translation $\"...\"");
            c.pos = at; // the double-quoted string itself is read by the word scanner's next step
        } else if ((next >= 'a' && next <= 'z') || (next >= 'A' && next <= 'Z') || next == '_') {
            int end = at + 1;
            while (end < c.length && isNameChar(t.charAt(end))) {
                end++;
            }
            f.complex("variable expansion $" + Findings.excerpt(t.substring(at, end)));
            c.pos = end;
        } else if ((next >= '0' && next <= '9') || (next != ScriptCursor.EOF && "@*#?-$!".indexOf(next) >= 0)) {
            f.complex("variable expansion $" + (char) next);
            c.pos = at + 1;
        } else {
            f.complex("dollar sign $");
            c.pos = start + 1;
        }
    }

    private static boolean isNameChar(char ch) {
        return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') || ch == '_';
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
            f.syntaxError("'$(' without ')'");
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
                backtick(false);
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
    void backtick(boolean inDoubleQuotes) {
        f.complex("command substitution `...`");
        String t = c.text;
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
            f.syntaxError("unterminated backtick");
        }
        if (c.nesting < ScriptCursor.MAX_DEPTH) {
            ScriptCursor sub = new ScriptCursor(inner.toString(), f, c.nesting + 1);
            new ListScanner(sub, false).parse();
        } else {
            f.complex("nesting too deep to inspect");
        }
    }
}
