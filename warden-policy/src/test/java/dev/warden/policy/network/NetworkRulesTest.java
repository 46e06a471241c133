package dev.warden.policy.network;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.policy.rules.RulesFileParser;
import java.util.List;
import org.junit.jupiter.api.Test;

/** network_rule(...) from a rules file, as the proxy will apply it. */
class NetworkRulesTest {
    private static final String RULES = """
            network_rule(host = "api.github.com", protocol = "https", decision = "allow", justification = "test")
            network_rule(host = "registry.npmjs.org", protocol = "http", decision = "allow", justification = "test")
            network_rule(host = "socks.example", protocol = "socks5_tcp", decision = "allow", justification = "test")
            network_rule(host = "gist.github.com", protocol = "https", decision = "forbidden", justification = "test")
            network_rule(host = "pastebin.com", protocol = "http", decision = "prompt", justification = "test")
            network_rule(host = "dns.example", protocol = "socks5_udp", decision = "allow", justification = "test")
            """;

    private static HostVerdict decide(NetworkPolicy policy, String host, int port) throws Exception {
        return policy.decide(CanonicalHost.parse(host), port);
    }

    private static NetworkRules.Applied applied(NetworkPolicy base) throws Exception {
        return NetworkRules.apply(base, RulesFileParser.parse(RULES, "/p/.warden/rules/net.rules", "project").networkRules());
    }

    @Test
    void rulesBecomeListEntriesNamingTheirLine() throws Exception {
        NetworkPolicy base = NetworkPolicy.proxied(List.of("**.github.com"), List.of(), UnknownDomains.ASK, false,
                "user config.toml:3");
        NetworkRules.Applied applied = applied(base);
        NetworkPolicy policy = applied.policy();
        assertThat(decide(policy, "api.github.com", 443)).isInstanceOf(HostVerdict.Allowed.class);
        assertThat(decide(policy, "registry.npmjs.org", 80)).isInstanceOf(HostVerdict.Allowed.class);
        assertThat(decide(policy, "registry.npmjs.org", 443)).as("http allows port 80 only")
                .isNotInstanceOf(HostVerdict.Allowed.class);
        assertThat(decide(policy, "socks.example", 1080)).isInstanceOf(HostVerdict.Allowed.class);
        HostVerdict gist = decide(policy, "gist.github.com", 22);
        assertThat(gist).as("forbidden covers every port and beats the allowed **.github.com")
                .isInstanceOf(HostVerdict.Denied.class);
        assertThat(gist.toString()).contains("net.rules:4");
        assertThat(decide(policy, "pastebin.com", 80)).as("prompt is applied as a deny")
                .isInstanceOf(HostVerdict.Denied.class);
        assertThat(decide(policy, "dns.example", 443)).isNotInstanceOf(HostVerdict.Allowed.class);
        assertThat(applied.warnings()).hasSize(2).anySatisfy(w -> assertThat(w).contains("pastebin.com is denied"))
                .anySatisfy(w -> assertThat(w).contains("does not relay UDP"));
    }

    @Test
    void managedOnlyIgnoresAllowRulesButKeepsDenials() throws Exception {
        NetworkPolicy base = new NetworkPolicy(NetworkMode.PROXIED, List.of(), List.of(), UnknownDomains.DENY,
                "requirements", true, false);
        NetworkRules.Applied applied = applied(base);
        assertThat(decide(applied.policy(), "api.github.com", 443)).isNotInstanceOf(HostVerdict.Allowed.class);
        assertThat(decide(applied.policy(), "gist.github.com", 443)).isInstanceOf(HostVerdict.Denied.class);
        assertThat(applied.warnings()).anySatisfy(w -> assertThat(w).contains("managed_allowed_domains_only"));
    }

    @Test
    void noRulesLeaveThePolicyAsItWas() throws Exception {
        NetworkPolicy base = NetworkPolicy.off();
        assertThat(NetworkRules.apply(base, List.of()).policy()).isSameAs(base);
    }
}
