package dev.warden.policy.config;

import dev.warden.policy.fs.FilesystemPolicy;
import dev.warden.policy.network.NetworkPolicy;
import dev.warden.policy.risk.AutoReviewThresholds;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The configuration a session runs with, after every layer and every requirement.
 *
 * @param approvalPolicy     when to ask before acting
 * @param approvalsReviewer  who answers first
 * @param sandboxMode        the sandbox level; with a custom permission profile, the level that profile amounts to
 * @param sandboxBackend     which kernel mechanism enforces it ({@code sandbox_backend})
 * @param permissionProfile  the permission profile in force (built-ins by their long names)
 * @param filesystem         the concrete filesystem policy
 * @param networkAccess      whether sandboxed commands may reach the network at all ({@code network.mode() != OFF})
 * @param network            the egress policy: mode, allowed and denied domains, unknown, local binding
 * @param shellEnvironment   which environment variables commands see
 * @param otel               the {@code [otel]} table, for the exporter
 * @param projectRoot        the project (repository root, or the working directory outside a repository)
 * @param projectTrusted     whether that project is trusted
 * @param autoReview         the automatic reviewer's decision thresholds ({@code [auto_review]})
 * @param audit              the {@code [audit]} section
 * @param approvals          {@code [approvals] timeout_seconds} and the optional model reviewer of {@code [auto_review]}
 */
public record EffectiveConfig(
        ApprovalPolicy approvalPolicy,
        ApprovalsReviewer approvalsReviewer,
        SandboxMode sandboxMode,
        SandboxBackendChoice sandboxBackend,
        String permissionProfile,
        FilesystemPolicy filesystem,
        boolean networkAccess,
        NetworkPolicy network,
        ShellEnvironmentPolicy shellEnvironment,
        Map<String, Object> otel,
        Path projectRoot,
        boolean projectTrusted,
        AutoReviewThresholds autoReview,
        AuditSettings audit,
        ApprovalSettings approvals) {

    public EffectiveConfig {
        Objects.requireNonNull(approvalPolicy, "approvalPolicy");
        Objects.requireNonNull(approvalsReviewer, "approvalsReviewer");
        Objects.requireNonNull(sandboxMode, "sandboxMode");
        Objects.requireNonNull(sandboxBackend, "sandboxBackend");
        Objects.requireNonNull(permissionProfile, "permissionProfile");
        Objects.requireNonNull(filesystem, "filesystem");
        Objects.requireNonNull(network, "network");
        Objects.requireNonNull(shellEnvironment, "shellEnvironment");
        otel = Collections.unmodifiableMap(new LinkedHashMap<>(otel));
        Objects.requireNonNull(projectRoot, "projectRoot");
        Objects.requireNonNull(autoReview, "autoReview");
        Objects.requireNonNull(audit, "audit");
        Objects.requireNonNull(approvals, "approvals");
    }
}
