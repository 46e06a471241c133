package dev.warden.audit.redact;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Masks secrets before anything is stored or exported: private key blocks, cloud and SaaS tokens by
 * their shapes, Authorization headers, passwords in URLs, and values of secret-looking names
 * ({@code API_TOKEN=...}, {@code "password": "..."}, {@code --client-secret X}). A secret becomes
 * {@code [REDACTED:kind]}; the rest of the text stays, so the record still says what happened.
 *
 * <p>It errs towards masking: a log that hides a harmless value costs a question, one that keeps a live
 * token costs an incident. Patterns are compiled once; texts without any trigger character are returned
 * as they are.
 */
public final class Redactor {
    public static final String MARK = "[REDACTED";

    private static final Pattern PRIVATE_KEY = Pattern.compile(
            "-----BEGIN[A-Z0-9 ]{0,40}PRIVATE KEY(?: BLOCK)?-----[\\s\\S]*?(?:-----END[A-Z0-9 ]{0,40}PRIVATE KEY(?: BLOCK)?-----|\\z)");

    /** Token shapes that announce themselves by prefix; the kind is read from the match. */
    private static final Pattern TOKENS = Pattern.compile(
            "\\b(?:gh[pousr]_[A-Za-z0-9]{36,255}"
                    + "|github_pat_[A-Za-z0-9_]{22,255}"
                    + "|gl(?:pat|dt|rt|ptt|cbt|soat|ft|imt|oas|agent)-[A-Za-z0-9_-]{20,}"
                    + "|xox[abposre]-[A-Za-z0-9-]{10,}"
                    + "|xapp-\\d-[A-Za-z0-9-]{10,}"
                    + "|sk-ant-[A-Za-z0-9_-]{20,}"
                    + "|sk-[A-Za-z0-9_-]{20,}"
                    + "|[rs]k_(?:live|test)_[A-Za-z0-9]{16,}"
                    + "|(?:AKIA|ASIA|ABIA|ACCA)[A-Z0-9]{16}"
                    + "|AIza[0-9A-Za-z_-]{35}"
                    + "|npm_[A-Za-z0-9]{36}"
                    + "|hf_[A-Za-z0-9]{30,}"
                    + "|eyJ[A-Za-z0-9_-]{8,}\\.eyJ[A-Za-z0-9_-]{8,}\\.[A-Za-z0-9_-]{8,})"
                    + "|https://hooks\\.slack\\.com/(?:services|workflows|triggers)/[A-Za-z0-9/_-]+");

    private static final Pattern URL_PASSWORD = Pattern.compile("\\b([A-Za-z][A-Za-z0-9+.-]{0,20}://[^/\\s:@\"']*):([^/\\s@\"']+)@");

    private static final Pattern AUTH_HEADER = Pattern.compile(
            "(?i)\\b((?:proxy-)?authorization\\s*[:=]\\s*)(?:(bearer|basic|token|digest|negotiate|apikey)\\s+)?([^\\s\"',;]+)");

    private static final Pattern AUTH_SCHEME = Pattern.compile("\\b([Bb]earer|Basic|[Tt]oken)\\s+([A-Za-z0-9._~+/-]{8,}=*)");

    /**
     * The name and separator of {@code NAME=value}, {@code NAME: value}, {@code "NAME": "value"}. Only the
     * name is matched, so a value that is not masked is still searched (a JSON body holding a command line).
     */
    private static final Pattern ASSIGNMENT = Pattern.compile(
            "(?<![A-Za-z0-9_])([A-Za-z_][A-Za-z0-9_.-]{1,100})((?:\\\\?[\"'])?[ \\t]*[=:][ \\t]*)");

    /** A free-standing 40-character base64 word: the shape of an AWS secret access key. */
    private static final Pattern AWS_SECRET = Pattern.compile("(?<![A-Za-z0-9/+=])[A-Za-z0-9/+]{40}(?![A-Za-z0-9/+=])");

    private static final Pattern FLAG = Pattern.compile("--?([A-Za-z][A-Za-z0-9_-]*)");

    /** The redactor every store and exporter uses. */
    public static final Redactor DEFAULT = new Redactor();

    private Redactor() {}

