package dev.warden.policy.command;

import java.util.List;

/**
 * Words that point at credentials: key files, cloud and cluster configs, shell histories, .env files, password
 * stores, browser profiles, process environments. Reading them is read-only, but it puts secrets into the agent's context (and so
 * into a model provider's logs), which is the first half of every exfiltration. A command that names one is never
 * "known safe"; the policy asks instead.
 *
 * <p>Two grades: a <em>store</em> holds credentials itself (a private key, a cloud credentials file, a keyring); a
 * <em>trace</em> points at them (the SSH directory, a shell history where passwords were typed, the account
 * database, anything named after passwords).
 */
public final class SecretLocations {
    private SecretLocations() {
    }

    /** Lower-case fragments of places that hold credentials themselves: keys, tokens, password databases. */
    private static final String[] STORES = {
            ".ssh/id_", "id_rsa", "id_dsa", "id_ecdsa", "id_ed25519", ".gnupg", ".aws", ".azure", ".config/gcloud",
            ".kube", ".oci", ".docker/config", ".netrc", ".pgpass", ".git-credentials", "/etc/shadow", "/etc/gshadow",
            "master.passwd", "/environ", "/proc/kcore", ".password-store", "keychain", "keyring", ".vault-token",
            "msal_token", "access_tokens", "accesstokens", "/run/secrets/", "serviceaccount/token",
            // Browser profiles: saved logins, cookies and history.
            ".mozilla", "google-chrome", "chromium", "login data", "cookies.sqlite",
            // Last, and only a candidate: a dotenv file needs the boundaries dotenv() checks.
            ".env"};

    /** Lower-case fragments of places that point at credentials without holding them. */
    private static final String[] TRACES = {
            ".ssh", "credential", "_history", ".history", "histfile", "/etc/sudoers", "password"};

    /** Lower-case parts of environment variable names that hold secrets by convention. */
    private static final String[] SECRET_VARIABLE_PARTS = {
            "token", "secret", "password", "passwd", "api_key", "apikey", "access_key", "private_key", "credential"};

    private static final MarkerSet STORE_MARKERS = new MarkerSet(STORES);
    private static final MarkerSet TRACE_MARKERS = new MarkerSet(TRACES);
    private static final MarkerSet VARIABLE_MARKERS = new MarkerSet(SECRET_VARIABLE_PARTS);

    /** Stores, then traces, then variable parts: one automaton for {@link #isSecret}, every word of every command. */
    private static final MarkerSet EVERY_MARKER = new MarkerSet(concat(STORES, TRACES, SECRET_VARIABLE_PARTS));
    private static final long STORE_BITS = bits(0, STORES.length);
    private static final long DOTENV_BIT = 1L << (STORES.length - 1);
    private static final long TRACE_BITS = bits(STORES.length, TRACES.length);
    private static final long VARIABLE_BITS = bits(STORES.length + TRACES.length, SECRET_VARIABLE_PARTS.length);

    private static String[] concat(String[]... parts) {
        return java.util.Arrays.stream(parts).flatMap(java.util.Arrays::stream).toArray(String[]::new);
    }

    private static long bits(int from, int count) {
        return count == 64 ? -1L : ((1L << count) - 1) << from;
    }

    static boolean mentionedIn(List<String> argv) {
        for (int i = 1; i < argv.size(); i++) {
            if (isSecret(argv.get(i))) {
                return true;
            }
        }
        return false;
    }

    /** Whether {@code word} names a store, a trace or a secret variable: {@link #store}, {@link #trace} and {@link #secretVariable} in one pass. */
    public static boolean isSecret(String word) {
        long found = EVERY_MARKER.matches(word);
        if (found == 0) {
            return false;
        }
        if ((found & TRACE_BITS) != 0 || ((found & VARIABLE_BITS) != 0 && word.indexOf('$') >= 0)) {
            return true;
        }
        if ((found & STORE_BITS) == 0 || endsWithIgnoreCase(word, ".pub")) {
            return false;
        }
        return (found & STORE_BITS & ~DOTENV_BIT) != 0 || dotenv(word);
    }

    /** The fragment of {@code word} that names a credential store ({@code id_rsa}, {@code .aws}, a .env file...), or null. */
    public static String store(String word) {
        if (endsWithIgnoreCase(word, ".pub")) {
            return null; // a public key is meant to be shared
        }
        String marker = STORE_MARKERS.firstIn(word);
        if (!".env".equals(marker)) {
            return marker;
        }
        return dotenv(word) ? ".env" : null;
    }

    private static boolean endsWithIgnoreCase(String word, String suffix) {
        return word.regionMatches(true, word.length() - suffix.length(), suffix, 0, suffix.length());
    }

    /** The fragment of {@code word} that points at credentials without holding them (a history file...), or null. */
    public static String trace(String word) {
        return TRACE_MARKERS.firstIn(word);
    }

    /** The secret-looking part of a variable expanded in {@code word} ({@code $GITHUB_TOKEN} gives "token"), or null. */
    public static String secretVariable(String word) {
        if (word.indexOf('$') < 0) {
            return null;
        }
        // $GITHUB_TOKEN, ${AWS_SECRET_ACCESS_KEY}: expanding a secret variable prints it.
        return VARIABLE_MARKERS.firstIn(word);
    }

    /** .env, ./.env, config/.env.local: dotenv files hold API keys by convention. */
    private static boolean dotenv(String w) {
        for (int env = w.indexOf('.'); env >= 0; env = w.indexOf('.', env + 1)) {
            if (!w.regionMatches(true, env, ".env", 0, 4)) {
                continue;
            }
            boolean starts = env == 0 || "/=:".indexOf(w.charAt(env - 1)) >= 0;
            int end = env + 4;
            boolean ends = end == w.length() || w.charAt(end) == '.' || w.charAt(end) == '/' || w.charAt(end) == '*';
            if (starts && ends) {
                return true;
            }
        }
        return false;
    }
}
