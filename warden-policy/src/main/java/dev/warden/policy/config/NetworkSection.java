package dev.warden.policy.config;

import dev.warden.policy.network.DomainRule;
import dev.warden.policy.network.InvalidHostException;
import dev.warden.policy.network.NetworkMode;
import dev.warden.policy.network.NetworkPolicy;
import dev.warden.policy.network.UnknownDomains;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.tomlj.TomlArray;

/**
 * Resolves {@code [network]} (merged with the selected permission profile's {@code network} table, parent
 * profiles first) and the administrator's network requirements into a {@link NetworkPolicy}.
 *
 * <p>The mode comes from {@code [network] mode} when a layer sets it; otherwise
 * {@code [sandbox_workspace_write] network_access = true} keeps its Codex meaning, {@code full}. Network
 * requirements add denied domains, add (or, with {@code managed_allowed_domains_only}, replace) allowed
 * ones, and forbid {@code full}, since only the proxy enforces domains.
 */
final class NetworkSection {
    private NetworkSection() {}

    static NetworkPolicy resolve(ConfigNode.Table tree, String profileName, SandboxMode amounts, ConfigNode profileNode,
                                 Requirements requirements, List<String> warnings,
                                 Map<String, ValueOrigin> replacedOrigins) throws ConfigException {
        validateEveryTable(tree);
        ConfigNode.Table network = effectiveTable(tree, profileName);

        ConfigNode modeNode = network.get("mode").orElseThrow();
        ConfigNode legacyNode = tree.at(List.of("sandbox_workspace_write", "network_access")).orElseThrow();
        boolean modeSet = !modeNode.position().layer().equals("default");
        NetworkMode mode;
        if (amounts == SandboxMode.DANGER_FULL_ACCESS) {
            mode = NetworkMode.FULL;
            if (modeSet && !text(modeNode).equals("full")) {
                warnings.add("network.mode \"" + text(modeNode) + "\" (" + modeNode.position().describe()
                        + ") has no effect: sandbox mode danger-full-access (" + profileNode.position().describe()
                        + ") runs commands unconfined, so their network is not filtered");
            }
            replacedOrigins.put("network.mode", profileNode.position().origin());
        } else if (modeSet) {
            mode = NetworkMode.parse(text(modeNode)).orElseThrow();
        } else if (amounts == SandboxMode.WORKSPACE_WRITE && (Boolean) ((ConfigNode.Leaf) legacyNode).value()) {
            mode = NetworkMode.FULL;
            replacedOrigins.put("network.mode", legacyNode.position().origin());
        } else {
            mode = NetworkMode.OFF;
        }

        boolean constrained = !requirements.allowedDomains().isEmpty() || !requirements.deniedDomains().isEmpty()
                || requirements.managedAllowedDomainsOnly();
        String requirementKey = firstNetworkRequirement(requirements);
        if (constrained && amounts == SandboxMode.DANGER_FULL_ACCESS) {
            throw new ConfigException("sandbox mode danger-full-access (" + profileNode.position().describe()
                    + ") runs commands without a sandbox, so the network requirements of "
                    + requirements.describe(requirementKey) + " cannot be enforced; use workspace-write or read-only"
                    + " with [network] mode = \"proxied\"");
        }
        if (constrained && mode == NetworkMode.FULL) {
            ConfigNode decided = modeSet ? modeNode : legacyNode;
            warnings.add("network mode \"full\" (" + decided.position().describe() + ") is not allowed by "
                    + requirements.describe(requirementKey) + ", which constrains domains that only the proxy enforces;"
                    + " using \"proxied\"");
            mode = NetworkMode.PROXIED;
            replacedOrigins.put("network.mode", requirementOrigin(requirements, requirementKey));
        }

        List<DomainRule> denied = new ArrayList<>();
        for (String entry : requirements.deniedDomains()) {
            denied.add(managed(entry, requirements, "network.denied_domains", false));
        }
        ConfigNode deniedNode = network.get("denied_domains").orElseThrow();
        for (String entry : strings(deniedNode)) {
            denied.add(rule(entry, deniedNode, false));
        }

        List<DomainRule> allowed = new ArrayList<>();
        for (String entry : requirements.allowedDomains()) {
            allowed.add(managed(entry, requirements, "network.allowed_domains", true));
        }
        ConfigNode allowedNode = network.get("allowed_domains").orElseThrow();
        ConfigNode unknownNode = network.get("unknown").orElseThrow();
        UnknownDomains unknown = UnknownDomains.parse(text(unknownNode)).orElseThrow();
        String unknownSource = unknownNode.position().origin().describe();
        if (requirements.managedAllowedDomainsOnly()) {
            String managedOnly = requirements.describe("network.managed_allowed_domains_only");
            if (!strings(allowedNode).isEmpty()) {
                warnings.add("network.allowed_domains (" + allowedNode.position().describe() + ") is ignored: "
                        + managedOnly + " allows only the administrator's domains (managed_allowed_domains_only)");
            }
            if (unknown == UnknownDomains.ASK && !unknownNode.position().layer().equals("default")) {
                warnings.add("network.unknown \"ask\" (" + unknownNode.position().describe() + ") is not allowed by "
                        + managedOnly + " (managed_allowed_domains_only); other domains are denied");
            }
            unknown = UnknownDomains.DENY;
            unknownSource = managedOnly;
            replacedOrigins.put("network.unknown", requirementOrigin(requirements, "network.managed_allowed_domains_only"));
        } else {
            for (String entry : strings(allowedNode)) {
                allowed.add(rule(entry, allowedNode, true));
            }
        }
        boolean local = (Boolean) ((ConfigNode.Leaf) network.get("allow_local_binding").orElseThrow()).value();
        return new NetworkPolicy(mode, allowed, denied, unknown, unknownSource, requirements.managedAllowedDomainsOnly(),
                local);
    }

