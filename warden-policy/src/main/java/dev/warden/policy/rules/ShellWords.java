package dev.warden.policy.rules;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits an example command written as one string into words, the way a POSIX shell would for plain words
 * (quotes and backslashes; no expansion), which is what Codex does with {@code shlex} for string examples.
 */
final class ShellWords {
    private ShellWords() {
    }

    /** The words of {@code text}; throws {@link IllegalArgumentException} for an unclosed quote or trailing backslash. */
    static List<String> split(String text) {
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        boolean inWord = false;
        int i = 0;
        int n = text.length();
        while (i < n) {
            char c = text.charAt(i);
            if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
                if (inWord) {
                    words.add(word.toString());
                    word.setLength(0);
                    inWord = false;
                }
                i++;
            } else if (c == '\'') {
                int close = text.indexOf('\'', i + 1);
                if (close < 0) {
                    throw new IllegalArgumentException("unclosed single quote");
                }
                word.append(text, i + 1, close);
                inWord = true;
                i = close + 1;
            } else if (c == '"') {
                i = doubleQuoted(text, i + 1, word);
                inWord = true;
            } else if (c == '\\') {
                if (i + 1 >= n) {
                    throw new IllegalArgumentException("trailing backslash");
                }
                char next = text.charAt(i + 1);
                if (next != '\n') {
                    word.append(next);
                    inWord = true;
                }
                i += 2;
            } else {
                word.append(c);
                inWord = true;
                i++;
            }
        }
        if (inWord) {
            words.add(word.toString());
        }
        return words;
    }

    private static int doubleQuoted(String text, int start, StringBuilder word) {
        int i = start;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '"') {
                return i + 1;
            }
            if (c == '\\' && i + 1 < text.length()) {
                char next = text.charAt(i + 1);
                // Inside double quotes a backslash only escapes the characters the shell gives meaning there.
                if (next == '"' || next == '\\' || next == '$' || next == '`') {
                    word.append(next);
                    i += 2;
                    continue;
                }
                if (next == '\n') {
                    i += 2;
                    continue;
                }
            }
            word.append(c);
            i++;
        }
        throw new IllegalArgumentException("unclosed double quote");
    }

    /** The words joined back so that {@link #split} gives them again; for messages. */
    static String join(List<String> words) {
        StringBuilder out = new StringBuilder();
        for (String w : words) {
            if (!out.isEmpty()) {
                out.append(' ');
            }
            if (!w.isEmpty() && w.chars().allMatch(ShellWords::isPlain)) {
                out.append(w);
            } else {
                out.append('\'').append(w.replace("'", "'\\''")).append('\'');
            }
        }
        return out.toString();
    }

    private static boolean isPlain(int c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                || "-_./=:,+@%^".indexOf(c) >= 0;
    }
}
