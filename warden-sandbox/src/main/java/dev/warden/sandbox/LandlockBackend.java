package dev.warden.sandbox;

import dev.warden.sandbox.fs.PolicyResolver;
import dev.warden.sandbox.mounts.MountPlaceholders;
import dev.warden.sandbox.fs.ResolvedPolicy;
import dev.warden.sandbox.limits.ProcessLimit;
import dev.warden.sandbox.landlock.Access;
import dev.warden.sandbox.landlock.AccessPlan;
import dev.warden.sandbox.landlock.LinuxCalls;
import dev.warden.sandbox.landlock.ThreadRestriction;
import dev.warden.sandbox.bwrap.SandboxTeardown;
import dev.warden.sandbox.fs.DenyGlobScan;
import dev.warden.sandbox.seccomp.Arch;
import dev.warden.sandbox.seccomp.WardenFilter;
import dev.warden.sandbox.spawn.PosixSpawn;
import dev.warden.sandbox.spawn.SpawnedProcess;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.List;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * Confines a command with Landlock and seccomp, no namespaces needed: a fresh platform thread
 * restricts itself (see {@link ThreadRestriction}) and spawns the command, which inherits the
 * restriction; the rest of the JVM stays free. For hosts where bubblewrap cannot create namespaces.
 * What it cannot do that bwrap can is listed in {@link Enforcement#limits()} and docs/SANDBOX.md.
 */
public final class LandlockBackend implements SandboxBackend {
    private static final List<String> DEVICES = List.of("/dev/null", "/dev/zero", "/dev/full", "/dev/random",
            "/dev/urandom", "/dev/tty", "/dev/ptmx", "/dev/pts");

    private final int abiCeiling;

    public LandlockBackend() {
        this(Integer.MAX_VALUE);
    }

    private LandlockBackend(int abiCeiling) {
        this.abiCeiling = abiCeiling;
    }

    /** Behaves as if the kernel offered at most Landlock ABI {@code abi}: 0 is a host without Landlock. */
    public LandlockBackend withAbiCeiling(int abi) {
        return new LandlockBackend(abi);
    }

    /** The Landlock ABI this backend would use here, 0 when unavailable. */
    public int abi() {
        return Math.min(ThreadRestriction.abi(), abiCeiling);
    }

    @Override
    public String name() {
        return "landlock";
    }

    @Override
    public SandboxedProcess launch(SandboxPolicy policy, SandboxCommand command, Stdio stdio) throws SandboxException {
        int abi = abi();
        if (abi < 1) {
            throw new SandboxException("Landlock is not available on this kernel (needs Linux 5.13+ with 'landlock'"
                    + " in the lsm= boot parameter); use sandbox_backend = \"bwrap\" or enable Landlock");
        }
        // Fail closed: below ABI 4 Landlock cannot limit TCP connect at all, and seccomp cannot read the
        // address connect() is given, so nothing could keep a command from going around the proxy.
        if (policy.network() == NetworkMode.PROXIED && (abi < 4 || policy.proxy().isEmpty())) {
            throw new SandboxException(abi < 4
                    ? "network = proxied needs Landlock ABI 4 (Linux 6.7) to limit TCP to the proxy; this kernel has ABI "
                            + abi + ": use sandbox_backend = \"bwrap\", network mode \"off\", or a newer kernel"
                    : "network = proxied needs the egress proxy's endpoint (SandboxPolicy.withProxy); refusing to"
                            + " start a command whose network would not be what was configured");
        }
        if (!policy.readOnlyBinds().isEmpty()) {
            // No mount namespace: a file cannot appear at another path, and seccomp refuses unix sockets here anyway.
            throw new SandboxException("the Landlock backend cannot show " + policy.readOnlyBinds().getFirst().host()
                    + " at " + policy.readOnlyBinds().getFirst().inside() + " (it has no mount namespace);"
                    + " use sandbox_backend = \"bwrap\"");
        }
        OptionalInt proxyPort = policy.proxy().map(p -> OptionalInt.of(p.port())).orElse(OptionalInt.empty());
        // Landlock makes no mount points, but bubblewrap sandboxes' lock must stay out of reach here too:
        // a command that could take it exclusively would stall their launches.
        ResolvedPolicy resolved = PolicyResolver.resolve(policy, command, DenyGlobScan.DEFAULT_MAX_VISITED,
                MountPlaceholders.forCurrentUser().hidden());
        Path tmp;
        try {
            tmp = Files.createTempDirectory("warden-landlock-",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        } catch (IOException e) {
            throw new SandboxException("cannot prepare the Landlock sandbox: " + e.getMessage());
        }
        AccessPlan accessPlan = plan(policy, resolved, tmp);
        List<AccessPlan.Grant> grants = accessPlan.grants();
        List<String> warnings = new ArrayList<>(resolved.warnings());
        for (Path dir : accessPlan.carved()) {
            if (resolved.insideWritableRoot(dir)) {
                warnings.add("landlock: no new entries can be created in " + dir
                        + " (it holds protected or hidden names; its files and subdirectories stay writable)");
            }
        }
        Map<String, String> env = new HashMap<>(command.environment());
        env.put("WARDEN_SANDBOX", "1");
        env.put("TMPDIR", tmp.toString());
        var filter = WardenFilter.build(Arch.current(), policy.network(), WardenFilter.UnixSockets.PAIRS_ONLY);
        PosixSpawn.Prepared prepared;
        try {
            // A new session: no controlling terminal, and a process group to end when the command exits.
            // With a terminal, the child opens it after setsid and so takes it as its controlling terminal.
            prepared = PosixSpawn.prepare(new PosixSpawn.Request(command.argv(), env, resolved.cwd(), stdio,
                    List.of(), true, stdio.isTerminal()));
        } catch (IOException e) {
            BwrapBackend.deleteTree(tmp);
            throw new SandboxException(e.getMessage());
        }
        // Only posix_spawn runs on the restricted thread: any thread it created (the JDK's process
        // reaper, for one) would inherit the restriction and later run unrelated callbacks confined.
        CompletableFuture<Integer> spawned = new CompletableFuture<>();
        ProcessLimit limit = ProcessLimit.of(policy.maxProcesses());
        Thread.ofPlatform().name("warden-landlock-spawn").start(() -> {
            try {
                // Into the process limit first: once restricted, the thread could not write to the cgroup. It
                // spawns one command and ends, so it never has to come back out.
                if (limit.cgroup().isPresent()) {
                    limit.cgroup().get().enter();
                }
                ThreadRestriction.apply(abi, grants, policy.network(), proxyPort, filter);
                spawned.complete(prepared.spawnHere());
            } catch (Throwable t) {
                spawned.completeExceptionally(t);
            }
        });
        try {
            SpawnedProcess process = prepared.started(spawned.get());
            // waitFor() returns once this has run: a caller that exits next leaves nothing behind.
            Process cleaned = SandboxTeardown.afterExit(process, () -> {
                if (limit.cgroup().isPresent()) {
                    // Everything the command started, in its session or not (setsid, a double fork), is in the
                    // cgroup: no need to scan /proc for the session's members first.
                    limit.close();
                } else {
                    process.killSession();
                }
                BwrapBackend.deleteTree(tmp);
            });
            return new SandboxedProcess(cleaned, enforcement(abi, limit), warnings);
        } catch (ExecutionException e) {
            limit.close();
            prepared.abort();
            BwrapBackend.deleteTree(tmp);
            Throwable cause = e.getCause();
            if (cause instanceof LinuxCalls.SyscallException s) {
                throw new SandboxException("Landlock restriction failed: " + s.getMessage()
                        + "; the kernel refused it, run `warden doctor`");
            }
            throw new SandboxException("cannot start " + command.argv().getFirst() + " in the Landlock sandbox: "
                    + cause.getMessage(), cause);
        } catch (InterruptedException e) {
            limit.close();
            Thread.currentThread().interrupt();
            throw new SandboxException("interrupted while starting the Landlock sandbox");
        }
    }

    static AccessPlan plan(SandboxPolicy policy, ResolvedPolicy resolved, Path privateTmp) {
        Set<Path> hidden = new HashSet<>(resolved.hiddenDirs());
        hidden.addAll(resolved.hiddenFiles());
        Set<Path> readHoles = new HashSet<>(hidden);
        // Other sessions' temporary files: the shared tmp is not readable, only this session's own.
        readHoles.add(realOrSelf(Path.of(System.getProperty("java.io.tmpdir"))));
        readHoles.add(Path.of("/tmp"));
        AccessPlan plan = new AccessPlan();
        if (policy.fullDiskRead()) {
            plan.carve(Path.of("/"), Access.READ, readHoles);
            // Roots the caller names explicitly stay readable even inside the shared tmp, as under bwrap.
            for (Path root : policy.readableRoots()) {
                plan.carve(realOrSelf(root), Access.READ, hidden);
            }
        } else {
            for (Path root : policy.readableRoots()) {
                plan.carve(realOrSelf(root), Access.READ, readHoles);
            }
        }
        // The restriction binds the spawning JVM thread too, and the JVM loads classes lazily: Warden's
        // own class path must stay readable or the thread fails after restricting itself (e.g. when
        // Warden runs from a checkout under /tmp). It holds Warden's code, nothing secret.
        for (String entry : System.getProperty("java.class.path", "").split(java.io.File.pathSeparator)) {
            if (!entry.isBlank()) {
                Path path = realOrSelf(Path.of(entry).toAbsolutePath());
                if (Files.exists(path)) {
                    plan.grant(path, Access.READ);
                }
            }
        }
        Set<Path> writeHoles = new HashSet<>(hidden);
        writeHoles.addAll(resolved.readOnly());
        writeHoles.addAll(resolved.masks());
        for (Path root : resolved.writableRoots()) {
            plan.carve(root, Access.READ | Access.WRITE, writeHoles);
        }
        List<Path> readOnly = new ArrayList<>(resolved.readOnly());
        readOnly.addAll(resolved.masks());
        for (Path path : readOnly) {
            plan.carve(path, Access.READ, hidden);
        }
        plan.grant(privateTmp, Access.READ | Access.WRITE);
        for (String device : DEVICES) {
            plan.grant(Path.of(device), Access.READ_FILE | Access.WRITE_FILE | Access.IOCTL_DEV);
        }
        plan.grant(Path.of("/dev/shm"), Access.READ | Access.WRITE);
        return plan;
    }

    /** What a Landlock sandbox at {@code abi} enforces and what it does not. */
    public static Enforcement enforcement(int abi) {
        return enforcement(abi, null);
    }

    private static Enforcement enforcement(int abi, ProcessLimit launched) {
        List<String> limits = new ArrayList<>(List.of(
                "host processes are visible (no pid namespace); their /proc files are not accessible",
                "chmod, chown, timestamps and extended attributes of readable host files are not restricted",
                launched != null && launched.cgroup().isPresent()
                        ? "no pid namespace: processes that leave the command's session are found through its pids"
                                + " cgroup and killed when it exits"
                        : "processes that start their own session (setsid) outlive the command: no pid namespace"
                                + " or pids cgroup to end them (background jobs in the command's own session are"
                                + " killed when it exits)",
                "a directory that directly holds a protected, denied or missing-protected name accepts no new,"
                        + " removed or renamed entries (existing files stay writable, subdirectories are unaffected):"
                        + " Landlock rights on a directory reach everything beneath it, so its parent gets none",
                "unix sockets cannot be created, only socketpair: Landlock cannot restrict connect() to socket files",
                launched != null ? launched.note()
                        : "process count is limited by a pids cgroup where the host allows one (cgroup v1, as root),"
                                + " otherwise only by the host's limits; disk use is bounded only by the host's"
                                + " filesystems"));
        if (abi < 6) {
            limits.add("signals and abstract unix sockets are not scoped (Landlock ABI " + abi + " < 6)");
        }
        if (abi < 4) {
            limits.add("TCP is limited by the seccomp filter only (Landlock ABI " + abi + " < 4); network = proxied"
                    + " is refused");
        } else {
            limits.add("network = proxied: TCP connect is limited to the proxy's port number, on any address"
                    + " (Landlock rules name ports, not hosts): a server on that port elsewhere is reachable;"
                    + " the bubblewrap backend has no such gap");
        }
        return new Enforcement("landlock", abi, false, true, limits);
    }

    private static Path realOrSelf(Path path) {
        try {
            return path.toRealPath();
        } catch (IOException e) {
            return path.toAbsolutePath().normalize();
        }
    }
}
