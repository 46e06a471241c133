package dev.warden.sandbox.bwrap;

import dev.warden.sandbox.NetworkMode;
import dev.warden.sandbox.ProxyEndpoint;
import dev.warden.sandbox.ReadOnlyBind;
import dev.warden.sandbox.SandboxCommand;
import dev.warden.sandbox.SandboxPolicy;
import dev.warden.sandbox.fs.ResolvedPolicy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The bubblewrap options for one sandbox (the command itself follows {@code --} on bwrap's own
 * command line: {@code --args} cannot carry it). Order matters: bwrap applies mounts in order, so the
 * read-only base comes first, then private {@code /tmp} and {@code /run}, writable roots, and last
 * the read-only and hiding mounts that must win over the writable binds beneath them.
 */
public final class BwrapArguments {
    /** Where sandboxed commands find their private temporary directory. */
    public static final String SANDBOX_TMP = "/tmp";

    private static final List<String> TOP_LEVEL_LINKS = List.of("/bin", "/sbin", "/lib", "/lib32", "/lib64", "/libx32");

    private BwrapArguments() {}

    /**
     * @param hostHasRun whether the host has a {@code /run} to mask (sockets of docker, systemd, the
     *                   user's ssh/gpg agents live there)
     * @param resolvConf the real file behind {@code /etc/resolv.conf} when it lives under {@code /run}
     *                   (systemd-resolved), re-exposed read-only so DNS keeps working when allowed
     * @param proxySocket where the proxy's unix socket appears in the sandbox ({@link ProxyForwarder#socketInside}),
     *                   null unless the network is proxied
     * @param features   what this bwrap accepts beyond the options every supported version has
     */
    public static List<String> build(SandboxPolicy policy, ResolvedPolicy resolved, SandboxCommand command,
            int seccompFd, boolean hostHasRun, Path resolvConf, Path proxySocket, BwrapFeatures features) {
        List<String> args = new ArrayList<>(64);
        // Capabilities dropped even when the caller is root: inside the sandbox it gets no more than any user.
        add(args, "--unshare-user", "--disable-userns", "--cap-drop", "ALL");
        add(args, "--unshare-pid", "--unshare-ipc", "--unshare-uts", "--unshare-cgroup-try");
        if (policy.network() != NetworkMode.FULL) {
            add(args, "--unshare-net");
        }
        // --new-session: no controlling terminal to push keystrokes into (TIOCSTI), even if seccomp missed one.
        add(args, "--die-with-parent", "--new-session");

        if (policy.fullDiskRead()) {
            add(args, "--ro-bind", "/", "/");
        } else {
            for (Path root : policy.readableRoots()) {
                add(args, "--ro-bind-try", root.toString(), root.toString());
            }
            // On merged-/usr systems /bin, /lib64 ... are symlinks into /usr: without them the ELF
            // interpreter (/lib64/ld-linux-x86-64.so.2) is missing and every exec fails with ENOENT.
            for (String top : TOP_LEVEL_LINKS) {
                Path link = Path.of(top);
                if (Files.isSymbolicLink(link)) {
                    try {
                        Path target = Files.readSymbolicLink(link);
                        Path inside = link.resolveSibling(target).normalize();
                        if (policy.readableRoots().stream().anyMatch(inside::startsWith)) {
                            add(args, "--symlink", target.toString(), top);
                        }
                    } catch (java.io.IOException e) {
                        // unreadable link: leave it out, as if the profile did not grant it
                    }
                }
            }
        }
        add(args, "--dev", "/dev", "--proc", "/proc", "--tmpfs", SANDBOX_TMP);
        if (policy.fullDiskRead() && hostHasRun) {
            add(args, "--tmpfs", "/run");
            if (resolvConf != null) {
                add(args, "--ro-bind-try", resolvConf.toString(), resolvConf.toString());
            }
        }
        if (policy.fullDiskRead()) {
            // Roots the caller names explicitly stay readable even where the private /tmp and /run hide the host's.
            for (Path root : policy.readableRoots()) {
                if (root.startsWith(SANDBOX_TMP) || root.startsWith("/run")) {
                    add(args, "--ro-bind-try", root.toString(), root.toString());
                }
            }
        }
        for (Path root : resolved.writableRoots()) {
            add(args, "--bind", root.toString(), root.toString());
        }
        for (Path path : resolved.readOnly()) {
            if (visible(policy, resolved, path)) {
                add(args, "--ro-bind", path.toString(), path.toString());
            }
        }
        // A missing protected path is covered by an empty tmpfs that takes no writes: mkdir and rename onto it fail,
        // and nothing written inside it reaches the host. Its mount point already exists: Warden made it
        // (MountPlaceholders) so that it can remove it afterwards. Denied directories are hidden the same way.
        for (Path path : resolved.masks()) {
            mask(args, path, features);
        }
        for (Path dir : resolved.hiddenDirs()) {
            if (visible(policy, resolved, dir)) {
                mask(args, dir, features);
            }
        }
        for (Path file : resolved.hiddenFiles()) {
            if (visible(policy, resolved, file)) {
                add(args, "--ro-bind", "/dev/null", file.toString());
            }
        }
        if (proxySocket != null) {
            // Last of the mounts, so nothing granted later covers it. Read-only: connect() to a socket
            // needs no write access to its mount, and the command cannot replace it with its own.
            ProxyEndpoint endpoint = policy.proxy().orElseThrow(
                    () -> new IllegalArgumentException("a proxy socket without a proxied policy"));
            add(args, "--ro-bind", endpoint.socket().toString(), proxySocket.toString());
        }
        for (ReadOnlyBind bind : policy.readOnlyBinds()) {
            // After every grant and mask for the same reason; bwrap creates the mount point in the private /run or /tmp.
            add(args, "--ro-bind", bind.host().toString(), bind.inside().toString());
        }
        if (!policy.fullDiskRead()) {
            // The root bwrap builds is a writable tmpfs; make it read-only so writes outside the granted
            // roots fail (EROFS) instead of landing in a scratch copy the agent might mistake for the host.
            add(args, "--remount-ro", "/");
        }
        add(args, "--chdir", resolved.cwd().toString());
        add(args, "--clearenv");
        Map<String, String> env = new TreeMap<>(command.environment());
        env.put("WARDEN_SANDBOX", "1");
        env.put("TMPDIR", SANDBOX_TMP);
        env.forEach((name, value) -> add(args, "--setenv", name, value));
        add(args, "--seccomp", Integer.toString(seccompFd));
        return args;
    }

