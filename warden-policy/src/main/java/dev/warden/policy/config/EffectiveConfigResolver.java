package dev.warden.policy.config;

import dev.warden.policy.fs.Access;
import dev.warden.policy.fs.FilesystemEntry;
import dev.warden.policy.fs.FilesystemPolicy;
import dev.warden.policy.fs.PermissionProfileDefinition;
import dev.warden.policy.fs.PermissionProfiles;
import dev.warden.policy.fs.ProfileException;
import dev.warden.policy.fs.ResolutionContext;
import dev.warden.policy.fs.ResolvedProfile;
import dev.warden.policy.network.NetworkMode;
import dev.warden.policy.network.NetworkPolicy;
import dev.warden.policy.risk.AutoReviewThresholds;
import dev.warden.policy.risk.ThresholdAction;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.tomlj.TomlArray;

/**
 * Turns the merged, type-checked tree into an {@link EffectiveConfig}, applying the administrator's
 * requirements: a value outside an allowed set falls back to the first allowed value, with a warning
 * naming the value, the layer that set it and the requirement that replaced it.
 */
final class EffectiveConfigResolver {
    private final ConfigNode.Table tree;
    private final Requirements requirements;
    private final List<String> warnings = new ArrayList<>();
    private final Map<String, ValueOrigin> replacedOrigins = new LinkedHashMap<>();

    /** What the effective configuration is, plus the warnings and the origins the requirements replaced (or tables set). */
    record Result(EffectiveConfig effective, List<String> warnings, Map<String, ValueOrigin> replacedOrigins) {}

    /** The host facts profiles are resolved against. */
    record Host(Path projectRoot, boolean projectTrusted, Path home, Optional<Path> tmpdir, List<Path> alwaysProtected) {}

    private EffectiveConfigResolver(ConfigNode.Table tree, Requirements requirements) {
        this.tree = tree;
        this.requirements = requirements;
    }

    static Result resolve(ConfigNode.Table tree, Requirements requirements, Host host) throws ConfigException {
        EffectiveConfigResolver resolver = new EffectiveConfigResolver(tree, requirements);
        EffectiveConfig effective = resolver.build(host);
        return new Result(effective, resolver.warnings, resolver.replacedOrigins);
    }

