package dev.warden.policy.network;

import dev.warden.policy.rules.NetworkRule;
import java.util.ArrayList;
import java.util.List;

/**
 * Codex's {@code network_rule(host=..., protocol=..., decision=...)} entries from rules files, turned
 * into entries of the domain lists so the proxy has one policy to apply:
 * <ul>
 * <li>{@code forbidden} (or {@code deny}): a {@code denied_domains} entry for the host on every port,
 *     whatever the protocol: a deny is never narrower than it looks;</li>
 * <li>{@code allow}: an {@code allowed_domains} entry for the host on the protocol's port ({@code http}
 *     80, {@code https} 443, {@code socks5_tcp} any port: SOCKS says nothing about the port), unless the
 *     administrator allows only the requirements' domains ({@code managed_allowed_domains_only});
 *     {@code socks5_udp} allows nothing (the proxy refuses UDP ASSOCIATE);</li>
 * <li>{@code prompt}: the domain policy has no per-host "ask" list, so a prompt rule is applied as a
 *     deny, with a warning: stricter than written, never looser.</li>
 * </ul>
 * Deny still wins over allow, so requirements' denials and every forbidden rule hold.
 */
public final class NetworkRules {
    private NetworkRules() {}

    /** The policy with the rules applied, and what the person should be told about them. */
    public record Applied(NetworkPolicy policy, List<String> warnings) {
        public Applied {
            warnings = List.copyOf(warnings);
        }
    }

    public static Applied apply(NetworkPolicy base, List<NetworkRule> rules) throws InvalidHostException {
        if (rules.isEmpty()) {
            return new Applied(base, List.of());
        }
        List<DomainRule> allowed = new ArrayList<>(base.allowed());
        List<DomainRule> denied = new ArrayList<>(base.denied());
        List<String> warnings = new ArrayList<>();
        for (NetworkRule rule : rules) {
            String host = rule.host().indexOf(':') >= 0 ? "[" + rule.host() + "]" : rule.host();
            String source = rule.origin().toString();
            switch (rule.decision()) {
                case FORBIDDEN -> denied.add(DomainRule.deny(host, source, false));
                case PROMPT -> {
                    denied.add(DomainRule.deny(host, source, false));
                    warnings.add(rule.describe() + " (" + source + ") asks for a prompt; the egress proxy has no"
                            + " per-host prompts yet, so " + rule.host() + " is denied (unknown = \"ask\" asks about"
                            + " hosts on neither list)");
                }
                case ALLOW -> {
                    String port = switch (rule.protocol()) {
                        case "http" -> ":80";
                        case "https" -> ":443";
                        case "socks5_tcp" -> ":*";
                        default -> null;
                    };
                    if (port == null) {
                        warnings.add(rule.describe() + " (" + source + ") allows nothing: the egress proxy does not"
                                + " relay UDP");
                    } else if (base.managedOnly()) {
                        warnings.add(rule.describe() + " (" + source + ") is ignored: requirements allow only the"
                                + " administrator's domains (managed_allowed_domains_only)");
                    } else {
                        allowed.add(DomainRule.allow(host + port, source, false));
                    }
                }
            }
        }
        return new Applied(new NetworkPolicy(base.mode(), allowed, denied, base.unknown(), base.unknownSource(),
                base.managedOnly(), base.allowLocalBinding()), warnings);
    }
}
