package dev.warden.policy.network;

import java.net.IDN;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.Locale;
import java.util.Objects;

/**
 * A destination host in the one form Warden decides on: a lower-case ASCII (punycode) DNS name without
 * a trailing dot, or an IP address. Every spelling that reaches the same place must canonicalise to the
 * same value, or a policy written for one spelling is bypassed with another (escape case 34):
 * {@code GitHub.COM.}, {@code ｇｉｔｈｕｂ.com} and {@code github.com} are one name; {@code 2130706433},
 * {@code 0x7f.1}, {@code 0177.0.0.1}, {@code 127.1} and {@code ::ffff:127.0.0.1} are one address.
 *
 * <p>Numbers follow the WHATWG URL standard and POSIX {@code inet_aton}, which is what curl and libc do
 * with them: a name whose last label is a number is an IPv4 address or nothing. A name that only
 * <em>looks</em> like another (a Cyrillic {@code а} in {@code аpple.com}) canonicalises to its own
 * punycode name and matches no pattern written for the Latin one.
 */
public sealed interface CanonicalHost permits CanonicalHost.Name, CanonicalHost.Ip {

    /** Longest accepted raw input: anything longer is refused before any work is done on it. */
    int MAX_INPUT = 1024;
    /** RFC 1035: 255 octets on the wire, 253 characters in text without the trailing dot. */
    int MAX_NAME = 253;
    int MAX_LABEL = 63;

    /** The canonical text: {@code example.com}, {@code 127.0.0.1}, {@code 2001:db8::1} (no brackets). */
    String text();

    /** {@code host:port}, with IPv6 addresses in brackets. */
    default String authority(int port) {
        return (this instanceof Ip ip && ip.address() instanceof Inet6Address ? "[" + text() + "]" : text()) + ":" + port;
    }

    /** A DNS name: lower-case ASCII labels of letters, digits, {@code -} and {@code _}. */
    record Name(String text) implements CanonicalHost {
        public Name {
            Objects.requireNonNull(text, "text");
        }
    }

    /** An IP address literal; IPv4-mapped IPv6 addresses are IPv4 here. */
    record Ip(InetAddress address) implements CanonicalHost {
        public Ip {
            Objects.requireNonNull(address, "address");
        }

        @Override
        public String text() {
            return address instanceof Inet6Address ? ipv6Text(address.getAddress()) : address.getHostAddress();
        }
    }

