package dev.warden.policy.config;

import dev.warden.policy.fs.DenyGlob;
import dev.warden.policy.fs.PermissionProfiles;
import dev.warden.policy.network.DomainRule;
import dev.warden.policy.network.InvalidHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.tomlj.TomlArray;

/**
 * Reads {@code requirements.toml}. Unlike a config file, an unknown key here is an error: an
 * administrator who misspells {@code allowed_sandbox_modes} must learn it now, not after an agent ran
 * with no constraint at all.
 */
final class RequirementsFile {
    private RequirementsFile() {}

    private static final ConfigSchema.Struct SHAPE = new ConfigSchema.Struct(fields(
            "allowed_approval_policies", new ConfigSchema.TextArray(),
            "allowed_sandbox_modes", new ConfigSchema.TextArray(),
            "allowed_approvals_reviewers", new ConfigSchema.TextArray(),
            "allowed_permission_profiles", new ConfigSchema.TextArray(),
            "sandbox_backend", new ConfigSchema.Text(SandboxBackendChoice.wireNames(), List.of()),
            "allow_degraded_sandbox", new ConfigSchema.Bool(),
            "permissions", new ConfigSchema.Struct(fields("filesystem", new ConfigSchema.Struct(
                    fields("deny_read", new ConfigSchema.TextArray()), false)), false),
            "rules", new ConfigSchema.Struct(fields("prefix_rules", new ConfigSchema.TableArray()), false),
            "network", new ConfigSchema.Struct(fields(
                    "allowed_domains", new ConfigSchema.TextArray(),
                    "denied_domains", new ConfigSchema.TextArray(),
                    "managed_allowed_domains_only", new ConfigSchema.Bool()), false)), false);

    static Requirements read(Path file) throws ConfigException {
        if (!Files.exists(file)) {
            return Requirements.none();
        }
        ConfigNode.Table tree = TomlSource.read(file, "requirements", "requirements").tree();
        Map<String, ValueOrigin> unknown = new LinkedHashMap<>();
        ConfigSchema.collectUnknown(tree, SHAPE, List.of(), unknown);
        if (!unknown.isEmpty()) {
            Map.Entry<String, ValueOrigin> first = unknown.entrySet().iterator().next();
            throw new ConfigException(first.getKey() + " (" + first.getValue().describe()
                    + "): unknown requirement key; known keys: allowed_approval_policies, allowed_sandbox_modes,"
                    + " allowed_approvals_reviewers, allowed_permission_profiles, sandbox_backend,"
                    + " allow_degraded_sandbox, permissions.filesystem.deny_read,"
                    + " rules.prefix_rules, network.allowed_domains, network.denied_domains,"
                    + " network.managed_allowed_domains_only");
        }
        ConfigSchema.check(tree, SHAPE, List.of());
        Map<String, ValueOrigin> origins = new LinkedHashMap<>();
        List<String> approval = allowed(tree, "allowed_approval_policies", ApprovalPolicy.ALL_NAMES, origins);
        List<String> modes = allowed(tree, "allowed_sandbox_modes", SandboxMode.wireNames(), origins);
        List<String> reviewers = allowed(tree, "allowed_approvals_reviewers", ApprovalsReviewer.wireNames(), origins);
        List<String> profiles = new ArrayList<>();
        for (String name : allowed(tree, "allowed_permission_profiles", List.of(), origins)) {
            profiles.add(PermissionProfiles.builtinName(name).orElse(name));
        }
        List<String> denyRead = strings(tree, List.of("permissions", "filesystem", "deny_read"), origins);
        for (String entry : denyRead) {
            checkDenyEntry(tree, entry);
        }
        Optional<TomlArray> prefixRules = tree.at(List.of("rules", "prefix_rules"))
                .map(node -> (TomlArray) ((ConfigNode.Leaf) node).value());
        prefixRules.ifPresent(rules -> origins.put("rules.prefix_rules",
                tree.at(List.of("rules", "prefix_rules")).orElseThrow().position().origin()));
        List<String> allowedDomains = domains(tree, "allowed_domains", origins);
        List<String> deniedDomains = domains(tree, "denied_domains", origins);
        boolean managedOnly = tree.at(List.of("network", "managed_allowed_domains_only"))
                .map(node -> {
                    origins.put("network.managed_allowed_domains_only", node.position().origin());
                    return (Boolean) ((ConfigNode.Leaf) node).value();
                }).orElse(false);
        Optional<String> backend = tree.get("sandbox_backend").map(node -> {
            origins.put("sandbox_backend", node.position().origin());
            return (String) ((ConfigNode.Leaf) node).value();
        });
        boolean allowDegraded = tree.get("allow_degraded_sandbox").map(node -> {
            origins.put("allow_degraded_sandbox", node.position().origin());
            return (Boolean) ((ConfigNode.Leaf) node).value();
        }).orElse(false);
        return new Requirements(Optional.of(file), approval, modes, reviewers, profiles, denyRead, prefixRules,
                allowedDomains, deniedDomains, managedOnly, backend, allowDegraded, origins);
    }