    /**
     * An empty tmpfs over {@code path}. Where bwrap takes {@code --perms} and {@code --size}, one of mode 0555 and one
     * page: creating anything in it fails (EACCES), and a command that first makes it writable (it owns it) can put
     * at most a page there, gone with the sandbox. Otherwise a tmpfs remounted read-only (EROFS), for which bwrap
     * parses the whole mount table once per mask, which is what made many masks slow ({@link BwrapFeatures}).
     * Either way the mount point cannot be removed or renamed (EBUSY) and the host never sees what was written.
     */
    private static void mask(List<String> args, Path path, BwrapFeatures features) {
        if (features.sizedTmpfs()) {
            add(args, "--perms", "0555", "--size", MASK_BYTES, "--tmpfs", path.toString());
        } else {
            add(args, "--tmpfs", path.toString(), "--remount-ro", path.toString());
        }
    }

    /** One page: the least a tmpfs holds. */
    private static final String MASK_BYTES = "4096";

    /** Whether a path is visible in the sandbox at all; hiding an invisible path would create it. */
    private static boolean visible(SandboxPolicy policy, ResolvedPolicy resolved, Path path) {
        if (resolved.insideWritableRoot(path)) {
            return true;
        }
        if (policy.fullDiskRead()) {
            boolean privateArea = path.startsWith(SANDBOX_TMP) || path.startsWith("/run") || path.startsWith("/dev")
                    || path.startsWith("/proc");
            return !privateArea || policy.readableRoots().stream().anyMatch(path::startsWith);
        }
        return policy.readableRoots().stream().anyMatch(path::startsWith);
    }

    /** The file behind {@code /etc/resolv.conf} when it is a symlink into {@code /run}, else null. */
    public static Path resolvConfUnderRun() {
        try {
            Path real = Path.of("/etc/resolv.conf").toRealPath();
            return real.startsWith("/run") && Files.isRegularFile(real) ? real : null;
        } catch (java.io.IOException e) {
            return null;
        }
    }

    private static void add(List<String> args, String... more) {
        args.addAll(List.of(more));
    }
}
