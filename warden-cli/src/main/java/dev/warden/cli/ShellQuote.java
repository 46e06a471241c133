package dev.warden.cli;

import java.util.List;

/** Quotes words so a person can copy a command back into a shell exactly. */
final class ShellQuote {
    private ShellQuote() {}

    static String join(List<String> words) {
        StringBuilder out = new StringBuilder();
        for (String word : words) {
            if (!out.isEmpty()) {
                out.append(' ');
            }
            out.append(quote(word));
        }
        return out.toString();
    }

    static String quote(String word) {
        if (!word.isEmpty() && word.chars().allMatch(ShellQuote::plain)) {
            return word;
        }
        return "'" + word.replace("'", "'\\''") + "'";
    }

    private static boolean plain(int c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || "-_./=:,+@%".indexOf(c) >= 0;
    }
}