    /** {@code [network]} with the selected profile's chain of {@code network} tables merged over it, parents first. */
    private static ConfigNode.Table effectiveTable(ConfigNode.Table tree, String profileName) {
        ConfigNode.Table network = tree.table("network").orElseThrow();
        List<ConfigNode.Table> chain = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        Optional<String> current = Optional.of(profileName);
        while (current.isPresent() && seen.add(current.get())) {
            Optional<ConfigNode> profile = tree.at(List.of("permissions", current.get()));
            if (profile.isEmpty() || !(profile.get() instanceof ConfigNode.Table table)) {
                break;
            }
            table.table("network").ifPresent(chain::addFirst);
            current = table.get("extends").map(NetworkSection::text);
        }
        for (ConfigNode.Table layer : chain) {
            network = network.merge(layer);
        }
        return network;
    }

    /** Every pattern in {@code [network]} and in every {@code [permissions.*.network]} parses, selected or not. */
    private static void validateEveryTable(ConfigNode.Table tree) throws ConfigException {
        validate(tree.table("network").orElseThrow(), List.of("network"));
        Optional<ConfigNode.Table> permissions = tree.table("permissions");
        if (permissions.isEmpty()) {
            return;
        }
        for (Map.Entry<String, ConfigNode> entry : permissions.get().entries().entrySet()) {
            if (entry.getValue() instanceof ConfigNode.Table profile) {
                Optional<ConfigNode.Table> network = profile.table("network");
                if (network.isPresent()) {
                    validate(network.get(), List.of("permissions", entry.getKey(), "network"));
                }
            }
        }
    }

    private static void validate(ConfigNode.Table network, List<String> path) throws ConfigException {
        for (String key : List.of("allowed_domains", "denied_domains")) {
            Optional<ConfigNode> node = network.get(key);
            if (node.isEmpty()) {
                continue;
            }
            for (String entry : strings(node.get())) {
                try {
                    if (key.equals("allowed_domains")) {
                        DomainRule.allow(entry, "", false);
                    } else {
                        DomainRule.deny(entry, "", false);
                    }
                } catch (InvalidHostException e) {
                    throw ConfigSchema.error(KeyPath.append(path, key), node.get(), e.getMessage());
                }
            }
        }
    }

    private static DomainRule rule(String entry, ConfigNode node, boolean allow) {
        String source = node.position().origin().describe();
        try {
            return allow ? DomainRule.allow(entry, source, false) : DomainRule.deny(entry, source, false);
        } catch (InvalidHostException e) {
            throw new IllegalStateException("validated before: " + e.getMessage(), e);
        }
    }

    private static DomainRule managed(String entry, Requirements requirements, String key, boolean allow)
            throws ConfigException {
        String source = requirements.describe(key);
        try {
            return allow ? DomainRule.allow(entry, source, true) : DomainRule.deny(entry, source, true);
        } catch (InvalidHostException e) {
            throw new ConfigException(key + " (" + source + "): " + e.getMessage());
        }
    }

    private static String firstNetworkRequirement(Requirements requirements) {
        if (!requirements.deniedDomains().isEmpty()) {
            return "network.denied_domains";
        }
        if (!requirements.allowedDomains().isEmpty()) {
            return "network.allowed_domains";
        }
        return "network.managed_allowed_domains_only";
    }

    private static ValueOrigin requirementOrigin(Requirements requirements, String key) {
        return requirements.origins().getOrDefault(key, new ValueOrigin("requirements", requirements.source(), 0));
    }

    private static String text(ConfigNode node) {
        return (String) ((ConfigNode.Leaf) node).value();
    }

    private static List<String> strings(ConfigNode node) {
        TomlArray array = (TomlArray) ((ConfigNode.Leaf) node).value();
        List<String> out = new ArrayList<>(array.size());
        for (int i = 0; i < array.size(); i++) {
            out.add(array.getString(i));
        }
        return out;
    }

    /** The policy as plain values for {@code config explain} and the digest: each entry with who set it. */
    static Map<String, Object> describe(NetworkPolicy policy) {
        Map<String, Object> out = new java.util.LinkedHashMap<>();
        out.put("mode", policy.mode().wireName());
        out.put("allowed_domains", policy.allowed().stream().map(NetworkSection::entry).toList());
        out.put("denied_domains", policy.denied().stream().map(NetworkSection::entry).toList());
        out.put("unknown", policy.unknown().wireName());
        out.put("unknown_source", policy.unknownSource());
        out.put("managed_allowed_domains_only", policy.managedOnly());
        out.put("allow_local_binding", policy.allowLocalBinding());
        return out;
    }

    private static Map<String, Object> entry(DomainRule rule) {
        Map<String, Object> out = new java.util.LinkedHashMap<>();
        out.put("pattern", rule.pattern().text());
        out.put("written", rule.written());
        out.put("set_by", rule.source());
        out.put("managed", rule.managed());
        return out;
    }
}