    /** Canonicalises a host as a client wrote it (without port; IPv6 may be in brackets). */
    static CanonicalHost parse(String raw) throws InvalidHostException {
        if (raw == null || raw.isEmpty()) {
            throw new InvalidHostException("empty host name");
        }
        if (raw.length() > MAX_INPUT) {
            throw new InvalidHostException("host name longer than " + MAX_INPUT + " characters");
        }
        boolean ascii = true;
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == 0) {
                throw new InvalidHostException("host name contains a NUL character");
            }
            if (c < 0x20 || c == 0x7f || (c >= 0x80 && c <= 0x9f)) {
                throw new InvalidHostException(String.format("host name contains control character U+%04X", (int) c));
            }
            if (Character.isWhitespace(c) || Character.isSpaceChar(c)) {
                throw new InvalidHostException(String.format("host name contains white space (U+%04X)", (int) c));
            }
            if (c < 0x80 && !allowedAscii(c)) {
                throw new InvalidHostException("character '" + c + "' is not allowed in a host name");
            }
            ascii &= c < 0x80;
        }
        if (raw.charAt(0) == '[') {
            if (raw.length() < 3 || raw.charAt(raw.length() - 1) != ']') {
                throw new InvalidHostException("unbalanced '[' in host \"" + raw + "\"");
            }
            return ipv6(raw.substring(1, raw.length() - 1));
        }
        if (raw.indexOf(':') >= 0) {
            return ipv6(raw);
        }
        if (raw.indexOf('[') >= 0 || raw.indexOf(']') >= 0) {
            throw new InvalidHostException("'[' and ']' only enclose an IPv6 address");
        }
        String name = raw;
        if (!ascii) {
            try {
                // IDNA2003 with NFKC: full-width letters and ideographic full stops become their ASCII selves.
                name = IDN.toASCII(raw);
            } catch (IllegalArgumentException e) {
                throw new InvalidHostException("not a valid internationalised domain name: " + e.getMessage());
            }
        }
        name = name.toLowerCase(Locale.ROOT);
        if (name.endsWith(".")) {
            name = name.substring(0, name.length() - 1); // the root label: "example.com." is "example.com"
        }
        return name(name, raw);
    }

    private static CanonicalHost name(String name, String raw) throws InvalidHostException {
        if (name.isEmpty()) {
            throw new InvalidHostException("empty host name");
        }
        int lastDot = name.lastIndexOf('.');
        String last = name.substring(lastDot + 1);
        if (numeric(last)) {
            try {
                return new Ip(Inet4Address.ofPosixLiteral(name));
            } catch (IllegalArgumentException e) {
                throw new InvalidHostException("\"" + raw + "\" ends in a number but is not an IPv4 address");
            }
        }
        if (name.length() > MAX_NAME) {
            throw new InvalidHostException("host name longer than " + MAX_NAME + " characters");
        }
        int start = 0;
        while (start <= name.length()) {
            int end = name.indexOf('.', start);
            if (end < 0) {
                end = name.length();
            }
            int length = end - start;
            if (length == 0) {
                throw new InvalidHostException("host name \"" + raw + "\" has an empty label");
            }
            if (length > MAX_LABEL) {
                throw new InvalidHostException("a label of \"" + name.substring(0, Math.min(name.length(), 80))
                        + "\" is longer than " + MAX_LABEL + " characters");
            }
            for (int i = start; i < end; i++) {
                char c = name.charAt(i);
                if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_')) {
                    throw new InvalidHostException("character '" + c + "' is not allowed in a host name");
                }
            }
            start = end + 1;
        }
        return new Name(name);
    }

    /** A label that makes the whole name an IPv4 address: decimal digits, or {@code 0x} and hex digits. */
    private static boolean numeric(String label) {
        if (label.isEmpty()) {
            return false;
        }
        int from = label.startsWith("0x") ? 2 : 0;
        for (int i = from; i < label.length(); i++) {
            char c = label.charAt(i);
            boolean digit = c >= '0' && c <= '9';
            if (!(digit || (from == 2 && c >= 'a' && c <= 'f'))) {
                return false;
            }
        }
        return true;
    }

    private static Ip ipv6(String literal) throws InvalidHostException {
        if (literal.indexOf('%') >= 0 || literal.indexOf('[') >= 0 || literal.indexOf(']') >= 0) {
            throw new InvalidHostException("\"" + literal + "\" is not an IPv6 address (zone ids are not accepted)");
        }
        for (int i = 0; i < literal.length(); i++) {
            char c = Character.toLowerCase(literal.charAt(i));
            if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || c == ':' || c == '.')) {
                throw new InvalidHostException("\"" + literal + "\" is not an IPv6 address");
            }
        }
        try {
            return new Ip(Inet6Address.ofLiteral(literal)); // IPv4-mapped addresses come back as Inet4Address
        } catch (IllegalArgumentException e) {
            throw new InvalidHostException("\"" + literal + "\" is not an IPv6 address");
        }
    }

    private static boolean allowedAscii(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                || c == '.' || c == '-' || c == '_' || c == ':' || c == '[' || c == ']';
    }

    /** RFC 5952 text: lower case, leading zeros dropped, the longest run of two or more zero groups as {@code ::}. */
    static String ipv6Text(byte[] bytes) {
        int[] groups = new int[8];
        for (int i = 0; i < 8; i++) {
            groups[i] = ((bytes[2 * i] & 0xff) << 8) | (bytes[2 * i + 1] & 0xff);
        }
        int bestStart = -1;
        int bestLength = 1;
        for (int i = 0; i < 8; ) {
            if (groups[i] != 0) {
                i++;
                continue;
            }
            int j = i;
            while (j < 8 && groups[j] == 0) {
                j++;
            }
            if (j - i > bestLength) {
                bestStart = i;
                bestLength = j - i;
            }
            i = j;
        }
        StringBuilder out = new StringBuilder(39);
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                out.append("::");
                i += bestLength - 1;
                continue;
            }
            if (!out.isEmpty() && out.charAt(out.length() - 1) != ':') {
                out.append(':');
            }
            out.append(Integer.toHexString(groups[i]));
        }
        return out.toString();
    }
}