    private EffectiveConfig build(Host host) throws ConfigException {
        ConfigNode approvalNode = node("approval_policy");
        ApprovalPolicy approval = approvalPolicy(approvalNode);
        if (approvalNode instanceof ConfigNode.Table) {
            replacedOrigins.put("approval_policy", approvalNode.position().origin()); // where the table was written
        }
        String approvalName = constrained("approval_policy", approval.wireName(), approvalNode,
                requirements.allowedApprovalPolicies(), "allowed_approval_policies");
        if (!approvalName.equals(approval.wireName())) {
            // A fallback to "granular" keeps every kind of prompt: the person stays in the loop.
            approval = approvalName.equals("granular")
                    ? new ApprovalPolicy.Granular(true, true, true, true, true)
                    : ApprovalPolicy.ofSimpleName(approvalName);
        }
        ConfigNode reviewerNode = node("approvals_reviewer");
        ApprovalsReviewer configuredReviewer = ApprovalsReviewer.parse(text(reviewerNode)).orElseThrow();
        ApprovalsReviewer reviewer = ApprovalsReviewer.parse(constrained("approvals_reviewer",
                configuredReviewer.wireName(), reviewerNode, requirements.allowedApprovalsReviewers(),
                "allowed_approvals_reviewers")).orElseThrow();
        ConfigNode modeNode = node("sandbox_mode");
        SandboxMode mode = SandboxMode.parse(constrained("sandbox_mode", text(modeNode), modeNode,
                requirements.allowedSandboxModes(), "allowed_sandbox_modes")).orElseThrow();

        ConfigNode backendNode = node("sandbox_backend");
        SandboxBackendChoice backend = SandboxBackendChoice.parse(constrained("sandbox_backend", text(backendNode),
                backendNode, requirements.sandboxBackend().stream().toList(), "sandbox_backend")).orElseThrow();

        PermissionProfiles profiles = permissionProfiles();
        Optional<ConfigNode> defaultPermissions = tree.get("default_permissions");
        ConfigNode profileNode = defaultPermissions.orElse(modeNode);
        String requested = defaultPermissions.map(EffectiveConfigResolver::text).orElse(mode.wireName());
        String profileName = profiles.canonicalName(requested).orElseThrow(() -> ConfigSchema.error(
                List.of("default_permissions"), profileNode, "unknown permission profile `" + requested
                        + "`; known profiles: " + String.join(", ", profiles.names())
                        + " (define it as [permissions." + requested + "])"));
        profileName = allowedProfile(profileName, profileNode, profiles);

        ResolutionContext context = resolutionContext(host);
        ResolvedProfile resolved = resolveProfile(profiles, profileName, context, profileNode);
        SandboxMode amounts = amountsTo(resolved.policy());
        if (!requirements.allowedSandboxModes().isEmpty()
                && !requirements.allowedSandboxModes().contains(amounts.wireName())) {
            SandboxMode fallback = SandboxMode.parse(requirements.allowedSandboxModes().getFirst()).orElseThrow();
            String fallbackProfile = PermissionProfiles.builtinName(fallback.wireName()).orElseThrow();
            warnings.add("permission profile `" + profileName + "` (" + profileNode.position().describe()
                    + ") amounts to sandbox mode \"" + amounts.wireName() + "\", which "
                    + requirements.describe("allowed_sandbox_modes") + " does not allow (allowed_sandbox_modes: "
                    + String.join(", ", requirements.allowedSandboxModes()) + "); using permission profile `"
                    + fallbackProfile + "`");
            if (!requirements.allowedPermissionProfiles().isEmpty()
                    && !requirements.allowedPermissionProfiles().contains(fallbackProfile)) {
                throw new ConfigException("requirements allow no permission profile that fits allowed_sandbox_modes ("
                        + requirements.describe("allowed_permission_profiles") + "); add `" + fallbackProfile
                        + "` to allowed_permission_profiles or allow sandbox mode \"" + amounts.wireName() + "\"");
            }
            replacedOrigins.put("default_permissions", requirementOrigin("allowed_sandbox_modes"));
            profileName = fallbackProfile;
            resolved = resolveProfile(profiles, profileName, context, profileNode);
            amounts = amountsTo(resolved.policy());
        }
        warnings.addAll(resolved.warnings());
        if (defaultPermissions.isPresent() && amounts != mode && !modeNode.position().layer().equals("default")) {
            warnings.add("sandbox_mode \"" + mode.wireName() + "\" (" + modeNode.position().describe()
                    + ") is overridden by default_permissions `" + profileName + "`, which amounts to \""
                    + amounts.wireName() + "\"");
        }
        NetworkPolicy network = NetworkSection.resolve(tree, profileName, amounts, profileNode, requirements, warnings,
                replacedOrigins);
        return new EffectiveConfig(approval, reviewer, amounts, backend, profileName, resolved.policy(),
                network.mode() != NetworkMode.OFF, network, shellEnvironment(), otel(), host.projectRoot(),
                host.projectTrusted(), autoReview(), audit(host), approvals());
    }

