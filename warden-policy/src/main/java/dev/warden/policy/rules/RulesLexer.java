package dev.warden.policy.rules;

import java.util.ArrayList;
import java.util.List;

/**
 * Turns a {@code .rules} file into tokens for the small part of Starlark that rules use: names, strings (all
 * Starlark quote forms and escapes), brackets, commas, {@code =}, comments, and statement ends. Everything else
 * is an error with its position, so a file Warden cannot fully understand is never half-loaded.
 */
final class RulesLexer {

    enum Kind { NAME, STRING, NUMBER, LPAREN, RPAREN, LBRACKET, RBRACKET, COMMA, EQUALS, END_OF_STATEMENT, EOF }

    record Token(Kind kind, String text, int line, int column) {
    }

    private final String text;
    private final String file;
    private final List<Token> tokens = new ArrayList<>();
    private int pos;
    private int line = 1;
    private int lineStart;
    private int depth;
    private boolean atLineStart = true;

    private RulesLexer(String text, String file) {
        this.text = text;
        this.file = file;
    }

    static List<Token> tokenize(String text, String file) throws RuleLoadException {
        RulesLexer lexer = new RulesLexer(text, file);
        lexer.run();
        return lexer.tokens;
    }

    private int column() {
        return pos - lineStart + 1;
    }

    private RuleLoadException error(int errLine, int errColumn, String message) {
        return new RuleLoadException(file, errLine, errColumn, message);
    }

    private void run() throws RuleLoadException {
        int n = text.length();
        while (pos < n) {
            char c = text.charAt(pos);
            if (c == '\n') {
                newline();
                continue;
            }
            if (c == ' ' || c == '\t' || c == '\r' || c == '\f') {
                pos++;
                continue;
            }
            if (c == '#') {
                while (pos < n && text.charAt(pos) != '\n') {
                    pos++;
                }
                continue;
            }
            if (atLineStart && depth == 0 && column() > 1) {
                throw error(line, column(), "unexpected indentation; start each top-level call at column 1");
            }
            atLineStart = false;
            int startLine = line;
            int startColumn = column();
            if (isNameStart(c)) {
                int start = pos;
                while (pos < n && isNamePart(text.charAt(pos))) {
                    pos++;
                }
                String name = text.substring(start, pos);
                if (pos < n && isQuote(text.charAt(pos)) && (name.equals("r") || name.equals("R"))) {
                    add(Kind.STRING, string(true, startLine, startColumn), startLine, startColumn);
                } else if (pos < n && isQuote(text.charAt(pos)) && name.length() <= 2) {
                    throw error(startLine, startColumn, "string prefix \"" + name
                            + "\" is not supported; use a plain \"...\" or raw r\"...\" string");
                } else {
                    add(Kind.NAME, name, startLine, startColumn);
                }
                continue;
            }
            if (isQuote(c)) {
                add(Kind.STRING, string(false, startLine, startColumn), startLine, startColumn);
                continue;
            }
            if (c >= '0' && c <= '9') {
                int start = pos;
                while (pos < n && (isNamePart(text.charAt(pos)) || text.charAt(pos) == '.')) {
                    pos++;
                }
                add(Kind.NUMBER, text.substring(start, pos), startLine, startColumn);
                continue;
            }
            pos++;
            switch (c) {
                case '(' -> open(Kind.LPAREN, "(", startLine, startColumn);
                case '[' -> open(Kind.LBRACKET, "[", startLine, startColumn);
                case ')' -> close(Kind.RPAREN, ")", startLine, startColumn);
                case ']' -> close(Kind.RBRACKET, "]", startLine, startColumn);
                case ',' -> add(Kind.COMMA, ",", startLine, startColumn);
                case ';' -> add(Kind.END_OF_STATEMENT, ";", startLine, startColumn);
                case '=' -> {
                    if (pos < n && text.charAt(pos) == '=') {
                        throw unsupported("==", startLine, startColumn);
                    }
                    add(Kind.EQUALS, "=", startLine, startColumn);
                }
                default -> throw unsupported(String.valueOf(c), startLine, startColumn);
            }
        }
        if (depth == 0 && !atLineStart) {
            add(Kind.END_OF_STATEMENT, "", line, column());
        }
        add(Kind.EOF, "", line, column());
    }

    private RuleLoadException unsupported(String what, int l, int c) {
        return error(l, c, "unsupported syntax '" + what + "'; a rules file holds only prefix_rule(...) and "
                + "network_rule(...) calls with string and list arguments");
    }

