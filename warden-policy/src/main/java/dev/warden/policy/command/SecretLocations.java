package dev.warden.policy.command;

import java.util.List;
import java.util.Locale;

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
            ".mozilla", "google-chrome", "chromium", "login data", "cookies.sqlite"};

    /** Lower-case fragments of places that point at credentials without holding them. */
    private static final String[] TRACES = {
            ".ssh", "credential", "_history", ".history", "histfile", "/etc/sudoers", "password"};

    /** Lower-case parts of environment variable names that hold secrets by convention. */
    private static final String[] SECRET_VARIABLE_PARTS = {
            "token", "secret", "password", "passwd", "api_key", "apikey", "access_key", "private_key", "credential"};

    static boolean mentionedIn(List<String> argv) {
        for (int i = 1; i < argv.size(); i++) {
            if (isSecret(argv.get(i))) {
                return true;
            }
        }
        return false;
    }

    public static boolean isSecret(String word) {
        return store(word) != null || trace(word) != null || secretVariable(word) != null;
    }

    /** The fragment of {@code word} that names a credential store ({@code id_rsa}, {@code .aws}, a .env file...), or null. */
    public static String store(String word) {
        String w = word.toLowerCase(Locale.ROOT);
        if (w.endsWith(".pub")) {
            return null; // a public key is meant to be shared
        }
        for (String marker : STORES) {
            if (w.contains(marker)) {
                return marker;
            }
        }
        return dotenv(w) ? ".env" : null;
    }

    /** The fragment of {@code word} that points at credentials without holding them (a history file...), or null. */
    public static String trace(String word) {
        String w = word.toLowerCase(Locale.ROOT);
        for (String marker : TRACES) {
            if (w.contains(marker)) {
                return marker;
            }
        }
        return null;
    }

    /** The secret-looking part of a variable expanded in {@code word} ({@code $GITHUB_TOKEN} gives "token"), or null. */
    public static String secretVariable(String word) {
        if (word.indexOf('$') < 0) {
            return null;
        }
        // $GITHUB_TOKEN, ${AWS_SECRET_ACCESS_KEY}: expanding a secret variable prints it.
        String w = word.toLowerCase(Locale.ROOT);
        for (String name : SECRET_VARIABLE_PARTS) {
            if (w.contains(name)) {
                return name;
            }
        }
        return null;
    }

    /** .env, ./.env, config/.env.local: dotenv files hold API keys by convention. */
    private static boolean dotenv(String w) {
        int env = w.indexOf(".env");
        while (env >= 0) {
            boolean starts = env == 0 || "/=:".indexOf(w.charAt(env - 1)) >= 0;
            int end = env + 4;
            boolean ends = end == w.length() || w.charAt(end) == '.' || w.charAt(end) == '/' || w.charAt(end) == '*';
            if (starts && ends) {
                return true;
            }
            env = w.indexOf(".env", env + 1);
        }
        return false;
    }
}
