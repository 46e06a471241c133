package dev.warden.sandbox.config;

import dev.warden.policy.config.EffectiveConfig;
import dev.warden.policy.fs.DenyGlob;
import dev.warden.policy.fs.FilesystemPolicy;
import dev.warden.sandbox.DenyPattern;
import dev.warden.sandbox.NetworkMode;
import dev.warden.sandbox.SandboxPolicy;
import dev.warden.sandbox.fs.GitDirs;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** The {@link SandboxPolicy} an effective configuration asks for. Pure apart from reading {@code .git} files. */
public final class ConfiguredPolicy {
    /** The shared temporary directory; every sandbox gets a private one in its place. */
    static final Path SHARED_TMP = Path.of("/tmp");

    private ConfiguredPolicy() {}

    /**
     * Why {@code cwd} would not exist inside a sandbox built from {@code policy}: every sandbox replaces
     * {@code /tmp} with a private one, so a directory under it stays visible only inside a writable or
     * explicitly readable root.
     * Empty when the directory is reachable.
     */
    public static Optional<String> unreachableWorkingDirectory(SandboxPolicy policy, Path cwd) {
        Path real = realOrSelf(cwd);
        if (!real.startsWith(SHARED_TMP)) {
            return Optional.empty();
        }
        List<Path> visible = new ArrayList<>(policy.writableRoots());
        visible.addAll(policy.readableRoots());
        for (Path root : visible) {
            if (real.startsWith(realOrSelf(root))) {
                return Optional.empty();
            }
        }
        return Optional.of("the working directory " + cwd + " is under /tmp, which every sandbox replaces with a"
                + " private one; only the project and writable roots there stay visible: start from the project, make"
                + " the directory writable (sandbox_workspace_write.writable_roots), or work outside /tmp");
    }

    private static Path realOrSelf(Path path) {
        try {
            return path.toRealPath();
        } catch (java.io.IOException e) {
            return path.toAbsolutePath().normalize();
        }
    }

    /**
     * The network sandboxed commands get. {@code proxied} needs the session's proxy: the front door
     * starts one and gives its endpoint to the policy ({@link SandboxPolicy#withProxy}); a backend refuses
     * a proxied policy without one.
     */
    public static NetworkMode network(EffectiveConfig effective) {
        return switch (effective.network().mode()) {
            case FULL -> NetworkMode.FULL;
            case PROXIED -> NetworkMode.PROXIED;
            case OFF -> NetworkMode.OFF;
        };
    }

    /**
     * As {@link #of(FilesystemPolicy, NetworkMode)}; a project that lives under {@code /tmp} stays
     * readable when the profile reads the whole disk (the private {@code /tmp} would otherwise hide it,
     * and a read-only agent could not even look at the code it was started on).
     */
    public static SandboxPolicy of(EffectiveConfig effective, NetworkMode network) {
        SandboxPolicy policy = of(effective.filesystem(), network);
        Path project = realOrSelf(effective.projectRoot());
        if (!policy.fullDiskRead() || !project.startsWith(SHARED_TMP) || project.equals(SHARED_TMP)
                || policy.writableRoots().stream().anyMatch(project::startsWith)) {
            return policy;
        }
        List<Path> readable = new ArrayList<>(policy.readableRoots());
        readable.add(project);
        return new SandboxPolicy(true, readable, policy.writableRoots(), policy.protectedPaths(), policy.deniedPaths(),
                policy.denyGlobs(), policy.globScanMaxDepth(), policy.network(), policy.proxy());
    }

    /**
     * The filesystem policy as a sandbox policy:
     * <ul>
     * <li>{@code /tmp} is not bound from the host even when the profile makes it writable (Codex's
     *     {@code :slash_tmp}): the sandbox gives each session a private {@code /tmp} and {@code TMPDIR}, so
     *     one session never reads another's temporary files (escape case 29), and Warden never creates
     *     placeholders for protected names in the host's {@code /tmp};</li>
     * <li>each writable root's real git metadata is protected too: in a worktree or submodule
     *     {@code .git} is a file pointing elsewhere, and hooks planted there run outside any sandbox.</li>
     * </ul>
     *
     * @throws IllegalArgumentException for a profile that writes the whole disk: that is no sandbox
     */
    public static SandboxPolicy of(FilesystemPolicy fs, NetworkMode network) {
        if (fs.fullDiskWrite()) {
            throw new IllegalArgumentException("a profile with full disk write runs without a sandbox");
        }
        List<Path> writable = fs.writableRoots().stream().filter(root -> !root.equals(SHARED_TMP)).toList();
        Set<Path> protectedPaths = new LinkedHashSet<>(fs.protectedPaths());
        for (Path root : writable) {
            protectedPaths.addAll(GitDirs.protectedFor(root));
        }
        List<DenyPattern> globs = new ArrayList<>();
        for (DenyGlob glob : fs.denyGlobs()) {
            globs.add(new DenyPattern(glob.base(), glob.glob()));
        }
        return new SandboxPolicy(fs.fullDiskRead(), fs.readableRoots(), writable, List.copyOf(protectedPaths),
                fs.deniedPaths(), globs, fs.globScanMaxDepth(), network);
    }
}
