package dev.warden.policy;

import dev.warden.policy.command.DangerContext;
import dev.warden.policy.config.ApprovalPolicy;
import dev.warden.policy.config.SandboxMode;
import dev.warden.policy.fs.FilesystemPolicy;
import dev.warden.policy.rules.RuleSet;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * Everything the policy engine needs, resolved ahead of time so evaluation does no I/O: the approval
 * policy, the sandbox mode, every prefix rule from every layer (requirements included), the concrete
 * filesystem policy, and the paths that "outside the workspace" is measured against.
 */
public record Policy(
        ApprovalPolicy approvalPolicy,
        SandboxMode sandboxMode,
        RuleSet rules,
        FilesystemPolicy filesystem,
        boolean networkAccess,
        List<Path> workspaceRoots,
        Path home) {

    public Policy {
        Objects.requireNonNull(approvalPolicy, "approvalPolicy");
        Objects.requireNonNull(sandboxMode, "sandboxMode");
        Objects.requireNonNull(rules, "rules");
        Objects.requireNonNull(filesystem, "filesystem");
        workspaceRoots = List.copyOf(workspaceRoots);
        Objects.requireNonNull(home, "home");
    }

    /** Whether commands run inside a sandbox that restricts the filesystem. */
    public boolean sandboxed() {
        return sandboxMode != SandboxMode.DANGER_FULL_ACCESS;
    }

    DangerContext dangerContext(Path cwd) {
        return new DangerContext(cwd, workspaceRoots, home);
    }
}
