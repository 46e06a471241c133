package dev.warden.policy.config;

import dev.warden.core.json.Json;
import dev.warden.policy.fs.DenyGlob;
import dev.warden.policy.fs.FilesystemPolicy;
import dev.warden.policy.network.DomainRule;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code warden config explain}: every effective value and who set it, the requirements in force, the
 * files looked at, warnings, keys Warden does not enforce, the resolved filesystem policy, and which
 * host environment variables commands will not see.
 */
public final class ConfigExplainer {
    private ConfigExplainer() {}

    public static Map<String, Object> json(LoadedConfig c) {
        return json(c, System.getenv());
    }

    /** As {@link #json(LoadedConfig)}, computing dropped variables from {@code hostEnv}. */
    public static Map<String, Object> json(LoadedConfig c, Map<String, String> hostEnv) {
        EffectiveConfig e = c.effective();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("digest", c.digest());
        out.put("project", Map.of("root", e.projectRoot().toString(), "trusted", e.projectTrusted()));
        Map<String, Object> effective = new LinkedHashMap<>();
        for (Row row : rows(c)) {
            Map<String, Object> value = new LinkedHashMap<>();
            value.put("value", row.value());
            row.origin().ifPresent(o -> value.put("set_by", origin(o)));
            effective.put(row.key(), value);
        }
        out.put("effective", effective);
        out.put("filesystem", filesystem(e.filesystem()));
        out.put("network", NetworkSection.describe(e.network()));
        Map<String, Object> environment = new LinkedHashMap<>();
        environment.put("dropped", e.shellEnvironment().dropped(hostEnv));
        out.put("environment", environment);
        out.put("requirements", requirements(c.requirements()));
        List<Object> sources = new ArrayList<>();
        for (ConfigSource source : c.sources()) {
            sources.add(Map.of("layer", source.layer(), "file", source.file().toString(), "status", source.status()));
        }
        out.put("sources", sources);
        out.put("warnings", c.warnings());
        Map<String, Object> notEnforced = new LinkedHashMap<>();
        c.notEnforced().forEach((key, o) -> notEnforced.put(key, origin(o)));
        out.put("not_enforced", notEnforced);
        List<Object> rules = new ArrayList<>();
        for (RuleSource rule : c.ruleSources()) {
            rules.add(Map.of("layer", rule.layer(), "file", rule.file().toString(),
                    "kind", rule.tomlPrefixRules().isPresent() ? "toml prefix rules" : "rules file",
                    "allow_decision_allowed", rule.allowDecisionAllowed()));
        }
        out.put("rule_sources", rules);
        Map<String, Object> settings = new LinkedHashMap<>();
        c.origins().forEach((key, o) -> settings.put(key, origin(o)));
        out.put("settings", settings);
        return out;
    }

    public static String text(LoadedConfig c) {
        return text(c, System.getenv());
    }