    /**
     * {@code [approvals]} and the model reviewer's keys of {@code [auto_review]}. A half-configured reviewer (a
     * model without an endpoint, an endpoint that is not http(s)) is an error, never a reviewer quietly left out.
     */
    private ApprovalSettings approvals() throws ConfigException {
        long timeout = (Long) ((ConfigNode.Leaf) node("approvals", "timeout_seconds")).value();
        Optional<ConfigNode> endpointNode = tree.at(List.of("auto_review", "endpoint"));
        Optional<ConfigNode> modelNode = tree.at(List.of("auto_review", "model"));
        Optional<ConfigNode> keyNode = tree.at(List.of("auto_review", "api_key_env"));
        Optional<ApprovalSettings.ModelReviewer> reviewer = Optional.empty();
        if (endpointNode.isEmpty()) {
            Optional<ConfigNode> stray = modelNode.or(() -> keyNode);
            if (stray.isPresent()) {
                throw ConfigSchema.error(List.of("auto_review", modelNode.isPresent() ? "model" : "api_key_env"),
                        stray.get(), "set, but auto_review.endpoint is not; add the chat-completions URL or remove it");
            }
        } else {
            String text = text(endpointNode.get());
            java.net.URI endpoint;
            try {
                endpoint = new java.net.URI(text);
            } catch (java.net.URISyntaxException e) {
                throw ConfigSchema.error(List.of("auto_review", "endpoint"), endpointNode.get(),
                        "\"" + text + "\" is not a URL (" + e.getReason() + ")");
            }
            if (!("http".equals(endpoint.getScheme()) || "https".equals(endpoint.getScheme()))
                    || endpoint.getHost() == null) {
                throw ConfigSchema.error(List.of("auto_review", "endpoint"), endpointNode.get(), "\"" + text
                        + "\" must be an http or https URL with a host, e.g. https://api.openai.com/v1/chat/completions");
            }
            if (modelNode.isEmpty() || text(modelNode.get()).isBlank()) {
                throw ConfigSchema.error(List.of("auto_review", "endpoint"), endpointNode.get(),
                        "a model reviewer needs auto_review.model too; add the model name");
            }
            Optional<String> keyEnv = keyNode.map(EffectiveConfigResolver::text);
            if (keyEnv.isPresent() && !keyEnv.get().matches("[A-Za-z_][A-Za-z0-9_]*")) {
                throw ConfigSchema.error(List.of("auto_review", "api_key_env"), keyNode.get(), "\"" + keyEnv.get()
                        + "\" is not an environment variable name; give the variable's name, never the key itself");
            }
            long reviewSeconds = (Long) ((ConfigNode.Leaf) node("auto_review", "timeout_seconds")).value();
            reviewer = Optional.of(new ApprovalSettings.ModelReviewer(endpoint, text(modelNode.get()), keyEnv,
                    java.time.Duration.ofSeconds(reviewSeconds)));
        }
        return new ApprovalSettings(java.time.Duration.ofSeconds(timeout), reviewer);
    }

    /** The four thresholds; a higher level set more leniently than a lower one is an error naming both keys' layers. */
    private AutoReviewThresholds autoReview() throws ConfigException {
        ConfigNode low = node("auto_review", "low");
        ConfigNode medium = node("auto_review", "medium");
        ConfigNode high = node("auto_review", "high");
        ConfigNode critical = node("auto_review", "critical");
        try {
            return new AutoReviewThresholds(threshold(low), threshold(medium), threshold(high), threshold(critical));
        } catch (IllegalArgumentException e) {
            throw new ConfigException(e.getMessage() + " (auto_review.low: " + low.position().describe()
                    + "; auto_review.medium: " + medium.position().describe() + "; auto_review.high: "
                    + high.position().describe() + "; auto_review.critical: " + critical.position().describe() + ")");
        }
    }

    private static ThresholdAction threshold(ConfigNode node) {
        return ThresholdAction.parse(text(node)).orElseThrow();
    }

    /** What a resolved policy amounts to as a sandbox mode (so requirements on modes bind custom profiles too). */
    static SandboxMode amountsTo(FilesystemPolicy policy) {
        if (policy.fullDiskWrite()) {
            return SandboxMode.DANGER_FULL_ACCESS;
        }
        return policy.writableRoots().isEmpty() ? SandboxMode.READ_ONLY : SandboxMode.WORKSPACE_WRITE;
    }

    private String constrained(String key, String value, ConfigNode node, List<String> allowed, String requirementKey)
            throws ConfigException {
        if (allowed.isEmpty() || allowed.contains(value)) {
            return value;
        }
        String fallback = allowed.getFirst();
        if (!node.position().layer().equals("default")) {
            warnings.add(key + " \"" + value + "\" (" + node.position().describe() + ") is not allowed by "
                    + requirements.describe(requirementKey) + " (" + requirementKey + ": " + String.join(", ", allowed)
                    + "); using \"" + fallback + "\"");
        }
        replacedOrigins.put(key, requirementOrigin(requirementKey));
        return fallback;
    }

    private String allowedProfile(String name, ConfigNode node, PermissionProfiles profiles) throws ConfigException {
        List<String> allowed = requirements.allowedPermissionProfiles();
        if (allowed.isEmpty() || allowed.contains(name)) {
            return name;
        }
        String fallback = allowed.getFirst();
        if (profiles.canonicalName(fallback).isEmpty()) {
            throw new ConfigException("permission profile `" + name + "` (" + node.position().describe()
                    + ") is not allowed by " + requirements.describe("allowed_permission_profiles")
                    + ", and its first allowed profile `" + fallback + "` is not defined; define [permissions."
                    + fallback + "] or select an allowed profile (" + String.join(", ", allowed) + ")");
        }
        if (!node.position().layer().equals("default")) {
            warnings.add("permission profile `" + name + "` (" + node.position().describe() + ") is not allowed by "
                    + requirements.describe("allowed_permission_profiles") + " (allowed_permission_profiles: "
                    + String.join(", ", allowed) + "); using `" + fallback + "`");
        }
        replacedOrigins.put("default_permissions", requirementOrigin("allowed_permission_profiles"));
        return fallback;
    }