    private void newline() {
        pos++;
        if (depth == 0 && !atLineStart) {
            add(Kind.END_OF_STATEMENT, "", line, pos - lineStart);
        }
        line++;
        lineStart = pos;
        if (depth == 0) {
            atLineStart = true;
        }
    }

    private void open(Kind kind, String text, int l, int c) {
        depth++;
        add(kind, text, l, c);
    }

    private void close(Kind kind, String text, int l, int c) throws RuleLoadException {
        if (depth == 0) {
            throw error(l, c, "unmatched '" + text + "'; remove it or add the opening bracket");
        }
        depth--;
        add(kind, text, l, c);
    }

    private void add(Kind kind, String value, int l, int c) {
        tokens.add(new Token(kind, value, l, c));
    }

    /** Reads a string literal starting at {@code pos} (on the quote) and returns its value. */
    private String string(boolean raw, int startLine, int startColumn) throws RuleLoadException {
        char quote = text.charAt(pos);
        boolean triple = text.startsWith(String.valueOf(quote).repeat(3), pos);
        pos += triple ? 3 : 1;
        StringBuilder value = new StringBuilder();
        int n = text.length();
        while (true) {
            if (pos >= n) {
                throw error(startLine, startColumn, "unterminated string; add the closing " + (triple ? "triple " : "") + "quote");
            }
            char c = text.charAt(pos);
            if (c == quote && (!triple || text.startsWith(String.valueOf(quote).repeat(3), pos))) {
                pos += triple ? 3 : 1;
                return value.toString();
            }
            if (c == '\n') {
                if (!triple) {
                    throw error(startLine, startColumn, "unterminated string at end of line; close the quote "
                            + "(use \\n for a newline, or a triple-quoted string)");
                }
                value.append('\n');
                pos++;
                line++;
                lineStart = pos;
                continue;
            }
            if (c == '\\') {
                if (pos + 1 >= n) {
                    throw error(startLine, startColumn, "unterminated string; add the closing quote");
                }
                if (raw) {
                    // Raw strings keep the backslash; it only stops the next quote from ending the string.
                    char next = text.charAt(pos + 1);
                    value.append('\\');
                    if (next == '\n') {
                        pos++;
                        continue;
                    }
                    value.append(next);
                    pos += 2;
                    continue;
                }
                escape(value);
                continue;
            }
            value.append(c);
            pos++;
        }
    }

    private void escape(StringBuilder value) throws RuleLoadException {
        int escLine = line;
        int escColumn = column();
        char e = text.charAt(pos + 1);
        pos += 2;
        switch (e) {
            case '\n' -> {
                line++;
                lineStart = pos;
            }
            case '\\', '\'', '"' -> value.append(e);
            case 'n' -> value.append('\n');
            case 't' -> value.append('\t');
            case 'r' -> value.append('\r');
            case 'a' -> value.append('\u0007');
            case 'b' -> value.append('\b');
            case 'f' -> value.append('\f');
            case 'v' -> value.append('\u000b');
            case 'x' -> value.appendCodePoint(hex(2, escLine, escColumn));
            case 'u' -> value.appendCodePoint(hex(4, escLine, escColumn));
            case 'U' -> value.appendCodePoint(hex(8, escLine, escColumn));
            case '0', '1', '2', '3', '4', '5', '6', '7' -> {
                int code = e - '0';
                for (int k = 0; k < 2 && pos < text.length() && text.charAt(pos) >= '0' && text.charAt(pos) <= '7'; k++) {
                    code = code * 8 + (text.charAt(pos++) - '0');
                }
                value.append((char) code);
            }
            default -> throw error(escLine, escColumn, "unknown escape \\" + e
                    + "; write \\\\ for a backslash or use a raw string r\"...\"");
        }
    }

    private int hex(int digits, int escLine, int escColumn) throws RuleLoadException {
        if (pos + digits > text.length()) {
            throw error(escLine, escColumn, "incomplete escape; expected " + digits + " hex digits");
        }
        int code;
        try {
            code = Integer.parseUnsignedInt(text.substring(pos, pos + digits), 16);
        } catch (NumberFormatException ex) {
            throw error(escLine, escColumn, "bad escape; expected " + digits + " hex digits");
        }
        if (!Character.isValidCodePoint(code) || (code >= 0xD800 && code <= 0xDFFF)) {
            throw error(escLine, escColumn, "escape is not a valid Unicode code point");
        }
        pos += digits;
        return code;
    }

    private static boolean isQuote(char c) {
        return c == '"' || c == '\'';
    }

    private static boolean isNameStart(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
    }

    private static boolean isNamePart(char c) {
        return isNameStart(c) || (c >= '0' && c <= '9');
    }
}