    /** As {@link #text(LoadedConfig)}, computing dropped variables from {@code hostEnv}. */
    public static String text(LoadedConfig c, Map<String, String> hostEnv) {
        EffectiveConfig e = c.effective();
        StringBuilder out = new StringBuilder();
        out.append("Warden configuration (digest ").append(c.digest(), 0, 12).append(")\n");
        out.append("project ").append(e.projectRoot()).append(e.projectTrusted() ? " (trusted)"
                : " (not trusted: `warden trust " + e.projectRoot() + "` loads its .warden/config.toml and rules)").append("\n");

        section(out, "Effective values");
        List<String[]> table = new ArrayList<>();
        for (Row row : rows(c)) {
            table.add(new String[] {row.key(), display(row.value()), row.origin().map(ValueOrigin::describe).orElse("default")});
        }
        aligned(out, table);

        FilesystemPolicy fs = e.filesystem();
        section(out, "Filesystem (permission profile `" + e.permissionProfile() + "`)");
        List<String[]> fsRows = new ArrayList<>();
        fsRows.add(new String[] {"full disk read", yesNo(fs.fullDiskRead())});
        fsRows.add(new String[] {"full disk write", yesNo(fs.fullDiskWrite())});
        paths(fsRows, "writable", fs.writableRoots());
        paths(fsRows, "readable", fs.readableRoots());
        paths(fsRows, "denied", fs.deniedPaths());
        paths(fsRows, "deny glob", fs.denyGlobs().stream().map(DenyGlob::toString).toList());
        paths(fsRows, "protected", fs.protectedPaths());
        fsRows.add(new String[] {"glob scan depth", Integer.toString(fs.globScanMaxDepth())});
        aligned(out, fsRows);

        section(out, "Network (mode " + e.network().mode().wireName() + ")");
        List<String[]> netRows = new ArrayList<>();
        rules(netRows, "allowed", e.network().allowed());
        rules(netRows, "denied", e.network().denied());
        netRows.add(new String[] {"unknown", e.network().unknown().wireName(), e.network().unknownSource()});
        netRows.add(new String[] {"allow_local_binding", yesNo(e.network().allowLocalBinding())});
        aligned(out, netRows);

        section(out, "Environment");
        List<String> dropped = e.shellEnvironment().dropped(hostEnv);
        out.append("  commands will not see ").append(dropped.size()).append(" host variable")
                .append(dropped.size() == 1 ? "" : "s").append(dropped.isEmpty() ? "" : ": " + String.join(", ", dropped))
                .append("\n");

        section(out, "Requirements" + c.requirements().source().map(p -> " (" + p + ")").orElse(" (none)"));
        List<String[]> reqRows = new ArrayList<>();
        requirements(c.requirements()).forEach((key, value) -> {
            if (!key.equals("source")) {
                reqRows.add(new String[] {key, display(value), c.requirements().describe(key)});
            }
        });
        if (reqRows.isEmpty()) {
            out.append("  none active\n");
        }
        aligned(out, reqRows);

        section(out, "Sources");
        List<String[]> sourceRows = new ArrayList<>();
        for (ConfigSource source : c.sources()) {
            sourceRows.add(new String[] {source.layer(), source.file().toString(), source.status()});
        }
        aligned(out, sourceRows);

        section(out, "Warnings");
        if (c.warnings().isEmpty()) {
            out.append("  none\n");
        }
        c.warnings().forEach(w -> out.append("  - ").append(w).append('\n'));

        section(out, "Not enforced by Warden (kept, ignored)");
        List<String[]> unknown = new ArrayList<>();
        c.notEnforced().forEach((key, o) -> unknown.add(new String[] {key, o.describe()}));
        if (unknown.isEmpty()) {
            out.append("  none\n");
        }
        aligned(out, unknown);

        section(out, "Rule sources");
        List<String[]> ruleRows = new ArrayList<>();
        for (RuleSource rule : c.ruleSources()) {
            ruleRows.add(new String[] {rule.layer(), rule.file().toString(),
                    (rule.tomlPrefixRules().isPresent() ? "[[rules.prefix]]" : ".rules file")
                            + (rule.allowDecisionAllowed() ? "" : ", may not allow")});
        }
        if (ruleRows.isEmpty()) {
            out.append("  none\n");
        }
        aligned(out, ruleRows);

        section(out, "All settings");
        List<String[]> settings = new ArrayList<>();
        c.origins().forEach((key, o) -> settings.add(new String[] {key, o.describe()}));
        aligned(out, settings);
        return out.toString();
    }

