package dev.warden.policy.fs;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a permission profile's symbolic names mean on this machine, this session.
 *
 * @param projectRoot        what {@code :project_roots} (and its relative entries) refer to
 * @param home               the user's home directory, for {@code ~/} paths and the protected shell rc files
 * @param tmpdir             {@code $TMPDIR} if set, for {@code :tmpdir}
 * @param workspaceWrite     the {@code [sandbox_workspace_write]} settings the built-in workspace profile uses
 * @param requiredDenyRead   the administrator's {@code deny_read} entries, always applied
 * @param requiredSource     where those entries came from, for messages
 * @param alwaysProtected    paths kept read-only wherever they are (Warden's home and system directory:
 *                           an agent that could edit them could trust its own project or rewrite its policy)
 */
public record ResolutionContext(
        Path projectRoot,
        Path home,
        Optional<Path> tmpdir,
        WorkspaceWrite workspaceWrite,
        List<String> requiredDenyRead,
        String requiredSource,
        List<Path> alwaysProtected) {

    public ResolutionContext {
        Objects.requireNonNull(projectRoot, "projectRoot");
        Objects.requireNonNull(home, "home");
        Objects.requireNonNull(tmpdir, "tmpdir");
        Objects.requireNonNull(workspaceWrite, "workspaceWrite");
        requiredDenyRead = List.copyOf(requiredDenyRead);
        Objects.requireNonNull(requiredSource, "requiredSource");
        alwaysProtected = List.copyOf(alwaysProtected);
    }

    /**
     * {@code [sandbox_workspace_write]}: extra writable roots and whether the temporary directories
     * are left out. Like Codex, these shape the built-in workspace profile (and profiles extending
     * it); a custom profile states its own roots.
     */
    public record WorkspaceWrite(List<String> writableRoots, boolean excludeTmpdirEnvVar, boolean excludeSlashTmp) {
        public WorkspaceWrite {
            writableRoots = List.copyOf(writableRoots);
        }

        public static WorkspaceWrite defaults() {
            return new WorkspaceWrite(List.of(), false, false);
        }
    }
}
