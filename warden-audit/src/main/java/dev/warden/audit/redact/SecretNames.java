package dev.warden.audit.redact;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Whether a variable, option or field name looks like it holds a secret: {@code GITHUB_TOKEN},
 * {@code db.password}, {@code apiKey}, {@code --client-secret}. Names are split into words (on
 * punctuation and camelCase) so {@code AUTHOR} and {@code PASSPORT_NO} stay readable, and {@code PWD}
 * (the working directory) is left alone.
 */
final class SecretNames {
    private static final Set<String> SECRET_WORDS = Set.of("password", "passwd", "passphrase", "pass", "secret",
            "secrets", "token", "apikey", "credential", "credentials", "auth", "authorization", "oauth", "cookie",
            "privatekey", "accesskey", "secretkey", "pat");

    /** Names seen before; event field names and environment variable names repeat endlessly. */
    private static final java.util.concurrent.ConcurrentHashMap<String, Boolean> SEEN = new java.util.concurrent.ConcurrentHashMap<>();
    private static final int SEEN_LIMIT = 4096;

    private SecretNames() {}

    static boolean looksSecretCached(String name) {
        Boolean known = SEEN.get(name);
        if (known != null) {
            return known;
        }
        boolean secret = looksSecret(name);
        if (SEEN.size() < SEEN_LIMIT && name.length() <= 64) {
            SEEN.put(name, secret);
        }
        return secret;
    }

    static boolean looksSecret(String name) {
        if (name.length() < 3 || name.length() > 200) {
            return false;
        }
        List<String> words = words(name);
        for (int i = 0; i < words.size(); i++) {
            String word = words.get(i);
            if (SECRET_WORDS.contains(word)) {
                return true;
            }
            // API_KEY, SIGNING_KEY, SECRET_ACCESS_KEY; a lone "key" is usually a lookup key, not a secret.
            if (word.equals("key") && i > 0 && i == words.size() - 1) {
                return true;
            }
        }
        return false;
    }

    static List<String> words(String name) {
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            boolean boundary = !Character.isLetterOrDigit(c)
                    || (Character.isUpperCase(c) && i > 0 && Character.isLowerCase(name.charAt(i - 1)));
            if (boundary && !word.isEmpty()) {
                words.add(word.toString().toLowerCase(Locale.ROOT));
                word.setLength(0);
            }
            if (Character.isLetterOrDigit(c)) {
                word.append(c);
            }
        }
        if (!word.isEmpty()) {
            words.add(word.toString().toLowerCase(Locale.ROOT));
        }
        return words;
    }
}