    private ValueOrigin requirementOrigin(String key) {
        return requirements.origins().getOrDefault(key, new ValueOrigin("requirements", requirements.source(), 0));
    }

    private ResolvedProfile resolveProfile(PermissionProfiles profiles, String name, ResolutionContext context,
                                           ConfigNode node) throws ConfigException {
        try {
            return profiles.resolve(name, context);
        } catch (ProfileException e) {
            throw new ConfigException(e.getMessage() + " [selected by " + node.position().describe() + "]", e);
        }
    }

    private ResolutionContext resolutionContext(Host host) throws ConfigException {
        ConfigNode rootsNode = node("sandbox_workspace_write", "writable_roots");
        List<String> roots = strings(rootsNode);
        for (String root : roots) {
            if (!(root.startsWith("/") || root.equals("~") || root.startsWith("~/"))) {
                throw ConfigSchema.error(List.of("sandbox_workspace_write", "writable_roots"), rootsNode,
                        "\"" + root + "\" must be an absolute path or start with ~/");
            }
        }
        ResolutionContext.WorkspaceWrite workspace = new ResolutionContext.WorkspaceWrite(roots,
                bool(List.of("sandbox_workspace_write", "exclude_tmpdir_env_var")),
                bool(List.of("sandbox_workspace_write", "exclude_slash_tmp")));
        return new ResolutionContext(host.projectRoot(), host.home(), host.tmpdir(), workspace,
                requirements.denyRead(), requirements.describe("permissions.filesystem.deny_read"),
                host.alwaysProtected());
    }

    private PermissionProfiles permissionProfiles() throws ConfigException {
        List<PermissionProfileDefinition> definitions = new ArrayList<>();
        Optional<ConfigNode.Table> permissions = tree.table("permissions");
        if (permissions.isPresent()) {
            for (Map.Entry<String, ConfigNode> entry : permissions.get().entries().entrySet()) {
                definitions.add(definition(entry.getKey(), (ConfigNode.Table) entry.getValue()));
            }
        }
        try {
            return new PermissionProfiles(definitions);
        } catch (ProfileException e) {
            throw new ConfigException(e.getMessage(), e);
        }
    }

    private static PermissionProfileDefinition definition(String name, ConfigNode.Table table) {
        Optional<String> parent = table.get("extends").map(EffectiveConfigResolver::text);
        Map<String, FilesystemEntry> entries = new LinkedHashMap<>();
        OptionalInt depth = OptionalInt.empty();
        Optional<ConfigNode.Table> filesystem = table.table("filesystem");
        if (filesystem.isPresent()) {
            for (Map.Entry<String, ConfigNode> entry : filesystem.get().entries().entrySet()) {
                if (entry.getKey().equals("glob_scan_max_depth")) {
                    long value = (Long) ((ConfigNode.Leaf) entry.getValue()).value();
                    depth = OptionalInt.of((int) Math.min(value, Integer.MAX_VALUE));
                } else if (entry.getValue() instanceof ConfigNode.Table scoped) {
                    Map<String, Access> sub = new LinkedHashMap<>();
                    scoped.entries().forEach((path, access) -> sub.put(path, Access.parse(text(access)).orElseThrow()));
                    entries.put(entry.getKey(), new FilesystemEntry.Scoped(sub));
                } else {
                    entries.put(entry.getKey(), new FilesystemEntry.Grant(Access.parse(text(entry.getValue())).orElseThrow()));
                }
            }
        }
        return new PermissionProfileDefinition(name, parent, entries, depth, firstPosition(table).describe());
    }

    private static Position firstPosition(ConfigNode node) {
        if (node.position().line() > 0 || !(node instanceof ConfigNode.Table table)) {
            return node.position();
        }
        for (ConfigNode child : table.entries().values()) {
            Position position = firstPosition(child);
            if (position.line() > 0) {
                return position;
            }
        }
        return node.position();
    }

