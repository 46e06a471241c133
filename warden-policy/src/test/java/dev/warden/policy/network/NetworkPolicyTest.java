package dev.warden.policy.network;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NetworkPolicyTest {

    private static NetworkPolicy policy(List<String> allowed, List<String> denied, UnknownDomains unknown, boolean local)
            throws InvalidHostException {
        return NetworkPolicy.proxied(allowed, denied, unknown, local, "user config.toml:3");
    }

    private static HostVerdict decide(NetworkPolicy policy, String host, int port) throws InvalidHostException {
        return policy.decide(CanonicalHost.parse(host), port);
    }

    private static InetAddress ip(String text) throws InvalidHostException {
        return ((CanonicalHost.Ip) CanonicalHost.parse(text)).address();
    }

    /** The example configuration, decided for the hosts a user would try. */
    @ParameterizedTest(name = "{0}:{1} -> {2}")
    @CsvSource(delimiter = '|', textBlock = """
            github.com             | 443  | allowed  | github.com
            GitHub.com.            | 80   | allowed  | github.com
            api.github.com         | 443  | ask      |
            gist.github.com        | 443  | denied   | gist.github.com:*
            GIST.github.com.       | 443  | denied   | gist.github.com:*
            gist.github.com        | 22   | denied   | gist.github.com:*
            github.com             | 22   | ask      |
            npmjs.org              | 443  | allowed  | **.npmjs.org
            registry.npmjs.org     | 443  | allowed  | registry.npmjs.org:443
            registry.npmjs.org     | 8443 | ask      |
            www.npmjs.org          | 80   | allowed  | **.npmjs.org
            evilnpmjs.org          | 443  | ask      |
            example.com            | 443  | ask      |
            """)
    void theDocumentedExampleDecidesAsDocumented(String host, int port, String expected, String rule) throws Exception {
        NetworkPolicy policy = policy(List.of("github.com", "**.npmjs.org", "registry.npmjs.org:443"),
                List.of("gist.github.com"), UnknownDomains.ASK, false);
        HostVerdict verdict = decide(policy, host, port);
        switch (expected) {
            case "allowed" -> assertThat(verdict).isInstanceOfSatisfying(HostVerdict.Allowed.class,
                    a -> assertThat(a.rule().pattern().text()).isEqualTo(rule));
            case "denied" -> assertThat(verdict).isInstanceOfSatisfying(HostVerdict.Denied.class,
                    d -> assertThat(d.rule().pattern().text()).isEqualTo(rule));
            case "ask" -> assertThat(verdict).isInstanceOf(HostVerdict.Ask.class);
            default -> throw new IllegalArgumentException(expected);
        }
    }

    @Test
    void denyWinsOverAnyAllow() throws Exception {
        NetworkPolicy policy = policy(List.of("**.github.com:*", "gist.github.com", "10.0.0.0/8:*"),
                List.of("gist.github.com", "10.1.0.0/16"), UnknownDomains.ASK, false);
        assertThat(decide(policy, "gist.github.com", 443)).isInstanceOf(HostVerdict.Denied.class);
        assertThat(decide(policy, "api.github.com", 22)).isInstanceOf(HostVerdict.Allowed.class);
        assertThat(decide(policy, "10.1.2.3", 443)).isInstanceOf(HostVerdict.Denied.class);
        assertThat(decide(policy, "10.2.0.1", 443)).isInstanceOf(HostVerdict.Allowed.class);
    }

    @Test
    void aDenyWithAPortDeniesOnlyThatPort() throws Exception {
        NetworkPolicy policy = policy(List.of("example.com:*"), List.of("example.com:25"), UnknownDomains.DENY, false);
        assertThat(decide(policy, "example.com", 25)).isInstanceOf(HostVerdict.Denied.class);
        assertThat(decide(policy, "example.com", 443)).isInstanceOf(HostVerdict.Allowed.class);
    }

    @Test
    void anEmptyAllowListAllowsNothing() throws Exception {
        NetworkPolicy asking = policy(List.of(), List.of(), UnknownDomains.ASK, true);
        NetworkPolicy denying = policy(List.of(), List.of(), UnknownDomains.DENY, true);
        Random random = new Random(7);
        for (int i = 0; i < 500; i++) {
            String host = "h" + random.nextInt(100000) + ".example";
            int port = 1 + random.nextInt(65535);
            assertThat(decide(asking, host, port)).isInstanceOf(HostVerdict.Ask.class);
            assertThat(decide(denying, host, port)).isInstanceOf(HostVerdict.NotAllowed.class);
        }
        assertThat(decide(denying, "127.0.0.1", 80)).isInstanceOf(HostVerdict.NotAllowed.class);
        assertThat(decide(denying, "x.example", 80)).isEqualTo(new HostVerdict.NotAllowed("unknown = \"deny\"", "user config.toml:3"));
    }

    /** Escape case 33: an allowed name that resolves somewhere local is refused at the address. */
    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            127.0.0.1          | LOOPBACK
            10.0.0.5           | PRIVATE
            169.254.169.254    | LINK_LOCAL
            100.64.0.1         | CGNAT
            0.0.0.0            | UNSPECIFIED
            224.0.0.1          | MULTICAST
            ::1                | LOOPBACK
            fd00::1            | UNIQUE_LOCAL
            fe80::1            | LINK_LOCAL
            ::ffff:10.0.0.1    | PRIVATE
            64:ff9b::a9fe:a9fe | LINK_LOCAL
            """)
    void localAddressesAreRefusedUnlessExplicitlyAllowed(String address, AddressClass kind) throws Exception {
        NetworkPolicy strict = policy(List.of("github.com"), List.of(), UnknownDomains.ASK, false);
        assertThat(strict.checkAddress(ip(address), 443)).isEqualTo(new AddressVerdict.Local(kind));

        NetworkPolicy exempt = policy(List.of("github.com", address.contains(":") ? "[" + address + "]" : address),
                List.of(), UnknownDomains.ASK, false);
        assertThat(exempt.checkAddress(ip(address), 8080)).as("an address entry exempts whatever the port")
                .isInstanceOf(AddressVerdict.Permitted.class);

        NetworkPolicy binding = policy(List.of("github.com"), List.of(), UnknownDomains.ASK, true);
        assertThat(binding.checkAddress(ip(address), 443)).isEqualTo(new AddressVerdict.Permitted(kind, java.util.Optional.empty()));

        NetworkPolicy deniedAnyway = policy(List.of("github.com"), List.of("0.0.0.0/0", "::/0"), UnknownDomains.ASK, true);
        assertThat(deniedAnyway.checkAddress(ip(address), 443)).isInstanceOf(AddressVerdict.Denied.class);
    }

    @Test
    void aNetworkEntryExemptsItsAddressesOnly() throws Exception {
        NetworkPolicy policy = policy(List.of("127.0.0.1/32"), List.of(), UnknownDomains.DENY, false);
        assertThat(policy.checkAddress(ip("127.0.0.1"), 41234)).isInstanceOfSatisfying(AddressVerdict.Permitted.class,
                p -> assertThat(p.exemption().orElseThrow().pattern().text()).isEqualTo("127.0.0.1/32"));
        assertThat(policy.checkAddress(ip("127.0.0.2"), 80)).isInstanceOf(AddressVerdict.Local.class);
        assertThat(policy.checkAddress(ip("8.8.8.8"), 80)).isInstanceOf(AddressVerdict.Permitted.class);
        assertThat(decide(policy, "127.0.0.1", 41234)).as("the name check still wants the port")
                .isInstanceOf(HostVerdict.NotAllowed.class);
        assertThat(decide(policy, "127.0.0.1", 80)).isInstanceOf(HostVerdict.Allowed.class);
    }

    @ParameterizedTest(name = "{0}:{1} -> {2}")
    @CsvSource(delimiter = '|', textBlock = """
            Example.com  | 443   | example.com
            example.com  | 80    | example.com
            example.com  | 22    | example.com:22
            0x7f.1       | 8080  | 127.0.0.1:8080
            ::1          | 443   | ::1
            ::1          | 8080  | [::1]:8080
            """)
    void refusalsSuggestTheEntryThatWouldAllowExactlyThat(String host, int port, String entry) throws Exception {
        String suggested = NetworkPolicy.allowEntryFor(CanonicalHost.parse(host), port);
        assertThat(suggested).isEqualTo(entry);
        NetworkPolicy withIt = policy(List.of(suggested), List.of(), UnknownDomains.DENY, false);
        assertThat(decide(withIt, host, port)).isInstanceOf(HostVerdict.Allowed.class);
        assertThat(NetworkPolicy.allowEntryForAddress(ip("::1"))).isEqualTo("::1/128");
        assertThat(NetworkPolicy.allowEntryForAddress(ip("127.0.0.1"))).isEqualTo("127.0.0.1/32");
    }

    /** The index must agree with a plain scan of every pattern, whatever the lists hold. */
    @Test
    void theIndexAgreesWithAPlainScan() throws Exception {
        Random random = new Random(2024);
        String[] labels = {"a", "b", "api", "github", "com", "org", "npmjs", "x-y"};
        String[] ports = {"", ":443", ":22", ":*"};
        for (int round = 0; round < 200; round++) {
            List<String> allowed = new java.util.ArrayList<>();
            List<String> denied = new java.util.ArrayList<>();
            for (int i = 0; i < 1 + random.nextInt(8); i++) {
                String prefix = switch (random.nextInt(3)) {
                    case 0 -> "";
                    case 1 -> "*.";
                    default -> "**.";
                };
                String entry = prefix + name(random, labels) + ports[random.nextInt(ports.length)];
                (random.nextInt(4) == 0 ? denied : allowed).add(entry);
            }
            NetworkPolicy policy = policy(allowed, denied, UnknownDomains.DENY, false);
            for (int q = 0; q < 50; q++) {
                CanonicalHost host = CanonicalHost.parse(name(random, labels));
                int port = new int[] {22, 80, 443, 8080}[random.nextInt(4)];
                HostVerdict verdict = policy.decide(host, port);
                boolean deniedByScan = policy.denied().stream().anyMatch(r -> r.pattern().matches(host, port));
                boolean allowedByScan = policy.allowed().stream().anyMatch(r -> r.pattern().matches(host, port));
                if (deniedByScan) {
                    assertThat(verdict).as(host + ":" + port + " " + policy).isInstanceOf(HostVerdict.Denied.class);
                } else if (allowedByScan) {
                    assertThat(verdict).as(host + ":" + port + " " + policy).isInstanceOf(HostVerdict.Allowed.class);
                } else {
                    assertThat(verdict).as(host + ":" + port + " " + policy).isInstanceOf(HostVerdict.NotAllowed.class);
                }
                if (verdict instanceof HostVerdict.Allowed a) {
                    assertThat(a.rule().pattern().matches(host, port)).isTrue();
                }
            }
        }
    }

    private static String name(Random random, String[] labels) {
        int count = 1 + random.nextInt(3);
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < count; i++) {
            out.append(labels[random.nextInt(labels.length)]).append('.');
        }
        return out.append(random.nextBoolean() ? "com" : "org").toString();
    }
}
