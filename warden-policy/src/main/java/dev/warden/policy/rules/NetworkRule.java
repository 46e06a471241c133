package dev.warden.policy.rules;

import java.util.Objects;

/**
 * A decision about connections to one host, as Codex's {@code network_rule(...)} writes it.
 *
 * @param host          a specific host name or IP literal, lower-case, without port, scheme or wildcard
 * @param protocol      {@code http}, {@code https}, {@code socks5_tcp} or {@code socks5_udp}
 * @param decision      what the rule asks for
 * @param justification why the rule exists
 * @param origin        where the rule was written
 */
public record NetworkRule(String host, String protocol, RuleDecision decision, String justification, RuleOrigin origin) {
    public NetworkRule {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(protocol, "protocol");
        Objects.requireNonNull(decision, "decision");
        Objects.requireNonNull(justification, "justification");
        Objects.requireNonNull(origin, "origin");
    }

    /** The rule as a person would write it, e.g. {@code network_rule("api.github.com", "https")}. */
    public String describe() {
        StringBuilder out = new StringBuilder("network_rule(");
        PrefixRule.quote(host, out);
        out.append(", ");
        PrefixRule.quote(protocol, out);
        return out.append(')').toString();
    }
}
