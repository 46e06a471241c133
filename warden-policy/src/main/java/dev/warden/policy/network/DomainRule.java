package dev.warden.policy.network;

import java.util.Objects;

/**
 * A pattern and where it came from, so a decision can name the line that made it.
 *
 * @param pattern  the canonicalised pattern
 * @param written  the entry as written in the file
 * @param source   who set it: {@code user /home/a/.warden/config.toml:7}, {@code requirements /etc/warden/requirements.toml:3}
 * @param managed  set by the administrator's requirements: no configuration layer can remove it
 */
public record DomainRule(DomainPattern pattern, String written, String source, boolean managed) {
    public DomainRule {
        Objects.requireNonNull(pattern, "pattern");
        Objects.requireNonNull(written, "written");
        Objects.requireNonNull(source, "source");
    }

    /** An {@code allowed_domains} entry: without a port it covers 80 and 443. */
    public static DomainRule allow(String written, String source, boolean managed) throws InvalidHostException {
        return parse(written, new PortRule.Web(), source, managed);
    }

    /** A {@code denied_domains} entry: without a port it covers every port, so a deny is never narrower than meant. */
    public static DomainRule deny(String written, String source, boolean managed) throws InvalidHostException {
        return parse(written, new PortRule.Any(), source, managed);
    }

    private static DomainRule parse(String written, PortRule unported, String source, boolean managed)
            throws InvalidHostException {
        try {
            return new DomainRule(DomainPattern.parse(written, unported), written, source, managed);
        } catch (InvalidHostException e) {
            throw new InvalidHostException("\"" + printable(written) + "\": " + e.getMessage());
        }
    }

    /** {@code "gist.github.com" (user /home/a/.warden/config.toml:7)}. */
    public String describe() {
        return "\"" + pattern.text() + "\" (" + source + ")";
    }

    /** The text with control characters escaped, safe to print in a message or a header. */
    public static String printable(String text) {
        StringBuilder out = new StringBuilder(Math.min(text.length(), 200));
        for (int i = 0; i < text.length() && out.length() < 200; i++) {
            char c = text.charAt(i);
            if (c < 0x20 || c == 0x7f || (c >= 0x80 && c <= 0x9f) || c == '"' || c == '\\') {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.length() < text.length() ? out + "..." : out.toString();
    }
}
