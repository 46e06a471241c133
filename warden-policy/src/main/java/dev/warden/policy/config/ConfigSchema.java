package dev.warden.policy.config;

import dev.warden.policy.risk.ThresholdAction;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tomlj.TomlArray;
import org.tomlj.TomlTable;

/**
 * The keys Warden understands and the type of each. Every layer is checked on its own, so a type error
 * names the file that made it; keys Warden does not know are kept and reported, never an error, because
 * a Codex {@code config.toml} is full of keys (model, web_search...) that are not Warden's business.
 */
final class ConfigSchema {
    private ConfigSchema() {}

    /** The expected form of a value. */
    sealed interface Shape {}

    record Text(List<String> allowed, List<String> aliases) implements Shape {}

    record Bool() implements Shape {}

    record Int(long min) implements Shape {}

    record TextArray() implements Shape {}

    record TableArray() implements Shape {}

    /** A table with known keys; {@code open} tables keep unknown keys without reporting them. */
    record Struct(Map<String, Shape> fields, boolean open) implements Shape {}

    /** A table whose keys are names chosen by the user (profiles, permission profiles, variables). */
    record MapOf(Shape value) implements Shape {}

    /** A string from {@code text}, or a table shaped like {@code table} ({@code approval_policy}). */
    record TextOrTable(Text text, Struct table) implements Shape {}

    /** A permission profile's {@code filesystem} table: path keys to an access or to a table of sub-paths. */
    record Filesystem() implements Shape {}

    static final Text ANY_TEXT = new Text(List.of(), List.of());
    static final Text ACCESS = new Text(List.of("read", "write", "none", "deny"), List.of());
    static final Text THRESHOLD = new Text(ThresholdAction.wireNames(), List.of());

    static final Struct GRANULAR = new Struct(ordered(
            "sandbox_approval", new Bool(), "rules", new Bool(), "mcp_elicitations", new Bool(),
            "request_permissions", new Bool(), "skill_approval", new Bool()), false);

    /** {@code [network]}, also allowed as {@code [permissions.NAME.network]}. */
    static final Struct NETWORK = new Struct(ordered(
            "mode", new Text(dev.warden.policy.network.NetworkMode.wireNames(), List.of()),
            "allowed_domains", new TextArray(), "denied_domains", new TextArray(),
            "unknown", new Text(dev.warden.policy.network.UnknownDomains.wireNames(), List.of()),
            "allow_local_binding", new Bool()), false);

    static final Struct PROFILE = new Struct(ordered(
            "approval_policy", new TextOrTable(new Text(ApprovalPolicy.SIMPLE_NAMES, List.of()),
                    new Struct(ordered("granular", GRANULAR), false)),
            "approvals_reviewer", new Text(ApprovalsReviewer.wireNames(), List.of("guardian_subagent")),
            "sandbox_mode", new Text(SandboxMode.wireNames(), List.of()),
            "sandbox_backend", new Text(SandboxBackendChoice.wireNames(), List.of()),
            "default_permissions", ANY_TEXT,
            "permissions", new MapOf(new Struct(ordered("extends", ANY_TEXT, "filesystem", new Filesystem(),
                    "network", NETWORK), false)),
            "sandbox_workspace_write", new Struct(ordered(
                    "network_access", new Bool(), "writable_roots", new TextArray(),
                    "exclude_tmpdir_env_var", new Bool(), "exclude_slash_tmp", new Bool()), false),
            "network", NETWORK,
            "shell_environment_policy", new Struct(ordered(
                    "inherit", new Text(List.of("all", "core", "none"), List.of()),
                    "exclude", new TextArray(), "include_only", new TextArray(),
                    "set", new MapOf(ANY_TEXT), "ignore_default_excludes", new Bool()), false),
            "otel", new Struct(ordered(
                    "exporter", new TextOrTable(ANY_TEXT, new Struct(Map.of(), true)),
                    "environment", ANY_TEXT, "log_user_prompt", new Bool(), "otlp_endpoint", ANY_TEXT), true),
            "rules", new Struct(ordered("prefix", new TableArray()), false),
            "auto_review", new Struct(ordered(
                    "low", THRESHOLD, "medium", THRESHOLD, "high", THRESHOLD, "critical", THRESHOLD,
                    "endpoint", ANY_TEXT, "model", ANY_TEXT, "api_key_env", ANY_TEXT,
                    "timeout_seconds", new Int(1)), false),
            "approvals", new Struct(ordered("timeout_seconds", new Int(1)), false),
            "audit", new Struct(ordered(
                    "path", ANY_TEXT,
                    "retention_days", new Int(1),
                    "on_failure", new Text(AuditSettings.OnFailure.wireNames(), List.of())), false)), false);