    /** {@code text} with every secret masked. */
    public String redact(String text) {
        // Cheap tests first: most strings (argv words, paths, ids) cannot hold any of the shapes below, and
        // this runs for every string of every event on the emitting thread.
        if (text.length() < 15) {
            return text.indexOf('=') < 0 && text.indexOf(':') < 0 ? text : maskAssignments(text);
        }
        String out = text;
        if (out.contains("PRIVATE KEY")) {
            out = PRIVATE_KEY.matcher(out).replaceAll("[REDACTED:private-key]");
        }
        int run = longestTokenRun(out);
        if (run >= 15) {
            out = replace(TOKENS, out, m -> "[REDACTED:" + tokenKind(m.group()) + "]");
        }
        if (out.contains("://") && out.indexOf('@') > 0) {
            out = replace(URL_PASSWORD, out, m -> m.group(1) + ":[REDACTED:url-password]@");
        }
        if (containsIgnoreCase(out, "authorization")) {
            out = replace(AUTH_HEADER, out, m -> m.group(3).startsWith(MARK) ? m.group()
                    : m.group(1) + (m.group(2) == null ? "" : m.group(2) + " ") + "[REDACTED:authorization]");
        }
        if (containsIgnoreCase(out, "bearer") || out.contains("Basic") || containsIgnoreCase(out, "token")) {
            out = replace(AUTH_SCHEME, out, m -> looksRandom(m.group(2)) ? m.group(1) + " [REDACTED:authorization]" : m.group());
        }
        if (out.indexOf('=') >= 0 || out.indexOf(':') >= 0) {
            out = maskAssignments(out);
        }
        if (run >= 40) {
            out = replace(AWS_SECRET, out, m -> hasUpperLowerDigit(m.group()) ? "[REDACTED:aws-secret-key]" : m.group());
        }
        return out;
    }

