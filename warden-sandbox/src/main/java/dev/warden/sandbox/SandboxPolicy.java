package dev.warden.sandbox;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The concrete filesystem and network policy one sandbox enforces, already resolved from
 * configuration by the caller. Every path is absolute.
 *
 * @param fullDiskRead    the whole filesystem is readable (then {@code readableRoots} is ignored)
 * @param readableRoots   what is readable when not {@code fullDiskRead}
 * @param writableRoots   read-write; canonicalised by the backend at launch
 * @param protectedPaths  read-only even inside a writable root; a missing one must not become creatable
 * @param deniedPaths     unreadable: directories become empty, files read as empty
 * @param denyGlobs       unreadable files found by name at launch
 * @param globScanMaxDepth how deep launch walks each glob's base looking for matches
 * @param network         how much network the sandbox gets
 * @param proxy           where the egress proxy is, for {@link NetworkMode#PROXIED} (a proxied policy without
 *                        one is refused at launch: no proxy, no network); empty for every other mode
 * @param maxProcesses    how many processes the command may run at once (a pids cgroup, where the host
 *                        allows one; {@link Enforcement#limits()} says when it does not); 0 for no limit
 * @param readOnlyBinds   host files shown read-only at fixed paths inside, bound after every other mount
 *                        (bubblewrap only: the Landlock backend refuses a policy with any)
 */
public record SandboxPolicy(boolean fullDiskRead, List<Path> readableRoots, List<Path> writableRoots,
        List<Path> protectedPaths, List<Path> deniedPaths, List<DenyPattern> denyGlobs,
        int globScanMaxDepth, NetworkMode network, Optional<ProxyEndpoint> proxy, int maxProcesses,
        List<ReadOnlyBind> readOnlyBinds) {

    /** Enough for parallel builds and test runners; a fork bomb stops here instead of at the host's limit. */
    public static final int DEFAULT_MAX_PROCESSES = 4096;

    public SandboxPolicy {
        readableRoots = absolute("readable root", readableRoots);
        writableRoots = absolute("writable root", writableRoots);
        protectedPaths = absolute("protected path", protectedPaths);
        deniedPaths = absolute("denied path", deniedPaths);
        denyGlobs = List.copyOf(denyGlobs);
        readOnlyBinds = List.copyOf(readOnlyBinds);
        Objects.requireNonNull(network, "network");
        Objects.requireNonNull(proxy, "proxy");
        if (proxy.isPresent() && network != NetworkMode.PROXIED) {
            throw new IllegalArgumentException("a proxy endpoint goes with network PROXIED, not " + network);
        }
        if (maxProcesses < 0) {
            throw new IllegalArgumentException("maxProcesses must be >= 0, got " + maxProcesses);
        }
        if (globScanMaxDepth < 0) {
            throw new IllegalArgumentException("globScanMaxDepth must be >= 0, got " + globScanMaxDepth);
        }
    }

    /** As the canonical constructor, without read-only binds. */
    public SandboxPolicy(boolean fullDiskRead, List<Path> readableRoots, List<Path> writableRoots,
            List<Path> protectedPaths, List<Path> deniedPaths, List<DenyPattern> denyGlobs, int globScanMaxDepth,
            NetworkMode network, Optional<ProxyEndpoint> proxy, int maxProcesses) {
        this(fullDiskRead, readableRoots, writableRoots, protectedPaths, deniedPaths, denyGlobs, globScanMaxDepth,
                network, proxy, maxProcesses, List.of());
    }

    /** A policy without a proxy endpoint (set one with {@link #withProxy} for {@link NetworkMode#PROXIED}). */
    public SandboxPolicy(boolean fullDiskRead, List<Path> readableRoots, List<Path> writableRoots,
            List<Path> protectedPaths, List<Path> deniedPaths, List<DenyPattern> denyGlobs, int globScanMaxDepth,
            NetworkMode network) {
        this(fullDiskRead, readableRoots, writableRoots, protectedPaths, deniedPaths, denyGlobs, globScanMaxDepth,
                network, Optional.empty());
    }

    /** As the canonical constructor, with {@link #DEFAULT_MAX_PROCESSES}. */
    public SandboxPolicy(boolean fullDiskRead, List<Path> readableRoots, List<Path> writableRoots,
            List<Path> protectedPaths, List<Path> deniedPaths, List<DenyPattern> denyGlobs, int globScanMaxDepth,
            NetworkMode network, Optional<ProxyEndpoint> proxy) {
        this(fullDiskRead, readableRoots, writableRoots, protectedPaths, deniedPaths, denyGlobs, globScanMaxDepth,
                network, proxy, DEFAULT_MAX_PROCESSES);
    }

    /** The same policy reaching the network through the proxy at {@code endpoint}. */
    public SandboxPolicy withProxy(ProxyEndpoint endpoint) {
        return new SandboxPolicy(fullDiskRead, readableRoots, writableRoots, protectedPaths, deniedPaths, denyGlobs,
                globScanMaxDepth, NetworkMode.PROXIED, Optional.of(endpoint), maxProcesses, readOnlyBinds);
    }

    /** The same policy allowing at most {@code max} processes at once (0: no limit). */
    public SandboxPolicy withMaxProcesses(int max) {
        return new SandboxPolicy(fullDiskRead, readableRoots, writableRoots, protectedPaths, deniedPaths, denyGlobs,
                globScanMaxDepth, network, proxy, max, readOnlyBinds);
    }

    /** The same policy with {@code binds} added to its read-only binds. */
    public SandboxPolicy withReadOnlyBinds(List<ReadOnlyBind> binds) {
        List<ReadOnlyBind> all = new java.util.ArrayList<>(readOnlyBinds);
        all.addAll(binds);
        return new SandboxPolicy(fullDiskRead, readableRoots, writableRoots, protectedPaths, deniedPaths, denyGlobs,
                globScanMaxDepth, network, proxy, maxProcesses, all);
    }

    private static List<Path> absolute(String what, List<Path> paths) {
        for (Path path : paths) {
            if (!path.isAbsolute()) {
                throw new IllegalArgumentException(what + " must be an absolute path: " + path);
            }
        }
        return paths.stream().map(Path::normalize).toList();
    }
}