    static final Struct ROOT;

    static {
        Map<String, Shape> root = new LinkedHashMap<>(PROFILE.fields());
        root.put("profiles", new MapOf(PROFILE));
        ROOT = new Struct(root, false);
    }

    /** Checks the types of one layer's tree; the first mismatch is the error. */
    static void validate(ConfigNode.Table layer) throws ConfigException {
        check(layer, ROOT, List.of());
    }

    /** Every key below {@code table} that the schema does not know, with where it was set ({@code profiles} excluded). */
    static Map<String, ValueOrigin> unknownKeys(ConfigNode.Table table) {
        Map<String, ValueOrigin> out = new java.util.TreeMap<>();
        collectUnknown(table.without("profiles"), ROOT, List.of(), out);
        return out;
    }

    static void collectUnknown(ConfigNode node, Shape shape, List<String> path, Map<String, ValueOrigin> out) {
        if (!(node instanceof ConfigNode.Table table)) {
            return;
        }
        switch (shape) {
            case Struct struct -> {
                for (Map.Entry<String, ConfigNode> entry : table.entries().entrySet()) {
                    Shape field = struct.fields().get(entry.getKey());
                    List<String> child = KeyPath.append(path, entry.getKey());
                    if (field != null) {
                        collectUnknown(entry.getValue(), field, child, out);
                    } else if (!struct.open()) {
                        leaves(entry.getValue(), child, out);
                    }
                }
            }
            case MapOf map -> {
                for (Map.Entry<String, ConfigNode> entry : table.entries().entrySet()) {
                    collectUnknown(entry.getValue(), map.value(), KeyPath.append(path, entry.getKey()), out);
                }
            }
            case TextOrTable either -> collectUnknown(node, either.table(), path, out);
            default -> { }
        }
    }

    /** Every value under an unknown key, so each is reported with its own line. */
    private static void leaves(ConfigNode node, List<String> path, Map<String, ValueOrigin> out) {
        if (node instanceof ConfigNode.Table table && !table.entries().isEmpty()) {
            table.entries().forEach((key, child) -> leaves(child, KeyPath.append(path, key), out));
        } else {
            out.put(KeyPath.join(path), node.position().origin());
        }
    }