    private static List<String> allowed(ConfigNode.Table tree, String key, List<String> known,
                                        Map<String, ValueOrigin> origins) throws ConfigException {
        Optional<ConfigNode> node = tree.get(key);
        if (node.isEmpty()) {
            return List.of();
        }
        List<String> values = strings(tree, List.of(key), origins);
        if (values.isEmpty()) {
            throw ConfigSchema.error(List.of(key), node.get(), "is empty, so nothing would be allowed and Warden"
                    + " refuses to run; list at least one value" + (known.isEmpty() ? "" : " (" + String.join(", ", known) + ")")
                    + " or remove the key");
        }
        for (String value : values) {
            boolean alias = key.equals("allowed_approvals_reviewers") && value.equals("guardian_subagent");
            if (!known.isEmpty() && !known.contains(value) && !alias) {
                throw ConfigSchema.error(List.of(key), node.get(), "unknown value \"" + value + "\"; allowed: "
                        + String.join(", ", known));
            }
            if (value.isBlank()) {
                throw ConfigSchema.error(List.of(key), node.get(), "holds an empty name");
            }
        }
        return values.stream().map(v -> v.equals("guardian_subagent") ? "auto_review" : v).distinct().toList();
    }

    private static List<String> domains(ConfigNode.Table tree, String key, Map<String, ValueOrigin> origins)
            throws ConfigException {
        List<String> path = List.of("network", key);
        List<String> values = strings(tree, path, origins);
        for (String value : values) {
            if (value.isBlank() || value.chars().anyMatch(Character::isWhitespace)) {
                throw ConfigSchema.error(path, tree.at(path).orElseThrow(), "\"" + value + "\" is not a domain pattern");
            }
            try {
                if (key.equals("allowed_domains")) {
                    DomainRule.allow(value, "requirements", true);
                } else {
                    DomainRule.deny(value, "requirements", true);
                }
            } catch (InvalidHostException e) {
                throw ConfigSchema.error(path, tree.at(path).orElseThrow(), e.getMessage());
            }
        }
        return values;
    }

    private static List<String> strings(ConfigNode.Table tree, List<String> path, Map<String, ValueOrigin> origins) {
        Optional<ConfigNode> node = tree.at(path);
        if (node.isEmpty()) {
            return List.of();
        }
        origins.put(String.join(".", path), node.get().position().origin());
        TomlArray array = (TomlArray) ((ConfigNode.Leaf) node.get()).value();
        List<String> values = new ArrayList<>();
        for (int i = 0; i < array.size(); i++) {
            values.add(array.getString(i));
        }
        return values;
    }

    private static void checkDenyEntry(ConfigNode.Table tree, String entry) throws ConfigException {
        List<String> path = List.of("permissions", "filesystem", "deny_read");
        ConfigNode node = tree.at(path).orElseThrow();
        boolean anchored = entry.startsWith("/") || entry.startsWith("~/") || entry.equals("~");
        if (!anchored && !(DenyGlob.isGlob(entry) && entry.startsWith("**/"))) {
            throw ConfigSchema.error(path, node, "\"" + entry + "\" must be an absolute path, start with ~/,"
                    + " or be a glob starting with **/ (matches anywhere)");
        }
        if (DenyGlob.isGlob(entry)) {
            try {
                String pattern = entry.startsWith("~") ? "/home/user" + entry.substring(1) : entry;
                if (pattern.startsWith("/")) {
                    DenyGlob.ofAbsolute(pattern);
                } else {
                    DenyGlob.under(Path.of("/"), pattern);
                }
            } catch (IllegalArgumentException e) {
                throw ConfigSchema.error(path, node, "\"" + entry + "\": " + e.getMessage());
            }
        }
    }

    private static Map<String, ConfigSchema.Shape> fields(Object... pairs) {
        Map<String, ConfigSchema.Shape> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put((String) pairs[i], (ConfigSchema.Shape) pairs[i + 1]);
        }
        return map;
    }
}
