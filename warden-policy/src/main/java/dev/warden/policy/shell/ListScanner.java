package dev.warden.policy.shell;

import java.util.ArrayList;

/**
 * Reads a list of simple commands joined by {@code && || ; | newline}, with bash's token rules: operators,
 * comments, the redirections the plain subset allows, and the syntax errors that make bash refuse a line.
 */
final class ListScanner {
    // Where the list is, which decides what may come next without a syntax error.
    private static final int START = 0;           // at the start, or after a newline: a command or nothing
    private static final int AFTER_SEPARATOR = 1; // after ';': a command, a newline or the end
    private static final int AFTER_OPERATOR = 2;  // after && || |: a command, possibly after newlines
    private static final int IN_COMMAND = 3;      // inside a command: anything

    private final ScriptCursor c;
    private final Findings f;
    private final boolean nested;
    private final WordScanner words;
    private final ExpansionScanner expansions;
    private final ArrayList<String> current = new ArrayList<>(8);
    private boolean redirected;
    /** The current command began with a reserved word, an assignment or a subshell. */
    private boolean prefixed;
    private int state = START;
    private String lastOperator = "";

    /** @param nested true inside {@code $( )} or {@code ( )}: the list ends, unconsumed, at an unmatched ')'. */
    ListScanner(ScriptCursor cursor, boolean nested) {
        this.c = cursor;
        this.f = cursor.findings;
        this.nested = nested;
        this.expansions = new ExpansionScanner(cursor);
        this.words = new WordScanner(cursor, expansions);
    }

    void parse() {
        while (true) {
            c.skipBlanks();
            int ch = c.peek();
            switch (ch) {
                case ScriptCursor.EOF -> {
                    end();
                    return;
                }
                case ')' -> {
                    if (nested) {
                        end();
                        return;
                    }
                    f.syntaxError("unexpected ')'");
                    c.pos++;
                }
                case '\n' -> {
                    c.pos++;
                    newline();
                    c.skipHeredocBodies();
                }
                case '#' -> c.skipComment();
                case ';' -> semicolon();
                case '&' -> ampersand();
                case '|' -> pipe();
                case '(' -> openParen();
                case '<', '>' -> redirect(null);
                default -> word();
            }
        }
    }

    private void word() {
        String w = words.read();
        int next = c.peek();
        if (next == '<' || next == '>') {
            if (words.unquotedDigits() && words.endedByContinuation()) {
                // bash reads 2\<newline>>x as 2>x, zsh as the word 2 and >x.
                f.complex("line continuation inside a redirection");
            }
            if (words.unquotedDigits()) {
                redirect(w);
                return;
            }
            if (isDigits(w) || (w.length() > 2 && w.charAt(0) == '{' && w.charAt(w.length() - 1) == '}')) {
                // '2'>x and {fd}>x: a quoted number is a word, {name} allocates a descriptor into a variable.
                f.complex("file descriptor word '" + Findings.excerpt(w) + "' before a redirection");
                redirect(w);
                return;
            }
        }
        state = IN_COMMAND;
        if (current.isEmpty()) {
            String reserved = ShellVocabulary.reservedWord(w, words.quoted());
            if (reserved != null) {
                if (!(f.inCompound() && ShellVocabulary.continuesCompound(w))) {
                    f.compound(reserved);
                }
                prefixed = true;
                return;
            }
            if (words.leadingBrace() && w.length() > 1) {
                // zsh opens a group at a command word's leading '{' even without a blank: {reboot} runs reboot.
                f.complex("word starting with { in command position (a group in zsh)");
            }
            if (words.equalsInside()) {
                f.complex("variable assignment " + Findings.excerpt(w.substring(0, w.indexOf('=') + 1)));
                prefixed = true;
                return;
            }
        }
        current.add(w);
    }

