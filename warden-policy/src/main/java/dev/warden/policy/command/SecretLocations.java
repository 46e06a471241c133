package dev.warden.policy.command;

import java.util.List;
import java.util.Locale;

/**
 * Words that point at credentials: key files, cloud and cluster configs, shell histories, .env files, password
 * stores, browser profiles, process environments. Reading them is read-only, but it puts secrets into the agent's context (and so
 * into a model provider's logs), which is the first half of every exfiltration. A command that names one is never
 * "known safe"; the policy asks instead.
 */
final class SecretLocations {
    private SecretLocations() {
    }

    /** Lower-case fragments; any word containing one names a secret location. */
    private static final String[] MARKERS = {
            ".ssh", "id_rsa", "id_dsa", "id_ecdsa", "id_ed25519", ".gnupg", ".aws", ".azure", ".config/gcloud", ".kube",
            ".oci", ".docker/config", ".netrc", ".pgpass", ".git-credentials", "credential", "_history", ".history",
            "histfile", "/etc/shadow", "/etc/gshadow", "/etc/sudoers", "/environ", "/proc/kcore", ".password-store",
            "keychain", "keyring", "password", ".vault-token", "msal_token", "access_tokens", "accesstokens",
            // Browser profiles: saved logins, cookies and history.
            ".mozilla", "google-chrome", "chromium", "login data", "cookies.sqlite"};

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

    static boolean isSecret(String word) {
        String w = word.toLowerCase(Locale.ROOT);
        for (String marker : MARKERS) {
            if (w.contains(marker)) {
                return true;
            }
        }
        // $GITHUB_TOKEN, ${AWS_SECRET_ACCESS_KEY}: expanding a secret variable prints it.
        if (w.indexOf('$') >= 0) {
            for (String name : SECRET_VARIABLE_PARTS) {
                if (w.contains(name)) {
                    return true;
                }
            }
        }
        // .env, ./.env, config/.env.local: dotenv files hold API keys by convention.
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
