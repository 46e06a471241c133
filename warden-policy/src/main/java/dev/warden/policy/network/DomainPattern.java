package dev.warden.policy.network;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.Objects;

/**
 * One entry of {@code allowed_domains} or {@code denied_domains}, canonicalised like the hosts it is
 * matched against:
 * <ul>
 *   <li>{@code example.com}: that host only;</li>
 *   <li>{@code *.example.com}: its subdomains, not {@code example.com} itself;</li>
 *   <li>{@code **.example.com}: {@code example.com} and its subdomains;</li>
 *   <li>{@code 203.0.113.7}, {@code ::1}: that address (in any notation);</li>
 *   <li>{@code 10.0.0.0/8}, {@code fd00::/8}: a network;</li>
 * </ul>
 * each optionally followed by {@code :PORT} or {@code :*} (IPv6 in brackets then: {@code [::1]:8080},
 * {@code [fd00::/8]:443}); without a port, 80 and 443.
 */
public sealed interface DomainPattern
        permits DomainPattern.Exact, DomainPattern.Subdomains, DomainPattern.ApexAndSubdomains,
                DomainPattern.Address, DomainPattern.Network {

    PortRule ports();

    /** Whether a connection to {@code host:port}, as the client named it, is covered. */
    boolean matches(CanonicalHost host, int port);

    /** The canonical text, e.g. {@code **.npmjs.org:443}. */
    String text();

    /** Whether this is an address or network pattern that covers {@code address} on {@code port}. */
    default boolean coversAddress(InetAddress address, int port) {
        return coversAddress(address) && ports().includes(port);
    }

    /** Whether this is an address or network pattern that covers {@code address}, whatever the port. */
    default boolean coversAddress(InetAddress address) {
        return false;
    }

    record Exact(String name, PortRule ports) implements DomainPattern {
        public Exact {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(ports, "ports");
        }

        @Override
        public boolean matches(CanonicalHost host, int port) {
            return host instanceof CanonicalHost.Name n && n.text().equals(name) && ports.includes(port);
        }

        @Override
        public String text() {
            return name + ports.suffix();
        }
    }

    /** {@code *.suffix}. */
    record Subdomains(String suffix, PortRule ports) implements DomainPattern {
        public Subdomains {
            Objects.requireNonNull(suffix, "suffix");
            Objects.requireNonNull(ports, "ports");
        }

        @Override
        public boolean matches(CanonicalHost host, int port) {
            return host instanceof CanonicalHost.Name n && isSubdomain(n.text(), suffix) && ports.includes(port);
        }

        @Override
        public String text() {
            return "*." + suffix + ports.suffix();
        }
    }

    /** {@code **.suffix}. */
    record ApexAndSubdomains(String suffix, PortRule ports) implements DomainPattern {
        public ApexAndSubdomains {
            Objects.requireNonNull(suffix, "suffix");
            Objects.requireNonNull(ports, "ports");
        }

        @Override
        public boolean matches(CanonicalHost host, int port) {
            return host instanceof CanonicalHost.Name n && (n.text().equals(suffix) || isSubdomain(n.text(), suffix))
                    && ports.includes(port);
        }

        @Override
        public String text() {
            return "**." + suffix + ports.suffix();
        }
    }

    record Address(InetAddress address, PortRule ports) implements DomainPattern {
        public Address {
            Objects.requireNonNull(address, "address");
            Objects.requireNonNull(ports, "ports");
        }

        @Override
        public boolean matches(CanonicalHost host, int port) {
            return host instanceof CanonicalHost.Ip ip && coversAddress(ip.address(), port);
        }

        @Override
        public boolean coversAddress(InetAddress candidate) {
            return address.equals(candidate);
        }

        @Override
        public String text() {
            String host = new CanonicalHost.Ip(address).text();
            boolean v6 = address instanceof Inet6Address;
            return v6 && !(ports instanceof PortRule.Web) ? "[" + host + "]" + ports.suffix() : host + ports.suffix();
        }
    }

    /** A CIDR block; the address has no bits set beyond {@code length}. */
    record Network(InetAddress network, int length, PortRule ports) implements DomainPattern {
        public Network {
            Objects.requireNonNull(network, "network");
            Objects.requireNonNull(ports, "ports");
            if (length < 0 || length > network.getAddress().length * 8) {
                throw new IllegalArgumentException("prefix length out of range: " + length);
            }
        }

        @Override
        public boolean matches(CanonicalHost host, int port) {
            return host instanceof CanonicalHost.Ip ip && coversAddress(ip.address(), port);
        }

        @Override
        public boolean coversAddress(InetAddress candidate) {
            return inPrefix(network.getAddress(), candidate.getAddress(), length);
        }

        @Override
        public String text() {
            String block = new CanonicalHost.Ip(network).text() + "/" + length;
            boolean v6 = network instanceof Inet6Address;
            return v6 && !(ports instanceof PortRule.Web) ? "[" + block + "]" + ports.suffix() : block + ports.suffix();
        }
    }

    static boolean isSubdomain(String name, String suffix) {
        return name.length() > suffix.length() + 1 && name.endsWith(suffix)
                && name.charAt(name.length() - suffix.length() - 1) == '.';
    }

    private static boolean inPrefix(byte[] network, byte[] candidate, int length) {
        if (network.length != candidate.length) {
            return false;
        }
        int full = length / 8;
        for (int i = 0; i < full; i++) {
            if (network[i] != candidate[i]) {
                return false;
            }
        }
        int rest = length % 8;
        if (rest == 0) {
            return true;
        }
        int mask = (0xff << (8 - rest)) & 0xff;
        return (network[full] & mask) == (candidate[full] & mask);
    }

    /**
     * Parses and canonicalises one entry; {@code unported} is what an entry without {@code :PORT} covers
     * (80 and 443 for allowed entries, every port for denied ones). The exception says what is wrong.
     */
    static DomainPattern parse(String written, PortRule unported) throws InvalidHostException {
        Objects.requireNonNull(written, "written");
        String text = written;
        if (text.isEmpty()) {
            throw new InvalidHostException("empty pattern");
        }
        if (text.length() > CanonicalHost.MAX_INPUT) {
            throw new InvalidHostException("pattern longer than " + CanonicalHost.MAX_INPUT + " characters");
        }
        String host;
        PortRule ports = unported;
        if (text.startsWith("[")) {
            int close = text.indexOf(']');
            if (close < 0) {
                throw new InvalidHostException("unbalanced '['");
            }
            host = text.substring(1, close);
            String rest = text.substring(close + 1);
            if (!rest.isEmpty()) {
                if (!rest.startsWith(":")) {
                    throw new InvalidHostException("expected :PORT after ']', got \"" + rest + "\"");
                }
                ports = PortRule.parse(rest.substring(1));
            }
            if (host.indexOf(':') < 0) {
                throw new InvalidHostException("brackets only enclose an IPv6 address or network");
            }
            return address(host, ports, written);
        }
        int colons = (int) text.chars().filter(c -> c == ':').count();
        if (colons > 1) {
            return address(text, ports, written); // bare IPv6: no port without brackets
        }
        if (colons == 1) {
            int colon = text.indexOf(':');
            ports = PortRule.parse(text.substring(colon + 1));
            host = text.substring(0, colon);
        } else {
            host = text;
        }
        if (host.indexOf('/') >= 0) {
            return address(host, ports, written);
        }
        if (host.equals("*") || host.equals("**")) {
            throw new InvalidHostException("\"" + host + "\" would match every host; list the domains, or use"
                    + " unknown = \"ask\" to be asked about the others");
        }
        if (host.startsWith("**.")) {
            return new ApexAndSubdomains(wildcardSuffix(host.substring(3)), ports);
        }
        if (host.startsWith("*.")) {
            return new Subdomains(wildcardSuffix(host.substring(2)), ports);
        }
        if (host.indexOf('*') >= 0) {
            throw new InvalidHostException("'*' is only allowed as a whole first label: *.example.com or **.example.com");
        }
        return switch (CanonicalHost.parse(host)) {
            case CanonicalHost.Name name -> new Exact(name.text(), ports);
            case CanonicalHost.Ip ip -> new Address(ip.address(), ports);
        };
    }

    private static String wildcardSuffix(String suffix) throws InvalidHostException {
        if (suffix.indexOf('*') >= 0) {
            throw new InvalidHostException("'*' is only allowed as a whole first label: *.example.com or **.example.com");
        }
        return switch (CanonicalHost.parse(suffix)) {
            case CanonicalHost.Name name -> name.text();
            case CanonicalHost.Ip ignored -> throw new InvalidHostException(
                    "a wildcard needs a domain name after it; for addresses write a network such as 10.0.0.0/8");
        };
    }

    private static DomainPattern address(String host, PortRule ports, String written) throws InvalidHostException {
        int slash = host.indexOf('/');
        if (slash < 0) {
            if (!(CanonicalHost.parse(host.indexOf(':') >= 0 ? "[" + host + "]" : host) instanceof CanonicalHost.Ip ip)) {
                throw new InvalidHostException("\"" + written + "\" is not an address");
            }
            return new Address(ip.address(), ports);
        }
        String base = host.substring(0, slash);
        String bits = host.substring(slash + 1);
        if (bits.isEmpty() || bits.length() > 3 || !bits.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new InvalidHostException("prefix length \"" + bits + "\" is not a number");
        }
        int length = Integer.parseInt(bits);
        InetAddress network;
        if (base.indexOf(':') >= 0) {
            if (!(CanonicalHost.parse("[" + base + "]") instanceof CanonicalHost.Ip ip)) {
                throw new InvalidHostException("\"" + base + "\" is not an address");
            }
            network = ip.address();
            if (network instanceof Inet4Address) {
                if (length < 96) {
                    throw new InvalidHostException("an IPv4-mapped network needs a prefix of at least /96");
                }
                length -= 96;
            }
        } else {
            if (base.chars().filter(c -> c == '.').count() != 3) {
                throw new InvalidHostException("a network's address must be four decimal numbers, as in 10.0.0.0/8");
            }
            try {
                network = Inet4Address.ofLiteral(base);
            } catch (IllegalArgumentException e) {
                throw new InvalidHostException("\"" + base + "\" is not an IPv4 address");
            }
        }
        int max = network.getAddress().length * 8;
        if (length > max) {
            throw new InvalidHostException("prefix length /" + length + " is longer than " + max + " bits");
        }
        byte[] raw = network.getAddress();
        byte[] masked = raw.clone();
        for (int bit = length; bit < max; bit++) {
            masked[bit / 8] &= (byte) ~(0x80 >>> (bit % 8));
        }
        if (!java.util.Arrays.equals(raw, masked)) {
            try {
                Network suggestion = new Network(InetAddress.getByAddress(masked), length, ports);
                throw new InvalidHostException("\"" + written + "\" has bits set after the prefix; write "
                        + suggestion.text());
            } catch (java.net.UnknownHostException e) {
                throw new IllegalStateException(e);
            }
        }
        return new Network(network, length, ports);
    }
}