    /** SHA-256 (hex) of the effective values in a canonical form. */
    static String digest(EffectiveConfig e) {
        Map<String, Object> values = new TreeMap<>();
        values.put("approval_policy", approval(e.approvalPolicy()));
        values.put("approvals_reviewer", e.approvalsReviewer().wireName());
        values.put("sandbox_mode", e.sandboxMode().wireName());
        values.put("sandbox_backend", e.sandboxBackend().wireName());
        values.put("permission_profile", e.permissionProfile());
        values.put("filesystem", filesystem(e.filesystem()));
        values.put("network_access", e.networkAccess());
        values.put("network", NetworkSection.describe(e.network()));
        values.put("shell_environment_policy", shell(e.shellEnvironment()));
        values.put("otel", e.otel());
        values.put("project_root", e.projectRoot().toString());
        values.put("project_trusted", e.projectTrusted());
        values.put("auto_review", e.autoReview().toMap());
        values.put("audit", audit(e.audit()));
        values.put("approvals", approvals(e.approvals()));
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256")
                    .digest(Json.write(canonical(values)).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash);
        } catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", ex);
        }
    }

    private record Row(String key, Object value, java.util.Optional<ValueOrigin> origin) {}

    private static List<Row> rows(LoadedConfig c) {
        EffectiveConfig e = c.effective();
        Map<String, ValueOrigin> o = c.origins();
        List<Row> rows = new ArrayList<>();
        rows.add(new Row("approval_policy", e.approvalPolicy().wireName(), find(o, "approval_policy")));
        if (e.approvalPolicy() instanceof ApprovalPolicy.Granular) {
            approval(e.approvalPolicy()).forEach((flag, value) -> {
                if (!flag.equals("policy")) {
                    rows.add(new Row("approval_policy.granular." + flag, value, find(o, "approval_policy.granular." + flag)));
                }
            });
        }
        rows.add(new Row("approvals_reviewer", e.approvalsReviewer().wireName(), find(o, "approvals_reviewer")));
        rows.add(new Row("sandbox_mode", e.sandboxMode().wireName(), find(o, "sandbox_mode")));
        rows.add(new Row("sandbox_backend", e.sandboxBackend().wireName(), find(o, "sandbox_backend")));
        java.util.Optional<ValueOrigin> profileOrigin = find(o, "default_permissions");
        rows.add(new Row("default_permissions", e.permissionProfile(),
                profileOrigin.isPresent() ? profileOrigin : find(o, "sandbox_mode")));
        rows.add(new Row("sandbox_workspace_write.network_access", e.networkAccess(),
                find(o, "sandbox_workspace_write.network_access")));
        rows.add(new Row("network.mode", e.network().mode().wireName(), find(o, "network.mode")));
        rows.add(new Row("network.allowed_domains", patterns(e.network().allowed()), find(o, "network.allowed_domains")));
        rows.add(new Row("network.denied_domains", patterns(e.network().denied()), find(o, "network.denied_domains")));
        rows.add(new Row("network.unknown", e.network().unknown().wireName(), find(o, "network.unknown")));
        rows.add(new Row("network.allow_local_binding", e.network().allowLocalBinding(),
                find(o, "network.allow_local_binding")));
        shell(e.shellEnvironment()).forEach((key, value) ->
                rows.add(new Row("shell_environment_policy." + key, value, find(o, "shell_environment_policy." + key))));
        e.otel().forEach((key, value) -> rows.add(new Row("otel." + key, value, find(o, "otel." + key))));
        e.autoReview().toMap().forEach((level, action) ->
                rows.add(new Row("auto_review." + level, action, find(o, "auto_review." + level))));
        audit(e.audit()).forEach((key, value) -> rows.add(new Row("audit." + key, value, find(o, "audit." + key))));
        approvals(e.approvals()).forEach((key, value) -> rows.add(new Row(key, value, find(o, key))));
        return rows;
    }

    /** The origin of a key, or of the first value set below it (for tables). */
    private static java.util.Optional<ValueOrigin> find(Map<String, ValueOrigin> origins, String key) {
        ValueOrigin exact = origins.get(key);
        if (exact != null) {
            return java.util.Optional.of(exact);
        }
        return origins.entrySet().stream().filter(entry -> entry.getKey().startsWith(key + "."))
                .map(Map.Entry::getValue).findFirst();
    }

    private static Map<String, Object> approval(ApprovalPolicy policy) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("policy", policy.wireName());
        if (policy instanceof ApprovalPolicy.Granular g) {
            out.put("sandbox_approval", g.sandboxApproval());
            out.put("rules", g.rules());
            out.put("mcp_elicitations", g.mcpElicitations());
            out.put("request_permissions", g.requestPermissions());
            out.put("skill_approval", g.skillApproval());
        }
        return out;
    }

    /** Keyed by their full config paths; the API key's variable is named, its value never read here. */
    private static Map<String, Object> approvals(ApprovalSettings a) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("approvals.timeout_seconds", a.timeout().toSeconds());
        a.modelReviewer().ifPresent(m -> {
            out.put("auto_review.endpoint", m.endpoint().toString());
            out.put("auto_review.model", m.model());
            m.apiKeyEnv().ifPresent(env -> out.put("auto_review.api_key_env", env));
            out.put("auto_review.timeout_seconds", m.timeout().toSeconds());
        });
        return out;
    }

    private static Map<String, Object> audit(AuditSettings a) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("path", a.path().map(Path::toString).orElse("$WARDEN_HOME/audit.db"));
        out.put("retention_days", a.retentionDays());
        out.put("on_failure", a.onFailure().wireName());
        return out;
    }

    private static Map<String, Object> shell(ShellEnvironmentPolicy s) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("inherit", s.inherit().wireName());
        out.put("ignore_default_excludes", s.ignoreDefaultExcludes());
        out.put("exclude", s.exclude());
        out.put("include_only", s.includeOnly());
        out.put("set", s.set());
        return out;
    }

    private static Map<String, Object> filesystem(FilesystemPolicy fs) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("full_disk_read", fs.fullDiskRead());
        out.put("full_disk_write", fs.fullDiskWrite());
        out.put("readable_roots", strings(fs.readableRoots()));
        out.put("writable_roots", strings(fs.writableRoots()));
        out.put("denied_paths", strings(fs.deniedPaths()));
        out.put("deny_globs", fs.denyGlobs().stream().map(DenyGlob::toString).toList());
        out.put("protected_paths", strings(fs.protectedPaths()));
        out.put("glob_scan_max_depth", fs.globScanMaxDepth());
        return out;
    }

    private static Map<String, Object> requirements(Requirements r) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("source", r.source().map(Path::toString).orElse(null));
        putIfAny(out, "allowed_approval_policies", r.allowedApprovalPolicies());
        putIfAny(out, "allowed_sandbox_modes", r.allowedSandboxModes());
        putIfAny(out, "allowed_approvals_reviewers", r.allowedApprovalsReviewers());
        putIfAny(out, "allowed_permission_profiles", r.allowedPermissionProfiles());
        r.sandboxBackend().ifPresent(backend -> out.put("sandbox_backend", backend));
        if (r.origins().containsKey("allow_degraded_sandbox")) {
            out.put("allow_degraded_sandbox", r.allowDegradedSandbox());
        }
        putIfAny(out, "permissions.filesystem.deny_read", r.denyRead());
        r.prefixRules().ifPresent(rules -> out.put("rules.prefix_rules", rules.size() + " rule(s)"));
        putIfAny(out, "network.allowed_domains", r.allowedDomains());
        putIfAny(out, "network.denied_domains", r.deniedDomains());
        if (r.origins().containsKey("network.managed_allowed_domains_only")) {
            out.put("network.managed_allowed_domains_only", r.managedAllowedDomainsOnly());
        }
        return out;
    }

    private static void putIfAny(Map<String, Object> out, String key, List<String> values) {
        if (!values.isEmpty()) {
            out.put(key, values);
        }
    }

    private static Map<String, Object> origin(ValueOrigin o) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("layer", o.layer());
        o.file().ifPresent(f -> out.put("file", f.toString()));
        if (o.line() > 0) {
            out.put(o.layer().equals("cli") ? "override" : "line", o.line());
        }
        return out;
    }

    private static Object canonical(Object value) {
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> sorted = new TreeMap<>();
            map.forEach((k, v) -> sorted.put(String.valueOf(k), canonical(v)));
            return sorted;
        }
        if (value instanceof List<?> list) {
            return list.stream().map(ConfigExplainer::canonical).toList();
        }
        return value;
    }

    private static List<String> strings(List<Path> paths) {
        return paths.stream().map(Path::toString).toList();
    }

    /** Canonical patterns, the administrator's marked, as shown in the effective values. */
    private static List<String> patterns(List<DomainRule> rules) {
        return rules.stream().map(r -> r.pattern().text() + (r.managed() ? " (requirements)" : "")).toList();
    }

    private static void rules(List<String[]> rows, String label, List<DomainRule> rules) {
        if (rules.isEmpty()) {
            rows.add(new String[] {label, "(none)"});
        }
        for (int i = 0; i < rules.size(); i++) {
            rows.add(new String[] {i == 0 ? label : "", rules.get(i).pattern().text(), rules.get(i).source()});
        }
    }

    private static void paths(List<String[]> rows, String label, List<?> values) {
        if (values.isEmpty()) {
            rows.add(new String[] {label, "(none)"});
        }
        for (int i = 0; i < values.size(); i++) {
            rows.add(new String[] {i == 0 ? label : "", values.get(i).toString()});
        }
    }

    private static String display(Object value) {
        if (value instanceof List<?> list) {
            return list.isEmpty() ? "[]" : String.join(", ", list.stream().map(String::valueOf).toList());
        }
        if (value instanceof Map<?, ?> map) {
            return map.isEmpty() ? "{}" : Json.write(map);
        }
        return String.valueOf(value);
    }

    private static String yesNo(boolean value) {
        return value ? "yes" : "no";
    }

    private static void section(StringBuilder out, String title) {
        out.append('\n').append(title).append('\n');
    }

    /** Rows as columns padded to the widest cell, two spaces between, indented two. */
    private static void aligned(StringBuilder out, List<String[]> rows) {
        int columns = rows.stream().mapToInt(r -> r.length).max().orElse(0);
        int[] widths = new int[columns];
        for (String[] row : rows) {
            for (int i = 0; i < row.length - 1; i++) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        }
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder("  ");
            for (int i = 0; i < row.length; i++) {
                line.append(row[i]);
                if (i < row.length - 1) {
                    line.append(" ".repeat(widths[i] - row[i].length() + 2));
                }
            }
            out.append(line.toString().stripTrailing()).append('\n');
        }
    }
}
