package dev.warden.policy.rules;

import java.util.List;
import java.util.Locale;

/** Checks shared by both rule formats, so a rule means the same thing whether written in Starlark or TOML. */
final class RuleValidation {
    private RuleValidation() {
    }

    /** A problem with one example, or null when the example agrees with the rule. */
    static String exampleProblem(PrefixRule rule, List<String> example, boolean shouldMatch) {
        boolean matches = rule.matches(example);
        if (shouldMatch && !matches) {
            return "match example \"" + ShellWords.join(example) + "\" is not matched by " + rule.describe()
                    + "; fix the example or the pattern (patterns match the first words exactly)";
        }
        if (!shouldMatch && matches) {
            return "not_match example \"" + ShellWords.join(example) + "\" is matched by " + rule.describe()
                    + "; fix the example or make the pattern more specific";
        }
        return null;
    }

    /** Splits a string example into words; throws {@link IllegalArgumentException} with a readable message. */
    static List<String> exampleWords(String text) {
        List<String> words;
        try {
            words = ShellWords.split(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("example \"" + text + "\" is not valid shell words (" + e.getMessage()
                    + "); close the quote or write the example as a list of words");
        }
        if (words.isEmpty()) {
            throw new IllegalArgumentException("example is empty; write the command the rule should (not) match");
        }
        return words;
    }

    /**
     * Codex's network-rule host normalisation: a specific host or IP literal, lower-case, an optional port dropped.
     * Wildcards are refused because a rule for {@code *} would quietly open the whole network.
     */
    static String normalizeHost(String raw) {
        String host = raw.strip();
        if (host.isEmpty()) {
            throw new IllegalArgumentException("host is empty; give a host name such as \"api.github.com\"");
        }
        if (host.contains("://") || host.contains("/") || host.contains("?") || host.contains("#")) {
            throw new IllegalArgumentException("host \"" + raw + "\" must be a host name or IP address, without scheme or path");
        }
        if (host.startsWith("[")) {
            int close = host.indexOf(']');
            if (close < 0) {
                throw new IllegalArgumentException("host \"" + raw + "\" has an unclosed IPv6 bracket");
            }
            String rest = host.substring(close + 1);
            if (!rest.isEmpty() && !(rest.length() > 1 && rest.charAt(0) == ':' && allDigits(rest.substring(1)))) {
                throw new IllegalArgumentException("host \"" + raw + "\" has an unexpected suffix after the IPv6 address");
            }
            host = host.substring(1, close);
        } else {
            int colon = host.indexOf(':');
            if (colon > 0 && colon == host.lastIndexOf(':') && colon < host.length() - 1
                    && allDigits(host.substring(colon + 1))) {
                host = host.substring(0, colon);
            }
        }
        while (host.endsWith(".")) {
            host = host.substring(0, host.length() - 1);
        }
        host = host.strip().toLowerCase(Locale.ROOT);
        if (host.isEmpty()) {
            throw new IllegalArgumentException("host is empty; give a host name such as \"api.github.com\"");
        }
        if (host.contains("*")) {
            throw new IllegalArgumentException("host \"" + raw + "\" has a wildcard; name one specific host per rule");
        }
        for (int i = 0; i < host.length(); i++) {
            if (Character.isWhitespace(host.charAt(i))) {
                throw new IllegalArgumentException("host \"" + raw + "\" contains whitespace");
            }
        }
        return host;
    }

    /** Codex's protocol names, with its aliases for HTTPS CONNECT. */
    static String normalizeProtocol(String raw) {
        return switch (raw) {
            case "http" -> "http";
            case "https", "https_connect", "http-connect" -> "https";
            case "socks5_tcp" -> "socks5_tcp";
            case "socks5_udp" -> "socks5_udp";
            default -> throw new IllegalArgumentException("unknown protocol \"" + raw
                    + "\"; use one of \"http\", \"https\", \"socks5_tcp\", \"socks5_udp\"");
        };
    }

    /** Network rules also accept Codex's {@code "deny"} as a synonym for {@code "forbidden"}. */
    static RuleDecision networkDecision(String raw) {
        if ("deny".equals(raw)) {
            return RuleDecision.FORBIDDEN;
        }
        try {
            return RuleDecision.parse(raw);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(e.getMessage() + " (or \"deny\")");
        }
    }

    static String justificationProblem(String justification) {
        if (justification.isBlank()) {
            return "justification is blank; say why the rule exists (it is shown when the rule matches)";
        }
        return null;
    }

    private static boolean allDigits(String s) {
        if (s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }
}
