package dev.warden.policy.shell;

import java.util.ArrayList;
import java.util.List;

/**
 * A position in a script's text, shared by the list and word scanners that read it. A backtick substitution is
 * read through a cursor of its own over the unescaped inner text.
 */
final class ScriptCursor {
    static final int EOF = -1;
    /** Deeper nesting is skipped over rather than parsed, so no script can exhaust the stack. */
    static final int MAX_DEPTH = 24;

    final String text;
    final int length;
    final Findings findings;
    /** How many substitutions and subshells enclose the current position. */
    int nesting;
    int pos;
    /** Here-document delimiters whose bodies start after the next newline; each entry is {delimiter, "-"|""}. */
    private List<String[]> pendingHeredocs = List.of();

    ScriptCursor(String text, Findings findings, int nesting) {
        this.text = text;
        this.length = text.length();
        this.findings = findings;
        this.nesting = nesting;
    }

    int peek() {
        return pos < length ? text.charAt(pos) : EOF;
    }

    /**
     * Bash drops backslash-newline before tokenizing everywhere except inside single quotes and comments, even
     * between the two characters of an operator ({@code &\<newline>&} is {@code &&}).
     */
    void skipContinuations() {
        pos = skipContinuationsFrom(pos);
    }

    int charAt(int i) {
        return i < length ? text.charAt(i) : EOF;
    }

    /** The index of the first character at or after {@code i} that does not begin a line continuation. */
    int skipContinuationsFrom(int i) {
        while (i + 1 < length && text.charAt(i) == '\\' && text.charAt(i + 1) == '\n') {
            i += 2;
        }
        return i;
    }

    /** Skips spaces, tabs and line continuations: the only blanks between bash tokens. */
    void skipBlanks() {
        while (pos < length) {
            char c = text.charAt(pos);
            if (c == ' ' || c == '\t') {
                pos++;
            } else if (c == '\\' && pos + 1 < length && text.charAt(pos + 1) == '\n') {
                pos += 2;
            } else {
                return;
            }
        }
    }

    /** Skips a comment: everything up to, not including, the next newline; continuations do not apply. */
    void skipComment() {
        int nl = text.indexOf('\n', pos);
        pos = nl < 0 ? length : nl;
    }

    void addHeredoc(String delimiter, boolean stripTabs) {
        if (pendingHeredocs.isEmpty()) {
            pendingHeredocs = new ArrayList<>(2);
        }
        pendingHeredocs.add(new String[] {delimiter, stripTabs ? "-" : ""});
    }

    /** Called just after a newline token: skips the bodies of the here-documents opened on that line. */
    void skipHeredocBodies() {
        if (pendingHeredocs.isEmpty()) {
            return;
        }
        for (String[] heredoc : pendingHeredocs) {
            boolean stripTabs = !heredoc[1].isEmpty();
            while (pos < length) {
                int nl = text.indexOf('\n', pos);
                int lineEnd = nl < 0 ? length : nl;
                int lineStart = pos;
                if (stripTabs) {
                    while (lineStart < lineEnd && text.charAt(lineStart) == '\t') {
                        lineStart++;
                    }
                }
                boolean delimiterLine = text.regionMatches(lineStart, heredoc[0], 0, heredoc[0].length())
                        && lineStart + heredoc[0].length() == lineEnd;
                pos = nl < 0 ? length : nl + 1;
                if (delimiterLine) {
                    break;
                }
            }
        }
        pendingHeredocs = List.of();
    }

    static boolean isMeta(int c) {
        return switch (c) {
            case ' ', '\t', '\n', '|', '&', ';', '(', ')', '<', '>' -> true;
            default -> false;
        };
    }
}