    private static boolean isDigits(String w) {
        if (w.isEmpty()) {
            return false;
        }
        for (int i = 0; i < w.length(); i++) {
            if (w.charAt(i) < '0' || w.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }

    private void finish(String operator) {
        if (!current.isEmpty()) {
            String effect = ShellVocabulary.commandEffect(current);
            if (effect != null) {
                f.complex(effect);
            }
            f.commands.add(new SimpleCommand(current, operator));
        } else if (redirected && !prefixed) {
            f.complex("redirection without a command");
        }
        current.clear();
        redirected = false;
        prefixed = false;
    }

    private void end() {
        if (state == IN_COMMAND) {
            finish("");
        } else if (state == AFTER_OPERATOR) {
            f.syntaxError("nothing after '" + lastOperator + "'");
        }
    }

    private void newline() {
        if (state == IN_COMMAND) {
            finish("\n");
            state = START;
        } else if (state == AFTER_SEPARATOR) {
            state = START;
        }
    }

    private void separator(String token) {
        if (state == IN_COMMAND) {
            finish(";");
            state = AFTER_SEPARATOR;
        } else {
            f.syntaxError("unexpected '" + token + "'");
        }
    }

    private void operator(String op) {
        if (state == IN_COMMAND) {
            finish(op);
            lastOperator = op;
            state = AFTER_OPERATOR;
        } else {
            f.syntaxError("unexpected '" + op + "'");
        }
    }

    private void semicolon() {
        c.pos++;
        int next = peekPastContinuations();
        if (next == ';') {
            takeOperatorChar();
            boolean fallThrough = peekPastContinuations() == '&';
            if (fallThrough) {
                takeOperatorChar();
            }
            if (!f.inCompound()) {
                f.complex(fallThrough ? "case terminator ;;&" : "case terminator ;;");
            }
        } else if (next == '&') {
            takeOperatorChar();
            if (!f.inCompound()) {
                f.complex("case terminator ;&");
            }
        }
        separator(";");
    }

    private void ampersand() {
        c.pos++;
        int next = peekPastContinuations();
        if (next == '&') {
            takeOperatorChar();
            operator("&&");
        } else if (next == '>') {
            takeOperatorChar();
            String op = "&>";
            if (peekPastContinuations() == '>') {
                takeOperatorChar();
                op = "&>>";
            }
            redirectTarget(op);
        } else {
            f.complex("background &");
            separator("&");
        }
    }

    private void pipe() {
        c.pos++;
        int next = peekPastContinuations();
        if (next == '|') {
            takeOperatorChar();
            operator("||");
        } else {
            if (next == '&') {
                takeOperatorChar();
                f.complex("pipe of stderr |&");
            }
            operator("|");
        }
    }

    private int peekPastContinuations() {
        return c.charAt(c.skipContinuationsFrom(c.pos));
    }

    /**
     * Consumes the next character as a further character of an operator. Bash joins {@code &\<newline>&} into
     * {@code &&}; zsh does not, so a line continuation inside an operator is complex.
     */
    private void takeOperatorChar() {
        int at = c.skipContinuationsFrom(c.pos);
        if (at != c.pos) {
            f.complex("line continuation inside an operator");
        }
        c.pos = at + 1;
    }

    private void openParen() {
        c.pos++;
        if (!current.isEmpty()) {
            c.skipBlanks();
            if (current.size() == 1 && c.peek() == ')') {
                c.pos++;
                f.compound("function definition " + Findings.excerpt(current.getFirst()) + "()");
                current.clear();
                prefixed = true;
                state = IN_COMMAND;
                return;
            }
            f.syntaxError("unexpected '(' after a word");
        }
        f.compound("subshell ( )");
        subList();
        prefixed = true;
        state = IN_COMMAND;
    }

    /** Parses a parenthesised list whose '(' was consumed, then its ')'. */
    private void subList() {
        if (c.nesting >= ScriptCursor.MAX_DEPTH) {
            f.complex("nesting too deep to inspect");
            expansions.skipBalancedFrom('(', ')', 1);
            return;
        }
        c.nesting++;
        new ListScanner(c, true).parse();
        c.nesting--;
        if (c.peek() == ')') {
            c.pos++;
        } else {
            f.syntaxError("'(' without ')'");
        }
    }

    /** A redirection at '<' or '>', optionally after a file descriptor number that was read as a word. */
    private void redirect(String descriptor) {
        int opStart = c.pos;
        char first = c.text.charAt(c.pos);
        c.pos++;
        int next = peekPastContinuations();
        if (next == '(' && descriptor == null) {
            // <(...) and >(...) are words naming a pipe to a background command.
            takeOperatorChar();
            f.complex("process substitution " + first + "(...)");
            subList();
            current.add(c.text.substring(opStart, c.pos));
            state = IN_COMMAND;
            return;
        }
        if (descriptor != null && descriptor.length() > 1) {
            f.complex("redirection of file descriptor " + Findings.excerpt(descriptor));
        }
        String op;
        if (first == '>') {
            op = switch (next) {
                case '>' -> ">>";
                case '&' -> ">&";
                case '|' -> ">|";
                default -> ">";
            };
        } else {
            op = switch (next) {
                case '<' -> "<<";
                case '&' -> "<&";
                case '>' -> "<>";
                default -> "<";
            };
        }
        if (op.length() == 2) {
            takeOperatorChar();
            if (op.equals("<<")) {
                int third = peekPastContinuations();
                if (third == '<' || third == '-') {
                    takeOperatorChar();
                    op = third == '<' ? "<<<" : "<<-";
                }
            }
        }
        redirectTarget(op);
    }

    private void redirectTarget(String op) {
        redirected = true;
        state = IN_COMMAND;
        c.skipBlanks();
        int t = c.peek();
        boolean processSubstitution = (t == '<' || t == '>') && c.pos + 1 < c.length
                && c.text.charAt(c.pos + 1) == '(';
        if (t == ScriptCursor.EOF || (ScriptCursor.isMeta(t) && !processSubstitution) || t == '#') {
            f.syntaxError("redirection " + op + " without a target");
            return;
        }
        if (processSubstitution) {
            // sort < <(find ...): the target is a process substitution.
            c.pos += 2;
            f.complex("process substitution " + (char) t + "(...)");
            subList();
            f.complex("redirection " + op + " of a process substitution");
            return;
        }
        String target = words.read();
        boolean devNull = !words.complex() && target.equals("/dev/null");
        switch (op) {
            case "<<", "<<-" -> {
                f.complex("heredoc " + op);
                c.addHeredoc(target, op.equals("<<-"));
            }
            case "<<<" -> f.complex("here-string <<<");
            case "<&" -> f.complex("input duplication <&");
            case "<>" -> f.complex("read-write redirection <>");
            case ">|" -> f.complex("clobbering redirection >|");
            case ">&" -> {
                boolean digits = !words.complex() && words.unquotedDigits();
                if (digits && target.length() > 1) {
                    f.complex("duplication of file descriptor " + Findings.excerpt(target));
                } else if (!digits) {
                    f.complex(target.equals("-") ? "closing a file descriptor >&-" : "redirection >& to a file");
                }
            }
            case "<" -> {
                if (!devNull) {
                    f.complex("input redirection < from a file");
                }
            }
            default -> {
                if (!devNull) {
                    f.complex((op.endsWith(">>") ? "append redirection " : "output redirection ") + op + " to a file");
                }
            }
        }
    }
}