    private ApprovalPolicy approvalPolicy(ConfigNode node) throws ConfigException {
        if (node instanceof ConfigNode.Leaf leaf) {
            return ApprovalPolicy.ofSimpleName((String) leaf.value());
        }
        ConfigNode.Table table = (ConfigNode.Table) node;
        Optional<ConfigNode.Table> granular = table.table("granular");
        if (granular.isEmpty()) {
            throw ConfigSchema.error(List.of("approval_policy"), node, "a table must be { granular = { sandbox_approval,"
                    + " rules, mcp_elicitations, request_permissions, skill_approval } }, or use one of "
                    + String.join(", ", ApprovalPolicy.SIMPLE_NAMES));
        }
        ConfigNode.Table flags = granular.get();
        return new ApprovalPolicy.Granular(required(flags, "sandbox_approval"), required(flags, "rules"),
                required(flags, "mcp_elicitations"), optional(flags, "request_permissions"),
                optional(flags, "skill_approval"));
    }

    /** Like Codex, the three original granular flags must be spelled out; the two later ones default to false. */
    private static boolean required(ConfigNode.Table flags, String key) throws ConfigException {
        Optional<ConfigNode> value = flags.get(key);
        if (value.isEmpty()) {
            throw ConfigSchema.error(List.of("approval_policy", "granular", key), flags, "missing; a granular policy"
                    + " needs sandbox_approval, rules and mcp_elicitations (true or false)");
        }
        return (Boolean) ((ConfigNode.Leaf) value.get()).value();
    }

    private static boolean optional(ConfigNode.Table flags, String key) {
        return flags.get(key).map(v -> (Boolean) ((ConfigNode.Leaf) v).value()).orElse(false);
    }

    private ShellEnvironmentPolicy shellEnvironment() {
        Map<String, String> set = new LinkedHashMap<>();
        tree.at(List.of("shell_environment_policy", "set")).ifPresent(node ->
                ((ConfigNode.Table) node).entries().forEach((name, value) -> set.put(name, text(value))));
        return new ShellEnvironmentPolicy(
                ShellEnvironmentPolicy.Inherit.valueOf(text(node("shell_environment_policy", "inherit")).toUpperCase(java.util.Locale.ROOT)),
                strings(node("shell_environment_policy", "exclude")),
                strings(node("shell_environment_policy", "include_only")),
                set,
                bool(List.of("shell_environment_policy", "ignore_default_excludes")));
    }

    private AuditSettings audit(Host host) throws ConfigException {
        Optional<Path> path = Optional.empty();
        Optional<ConfigNode> pathNode = tree.at(List.of("audit", "path"));
        if (pathNode.isPresent()) {
            String text = text(pathNode.get());
            if (text.equals("~") || text.startsWith("~/")) {
                path = Optional.of(host.home().resolve(text.substring(Math.min(2, text.length()))).normalize());
            } else if (text.startsWith("/")) {
                path = Optional.of(Path.of(text).normalize());
            } else {
                throw ConfigSchema.error(List.of("audit", "path"), pathNode.get(),
                        "\"" + text + "\" must be an absolute path or start with ~/");
            }
        }
        long days = (Long) ((ConfigNode.Leaf) node("audit", "retention_days")).value();
        AuditSettings.OnFailure onFailure = AuditSettings.OnFailure.valueOf(
                text(node("audit", "on_failure")).toUpperCase(java.util.Locale.ROOT));
        return new AuditSettings(path, (int) Math.min(days, Integer.MAX_VALUE), onFailure);
    }

    private Map<String, Object> otel() {
        return tree.table("otel").map(EffectiveConfigResolver::plain).orElse(Map.of());
    }

    /** A table as plain maps, lists and scalars (for the exporter and for JSON). */
    static Map<String, Object> plain(ConfigNode.Table table) {
        Map<String, Object> out = new LinkedHashMap<>();
        table.entries().forEach((key, node) -> out.put(key, switch (node) {
            case ConfigNode.Table child -> plain(child);
            case ConfigNode.Leaf leaf -> leaf.value() instanceof TomlArray array ? array.toList() : leaf.value();
        }));
        return out;
    }

    private ConfigNode node(String... path) {
        return tree.at(List.of(path)).orElseThrow(() -> new IllegalStateException("no default for " + String.join(".", path)));
    }

    private boolean bool(List<String> path) {
        return (Boolean) ((ConfigNode.Leaf) tree.at(path).orElseThrow()).value();
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
}
