package dev.warden.policy.config;

import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.tomlj.TomlArray;

/**
 * Constraints an administrator set in {@code $WARDEN_SYSTEM_DIR/requirements.toml}; no configuration
 * layer can override them. An empty {@code allowed...} list means "not constrained" (an empty list in
 * the file is refused when it is read, since it would allow nothing).
 *
 * @param source                     the requirements file, if there is one
 * @param allowedApprovalPolicies    {@code allowed_approval_policies} ({@code granular} stands for any granular table)
 * @param allowedSandboxModes        {@code allowed_sandbox_modes}
 * @param allowedApprovalsReviewers  {@code allowed_approvals_reviewers}
 * @param allowedPermissionProfiles  {@code allowed_permission_profiles}, built-in names in their long form
 * @param denyRead                   {@code [permissions.filesystem] deny_read}: always denied, whatever the layers say
 * @param prefixRules                {@code [rules] prefix_rules}, handed to the rule engine unparsed
 * @param allowedDomains             {@code [network] allowed_domains}
 * @param deniedDomains              {@code [network] denied_domains}
 * @param managedAllowedDomainsOnly  {@code [network] managed_allowed_domains_only}
 * @param sandboxBackend             {@code sandbox_backend}: the only backend allowed, when pinned
 * @param allowDegradedSandbox       {@code allow_degraded_sandbox}: run with a weaker sandbox (or none) when
 *                                   the host cannot enforce the configured one, loudly, instead of refusing
 * @param origins                    dotted key to where it was set, for messages
 */
public record Requirements(
        Optional<Path> source,
        List<String> allowedApprovalPolicies,
        List<String> allowedSandboxModes,
        List<String> allowedApprovalsReviewers,
        List<String> allowedPermissionProfiles,
        List<String> denyRead,
        Optional<TomlArray> prefixRules,
        List<String> allowedDomains,
        List<String> deniedDomains,
        boolean managedAllowedDomainsOnly,
        Optional<String> sandboxBackend,
        boolean allowDegradedSandbox,
        Map<String, ValueOrigin> origins) {

    public Requirements {
        Objects.requireNonNull(source, "source");
        allowedApprovalPolicies = List.copyOf(allowedApprovalPolicies);
        allowedSandboxModes = List.copyOf(allowedSandboxModes);
        allowedApprovalsReviewers = List.copyOf(allowedApprovalsReviewers);
        allowedPermissionProfiles = List.copyOf(allowedPermissionProfiles);
        denyRead = List.copyOf(denyRead);
        Objects.requireNonNull(prefixRules, "prefixRules");
        allowedDomains = List.copyOf(allowedDomains);
        deniedDomains = List.copyOf(deniedDomains);
        Objects.requireNonNull(sandboxBackend, "sandboxBackend");
        origins = Collections.unmodifiableMap(new LinkedHashMap<>(origins));
    }

    /** No requirements file: nothing constrained. */
    public static Requirements none() {
        return new Requirements(Optional.empty(), List.of(), List.of(), List.of(), List.of(), List.of(), Optional.empty(),
                List.of(), List.of(), false, Optional.empty(), false, Map.of());
    }

    /** {@code requirements /etc/warden/requirements.toml:3}, or {@code requirements} when the key has no line. */
    String describe(String key) {
        ValueOrigin origin = origins.get(key);
        if (origin != null) {
            return origin.describe();
        }
        return source.map(file -> "requirements " + file).orElse("requirements");
    }
}
