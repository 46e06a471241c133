package dev.warden.policy.network;

/**
 * Which ports a pattern allows or denies. A pattern without a port means the web: 80 and 443 only, so
 * allowing {@code github.com} does not open {@code github.com:22} (escape case 35).
 */
public sealed interface PortRule permits PortRule.Web, PortRule.Exactly, PortRule.Any {

    boolean includes(int port);

    /** How the rule reads after the host: empty, {@code :22} or {@code :*}. */
    String suffix();

    /** No port written: 80 and 443. */
    record Web() implements PortRule {
        @Override
        public boolean includes(int port) {
            return port == 80 || port == 443;
        }

        @Override
        public String suffix() {
            return "";
        }
    }

    /** {@code :N}. */
    record Exactly(int port) implements PortRule {
        public Exactly {
            if (port < 1 || port > 65535) {
                throw new IllegalArgumentException("port out of range: " + port);
            }
        }

        @Override
        public boolean includes(int candidate) {
            return candidate == port;
        }

        @Override
        public String suffix() {
            return ":" + port;
        }
    }

    /** {@code :*}: every port. */
    record Any() implements PortRule {
        @Override
        public boolean includes(int port) {
            return true;
        }

        @Override
        public String suffix() {
            return ":*";
        }
    }

    static PortRule parse(String text) throws InvalidHostException {
        if (text.equals("*")) {
            return new Any();
        }
        if (text.isEmpty() || text.length() > 5 || !text.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new InvalidHostException("port \"" + text + "\" is not a number from 1 to 65535 or *");
        }
        int port = Integer.parseInt(text);
        if (port < 1 || port > 65535) {
            throw new InvalidHostException("port " + port + " is not from 1 to 65535");
        }
        return new Exactly(port);
    }
}
