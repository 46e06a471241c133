package dev.warden.policy.risk;

import java.util.Locale;

/**
 * Host names as evidence: whether a destination is this machine, and whether a name looks like data smuggled
 * through DNS (a label built at run time, unusually long, or encoded) rather than a place someone would visit.
 */
final class Hosts {
    private Hosts() {
    }

    /** A label longer than this is not a name people choose; DNS tunnels fill labels up to 63 characters. */
    private static final int LONG_LABEL = 40;
    /** Encoded data shorter than this is too short to carry anything worth stealing. */
    private static final int ENCODED_LABEL = 16;

    /** The host of a URL ({@code https://user@host:8080/x}), of {@code host:port} or {@code user@host:path}, or the word. */
    static String hostOf(String word) {
        String w = word;
        int scheme = w.indexOf("://");
        if (scheme >= 0) {
            w = w.substring(scheme + 3);
        }
        int end = w.length();
        for (int i = 0; i < w.length(); i++) {
            char c = w.charAt(i);
            if (c == '/' || c == '?' || c == '#') {
                end = i;
                break;
            }
        }
        w = w.substring(0, end);
        int at = w.lastIndexOf('@');
        if (at >= 0) {
            w = w.substring(at + 1);
        }
        if (w.startsWith("[")) {
            int close = w.indexOf(']');
            return close > 0 ? w.substring(1, close) : w;
        }
        int colon = w.indexOf(':');
        return colon >= 0 && w.indexOf(':', colon + 1) < 0 ? w.substring(0, colon) : w;
    }

    /** Whether a host is this machine: sending there is not exfiltration. */
    static boolean isLocal(String host) {
        String h = host.toLowerCase(Locale.ROOT);
        return h.equals("localhost") || h.startsWith("127.") || h.equals("::1") || h.equals("0.0.0.0")
                || h.endsWith(".localhost") || h.isEmpty();
    }

    /** Why a host name looks like a DNS exfiltration channel, or null when it looks like an ordinary name. */
    static String smuggling(String host) {
        int dot = host.lastIndexOf('.');
        if (dot <= 0) {
            return null; // a bare word, a variable holding a whole host: nothing to say
        }
        String labels = host.substring(0, dot);
        if (labels.contains("$") || labels.contains("`") || labels.contains("…")) {
            return "a name built from data at run time";
        }
        for (String label : labels.split("\\.")) {
            if (label.length() > LONG_LABEL) {
                return "a " + label.length() + "-character label";
            }
            if (label.length() >= ENCODED_LABEL && looksEncoded(label)) {
                return "an encoded-looking label";
            }
            if (label.endsWith("=") && label.length() >= 8) {
                return "a base64 label";
            }
        }
        return null;
    }

    /** Base64 with both cases and digits, or long hexadecimal: not how people name machines. */
    private static boolean looksEncoded(String label) {
        boolean upper = false;
        boolean lower = false;
        boolean digit = false;
        boolean hex = true;
        for (int i = 0; i < label.length(); i++) {
            char c = label.charAt(i);
            upper |= c >= 'A' && c <= 'Z';
            lower |= c >= 'a' && c <= 'z';
            digit |= c >= '0' && c <= '9';
            hex &= (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
            if (c == '+' || c == '/' || c == '=') {
                return true;
            }
        }
        return (upper && lower && digit) || (hex && label.length() >= 32);
    }
}