    /** The longest run of characters a token or key can be made of (letters, digits, {@code _-+/=.}). */
    private static int longestTokenRun(String text) {
        int longest = 0;
        int current = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-'
                    || c == '+' || c == '/' || c == '=' || c == '.') {
                current++;
                if (current > longest) {
                    longest = current;
                }
            } else {
                current = 0;
            }
        }
        return longest;
    }

    /** {@code needle} (lower case) anywhere in {@code text}, ignoring ASCII case. */
    private static boolean containsIgnoreCase(String text, String needle) {
        int n = needle.length();
        outer:
        for (int i = 0; i <= text.length() - n; i++) {
            for (int j = 0; j < n; j++) {
                char c = text.charAt(i + j);
                if (c != needle.charAt(j) && (c | 0x20) != needle.charAt(j)) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    /**
     * A copy of a JSON value (maps, lists, strings, scalars) with every string redacted, the value of every
     * secret-looking key masked whole, and in lists of words the word after a secret-looking option
     * ({@code --password X}) masked.
     */
    public Object redactJson(Object value) {
        return switch (value) {
            case String text -> redact(text);
            case Map<?, ?> map -> {
                Map<String, Object> out = new LinkedHashMap<>();
                map.forEach((k, v) -> {
                    String key = redact(String.valueOf(k));
                    boolean secret = v instanceof String s && !s.isEmpty() && SecretNames.looksSecretCached(key);
                    out.put(key, secret ? "[REDACTED:secret-value]" : redactJson(v));
                });
                yield out;
            }
            case Collection<?> list -> redactList(list);
            case null, default -> value;
        };
    }

    private List<Object> redactList(Collection<?> list) {
        List<Object> out = new ArrayList<>(list.size());
        boolean maskNext = false;
        boolean userNext = false;
        for (Object item : list) {
            if (maskNext && item instanceof String word && !word.startsWith("-")) {
                out.add("[REDACTED:secret-value]");
                maskNext = false;
                continue;
            }
            if (userNext && item instanceof String word && word.indexOf(':') > 0) {
                // curl -u user:password, --user user:password
                out.add(redact(word.substring(0, word.indexOf(':'))) + ":[REDACTED:password]");
                userNext = false;
                continue;
            }
            maskNext = false;
            userNext = false;
            if (item instanceof String word && word.startsWith("-")) {
                Matcher flag = FLAG.matcher(word);
                maskNext = flag.matches() && SecretNames.looksSecretCached(flag.group(1));
                userNext = word.equals("-u") || word.equals("--user") || word.equals("--proxy-user");
            }
            out.add(redactJson(item));
        }
        return out;
    }

    /** Masks the value after every secret-looking name: a quoted string whole, else up to a delimiter. */
    private static String maskAssignments(String text) {
        Matcher m = ASSIGNMENT.matcher(text);
        StringBuilder out = null;
        int copied = 0;
        int from = 0;
        while (from < text.length() && m.find(from)) {
            int valueStart = m.end();
            int valueEnd = valueEnd(text, valueStart);
            from = m.end();
            if (valueEnd - valueStart < 1 || !SecretNames.looksSecret(m.group(1))) {
                continue;
            }
            String value = text.substring(valueStart, valueEnd);
            String quote = value.startsWith("\\\"") ? "\\\"" : value.startsWith("\"") ? "\"" : value.startsWith("'") ? "'" : "";
            if (value.contains(MARK) || (!quote.isEmpty() && value.length() <= 2 * quote.length())) {
                continue;
            }
            if (out == null) {
                out = new StringBuilder(text.length());
            }
            out.append(text, copied, valueStart);
            out.append(quote).append("[REDACTED:secret-value]").append(quote);
            copied = valueEnd;
            from = valueEnd;
        }
        return out == null ? text : out.append(text, copied, text.length()).toString();
    }

    private static int valueEnd(String text, int start) {
        if (start >= text.length()) {
            return start;
        }
        if (text.startsWith("\\\"", start)) {
            // A quoted value inside a JSON string: {"cmd": "TOKEN=\"abc def\" run"}
            int close = text.indexOf("\\\"", start + 2);
            return close < 0 ? text.length() : close + 2;
        }
        char first = text.charAt(start);
        if (first == '"' || first == '\'') {
            for (int i = start + 1; i < text.length(); i++) {
                char c = text.charAt(i);
                if (c == '\\' && first == '"') {
                    i++;
                } else if (c == first) {
                    return i + 1;
                }
            }
            return text.length(); // unterminated: mask to the end
        }
        int i = start;
        while (i < text.length() && " \t\r\n\"',;&|)}]".indexOf(text.charAt(i)) < 0) {
            i++;
        }
        return i;
    }

    private static String replace(Pattern pattern, String text, java.util.function.Function<Matcher, String> replacement) {
        Matcher m = pattern.matcher(text);
        if (!m.find()) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length());
        int last = 0;
        do {
            out.append(text, last, m.start()).append(replacement.apply(m));
            last = m.end();
        } while (m.find());
        return out.append(text, last, text.length()).toString();
    }

    private static String tokenKind(String token) {
        if (token.startsWith("gh") || token.startsWith("github_pat_")) {
            return "github-token";
        }
        if (token.startsWith("gl")) {
            return "gitlab-token";
        }
        if (token.startsWith("xox") || token.startsWith("xapp-") || token.startsWith("https://hooks.slack.com/")) {
            return "slack-token";
        }
        if (token.startsWith("sk-ant-")) {
            return "anthropic-key";
        }
        if (token.startsWith("sk-")) {
            return "openai-key";
        }
        if (token.startsWith("sk_") || token.startsWith("rk_")) {
            return "stripe-key";
        }
        if (token.startsWith("AIza")) {
            return "google-api-key";
        }
        if (token.startsWith("npm_")) {
            return "npm-token";
        }
        if (token.startsWith("hf_")) {
            return "huggingface-token";
        }
        if (token.startsWith("eyJ")) {
            return "jwt";
        }
        return "aws-access-key";
    }

    /** Credentials mix classes; English words ("Basic Authentication") do not. */
    private static boolean looksRandom(String token) {
        boolean digit = false;
        boolean symbol = false;
        boolean innerUpper = false;
        for (int i = 0; i < token.length(); i++) {
            char c = token.charAt(i);
            digit |= Character.isDigit(c);
            symbol |= c == '+' || c == '/' || c == '=' || c == '_' || c == '-' || c == '.';
            innerUpper |= i > 0 && Character.isUpperCase(c);
        }
        return digit || symbol || innerUpper;
    }

    private static boolean hasUpperLowerDigit(String s) {
        boolean upper = false;
        boolean lower = false;
        boolean digit = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            upper |= Character.isUpperCase(c);
            lower |= Character.isLowerCase(c);
            digit |= Character.isDigit(c);
        }
        return upper && lower && digit;
    }
}