    static void check(ConfigNode node, Shape shape, List<String> path) throws ConfigException {
        switch (shape) {
            case Text text -> {
                String value = expect(node, String.class, "a string", path);
                if (!text.allowed().isEmpty() && !text.allowed().contains(value) && !text.aliases().contains(value)) {
                    throw error(path, node, "unknown value \"" + value + "\"; allowed: " + String.join(", ", text.allowed()));
                }
            }
            case Bool ignored -> expect(node, Boolean.class, "a boolean", path);
            case Int integer -> {
                long value = expect(node, Long.class, "an integer", path);
                if (value < integer.min()) {
                    throw error(path, node, "must be at least " + integer.min() + ", got " + value);
                }
            }
            case TextArray ignored -> {
                TomlArray array = expect(node, TomlArray.class, "an array of strings", path);
                for (int i = 0; i < array.size(); i++) {
                    if (!(array.get(i) instanceof String)) {
                        throw error(path, node, "element " + i + ": expected a string, got " + typeName(array.get(i)));
                    }
                }
            }
            case TableArray ignored -> {
                TomlArray array = expect(node, TomlArray.class, "an array of tables", path);
                for (int i = 0; i < array.size(); i++) {
                    if (!(array.get(i) instanceof TomlTable)) {
                        throw error(path, node, "element " + i + ": expected a table, got " + typeName(array.get(i)));
                    }
                }
            }
            case Struct struct -> {
                ConfigNode.Table table = expectTable(node, path);
                for (Map.Entry<String, ConfigNode> entry : table.entries().entrySet()) {
                    Shape field = struct.fields().get(entry.getKey());
                    if (field != null) {
                        check(entry.getValue(), field, KeyPath.append(path, entry.getKey()));
                    }
                }
            }
            case MapOf map -> {
                ConfigNode.Table table = expectTable(node, path);
                for (Map.Entry<String, ConfigNode> entry : table.entries().entrySet()) {
                    check(entry.getValue(), map.value(), KeyPath.append(path, entry.getKey()));
                }
            }
            case TextOrTable either -> {
                if (node instanceof ConfigNode.Table) {
                    check(node, either.table(), path);
                } else if (node instanceof ConfigNode.Leaf leaf && leaf.value() instanceof String) {
                    check(node, either.text(), path);
                } else {
                    throw error(path, node, "expected a string or a table, got " + typeName(node));
                }
            }
            case Filesystem ignored -> {
                ConfigNode.Table table = expectTable(node, path);
                for (Map.Entry<String, ConfigNode> entry : table.entries().entrySet()) {
                    List<String> child = KeyPath.append(path, entry.getKey());
                    if (entry.getKey().equals("glob_scan_max_depth")) {
                        check(entry.getValue(), new Int(1), child);
                    } else if (entry.getValue() instanceof ConfigNode.Table) {
                        check(entry.getValue(), new MapOf(ACCESS), child);
                    } else if (entry.getValue() instanceof ConfigNode.Leaf leaf && leaf.value() instanceof String) {
                        check(entry.getValue(), ACCESS, child);
                    } else {
                        throw error(child, entry.getValue(), "expected an access (" + String.join(", ", ACCESS.allowed())
                                + ") or a table of relative paths to accesses, got " + typeName(entry.getValue()));
                    }
                }
            }
        }
    }

    private static <T> T expect(ConfigNode node, Class<T> type, String expected, List<String> path) throws ConfigException {
        if (node instanceof ConfigNode.Leaf leaf && type.isInstance(leaf.value())) {
            return type.cast(leaf.value());
        }
        throw error(path, node, "expected " + expected + ", got " + typeName(node));
    }

    private static ConfigNode.Table expectTable(ConfigNode node, List<String> path) throws ConfigException {
        if (node instanceof ConfigNode.Table table) {
            return table;
        }
        throw error(path, node, "expected a table, got " + typeName(node));
    }

    static ConfigException error(List<String> path, ConfigNode node, String problem) {
        return new ConfigException(KeyPath.join(path) + " (" + node.position().describe() + "): " + problem);
    }

    static String typeName(Object value) {
        Object v = value instanceof ConfigNode.Leaf leaf ? leaf.value() : value;
        return switch (v) {
            case ConfigNode.Table ignored -> "a table";
            case TomlTable ignored -> "a table";
            case String ignored -> "a string";
            case Long ignored -> "an integer";
            case Double ignored -> "a float";
            case Boolean ignored -> "a boolean";
            case TomlArray ignored -> "an array";
            case null -> "nothing";
            default -> "a date/time";
        };
    }

    private static Map<String, Shape> ordered(Object... pairs) {
        Map<String, Shape> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put((String) pairs[i], (Shape) pairs[i + 1]);
        }
        return map;
    }
}
