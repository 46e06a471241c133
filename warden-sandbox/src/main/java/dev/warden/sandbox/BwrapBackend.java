package dev.warden.sandbox;

import dev.warden.sandbox.bwrap.BwrapArguments;
import dev.warden.sandbox.bwrap.BwrapFeatures;
import dev.warden.sandbox.bwrap.SandboxTeardown;
import dev.warden.sandbox.bwrap.ShellLaunch;
import dev.warden.sandbox.bwrap.ProxyForwarder;
import dev.warden.sandbox.limits.ProcessLimit;
import dev.warden.sandbox.mounts.MountPlaceholders;
import dev.warden.sandbox.fs.DenyGlobScan;
import dev.warden.sandbox.fs.PolicyResolver;
import dev.warden.sandbox.fs.ResolvedPolicy;
import dev.warden.sandbox.seccomp.Arch;
import dev.warden.sandbox.seccomp.WardenFilter;
import dev.warden.sandbox.spawn.PosixSpawn;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Confines a command with bubblewrap: namespaces, a mount tree built from the policy, and Warden's
 * seccomp filter passed as {@code --seccomp 3}.
 *
 * <p>bwrap runs as {@code bwrap --args 4 -- COMMAND} with the filter as fd 3 and the options as fd 4 (files in a
 * private directory for the shell trampoline, memfds for posix_spawn),
 * started by {@link ShellLaunch} (the JDK's spawn and a shell trampoline, which binds no native function)
 * or by {@link PosixSpawn}, as {@link Spawn} says. All
 * bwrap options, including the command's environment, travel through fd 4 (a 0600 file or a memfd): a command line is
 * world-readable in {@code /proc}, an environment variable the user chose to pass is not meant to
 * be. bwrap itself runs with a bare {@code PATH} only, never with the command's environment, so an
 * {@code LD_PRELOAD} meant for the sandbox cannot run code outside it.
 */
public final class BwrapBackend implements SandboxBackend {
    /** How bwrap is started (a pseudo-terminal session always goes through {@link PosixSpawn}). */
    public enum Spawn {
        /**
         * The first sandbox of this JVM through {@link ShellLaunch}, later ones through {@link PosixSpawn}. A
         * one-shot {@code warden exec} starts one sandbox and is over before binding posix_spawn's two dozen libc
         * functions (about 90 ms cold) would pay off; a server (MCP, the daemon) starts many, and the trampoline's
         * two extra execs and its self-placement in the pids cgroup cost about 10 ms on every one of them.
         */
        AUTO,
        /** Always the shell trampoline. */
        SHELL,
        /** Always posix_spawn through FFM. */
        NATIVE
    }

    /** The two files of a launch's private option directory: the seccomp filter (fd 3) and bwrap's options (fd 4). */
    private static final String FILTER_FILE = "seccomp.bpf";
    private static final String OPTIONS_FILE = "args";

    /** Whether any bwrap sandbox has been started in this JVM, for {@link Spawn#AUTO}. */
    private static final java.util.concurrent.atomic.AtomicBoolean LAUNCHED_BEFORE =
            new java.util.concurrent.atomic.AtomicBoolean();

    private final Path bwrap;
    private final int maxGlobScan;
    private final MountPlaceholders placeholders;
    private final Spawn spawn;

    public BwrapBackend(Path bwrap) {
        this(bwrap, DenyGlobScan.DEFAULT_MAX_VISITED);
    }

    /** @param maxGlobScan how many entries a deny-glob scan visits before it stops and warns */
    public BwrapBackend(Path bwrap, int maxGlobScan) {
        this(bwrap, maxGlobScan, MountPlaceholders.forCurrentUser(), Spawn.AUTO);
    }

    private BwrapBackend(Path bwrap, int maxGlobScan, MountPlaceholders placeholders, Spawn spawn) {
        this.bwrap = bwrap;
        this.maxGlobScan = maxGlobScan;
        this.placeholders = placeholders;
        this.spawn = spawn;
    }

    /** The same backend keeping its mount points' lock and ledger in {@code placeholders} (tests use their own). */
    public BwrapBackend withPlaceholders(MountPlaceholders placeholders) {
        return new BwrapBackend(bwrap, maxGlobScan, placeholders, spawn);
    }

    /** The same backend starting bwrap as {@code spawn} says ({@link Spawn#AUTO} by default). */
    public BwrapBackend withSpawn(Spawn spawn) {
        return new BwrapBackend(bwrap, maxGlobScan, placeholders, java.util.Objects.requireNonNull(spawn, "spawn"));
    }

    /** Whether this launch goes through the shell trampoline; counts the launch for {@link Spawn#AUTO}. */
    static boolean throughShell(Spawn spawn, boolean terminal, boolean shellAvailable,
            java.util.concurrent.atomic.AtomicBoolean launchedBefore) {
        boolean first = !launchedBefore.getAndSet(true);
        if (terminal || !shellAvailable) {
            return false;
        }
        return switch (spawn) {
            case SHELL -> true;
            case NATIVE -> false;
            case AUTO -> first;
        };
    }

    /** bwrap from {@code PATH}, if there is one. */
    public static Optional<BwrapBackend> onPath() {
        return findOnPath("bwrap").map(BwrapBackend::new);
    }

    public Path executable() {
        return bwrap;
    }

    @Override
    public String name() {
        return "bwrap";
    }

    /**
     * Starts a prepared sandbox somewhere else than this JVM: the daemon hands the plan to its {@code warden exec}
     * client, which runs the trampoline on its own stdin, stdout and stderr (docs/DAEMON.md).
     */
    @FunctionalInterface
    public interface HandOff {
        /**
         * Has {@code plan} run and returns its bwrap as a process: {@code pid()} bwrap's host pid once it has started,
         * {@code onExit()} completing (and {@code exitValue()} known) once the far side has reaped it.
         */
        Process start(ShellLaunch.Plan plan) throws IOException;
    }

    @Override
    public SandboxedProcess launch(SandboxPolicy policy, SandboxCommand command, Stdio stdio) throws SandboxException {
        return launch(policy, command, stdio, null);
    }

    /**
     * Prepares the sandbox exactly as {@link #launch} does (mount points claimed, pids cgroup made, filter and options
     * written to a private directory) and lets {@code handOff} start it through the shell trampoline. The teardown is
     * the same: once the far side reports bwrap's exit, the cgroup is emptied and removed, the option files go, and
     * the claim on mount points is released after the namespace has ended. Not for {@code network = proxied} (the
     * proxy's bridge lives in the launching JVM) nor for a terminal session.
     */
    public SandboxedProcess launchHandedOff(SandboxPolicy policy, SandboxCommand command, HandOff handOff)
            throws SandboxException {
        if (policy.network() == NetworkMode.PROXIED) {
            throw new SandboxException("a handed-off sandbox cannot carry the egress proxy; start it in this process");
        }
        return launch(policy, command, Stdio.inherit(), java.util.Objects.requireNonNull(handOff, "handOff"));
    }

    private SandboxedProcess launch(SandboxPolicy policy, SandboxCommand command, Stdio stdio, HandOff handOff)
            throws SandboxException {
        if (!Files.isExecutable(bwrap)) {
            throw new SandboxException("bubblewrap not found at " + bwrap + "; install the 'bubblewrap' package"
                    + " or choose sandbox_backend = \"landlock\"");
        }
        // Joined before the filesystem is looked at: from here until the sandbox's last process is gone, no
        // Warden process removes a mount point this sandbox may find and rely on.
        MountPlaceholders.Claim claim = placeholders.claim();
        boolean launched = false;
        try {
            SandboxedProcess started = launch(policy, command, stdio, claim, handOff);
            launched = true;
            return started;
        } finally {
            if (!launched) {
                claim.close();
            }
        }
    }

    private SandboxedProcess launch(SandboxPolicy policy, SandboxCommand command, Stdio stdio,
            MountPlaceholders.Claim claim, HandOff handOff) throws SandboxException {
        ResolvedPolicy resolved = PolicyResolver.resolve(policy, command, maxGlobScan, placeholders.hidden(),
                placeholders::standing);
        List<String> warnings = new java.util.ArrayList<>(resolved.warnings());
        // Made here rather than by bwrap so Warden knows which ones it made, and can remove them.
        for (Path mask : claim.prepare(resolved.masks())) {
            if (claim.untracked().isPresent()) {
                warnings.add("the empty directory " + mask + " masking a missing protected name stays after the"
                        + " command: " + claim.untracked().get());
            }
        }
        boolean hostHasRun = Files.isDirectory(Path.of("/run"));
        Path proxySocket = null;
        List<String> commandArgv = command.argv();
        if (policy.network() == NetworkMode.PROXIED) {
            ProxyEndpoint endpoint = policy.proxy().orElseThrow(() -> new SandboxException(
                    "network = proxied needs the egress proxy's endpoint (SandboxPolicy.withProxy); refusing to start"
                            + " a command whose network would not be what was configured"));
            if (!Files.exists(endpoint.socket(), java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                throw new SandboxException("the egress proxy's socket " + endpoint.socket() + " does not exist;"
                        + " the proxy must be listening before the sandbox starts");
            }
            proxySocket = ProxyForwarder.socketInside(policy, hostHasRun);
            commandArgv = ProxyForwarder.wrap(policy, endpoint, proxySocket, command.argv());
        }
        // Inside the sandbox, for a terminal session: it makes the command the pty's session leader.
        Path cttySetsid = stdio.isTerminal() ? setsid() : null;
        Path dir = null;
        ProcessLimit limit = null;
        try {
            // With the network off, a read-only bind does not stop connect() on a host socket file that is
            // merely readable (a docker.sock or agent socket outside /run): refuse socket(AF_UNIX) and keep
            // socketpair, as the Landlock backend does. Proxied mode needs AF_UNIX for the proxy bridge
            // (abstract sockets stay out of reach: they belong to the network namespace).
            WardenFilter.UnixSockets unix = policy.network() == NetworkMode.OFF
                    ? WardenFilter.UnixSockets.PAIRS_ONLY : WardenFilter.UnixSockets.ALLOWED;
            byte[] filter = WardenFilter.build(Arch.current(), policy.network(), unix).toBytes();
            List<String> args = BwrapArguments.build(policy, resolved, command, 3, hostHasRun,
                    BwrapArguments.resolvConfUnderRun(), proxySocket, BwrapFeatures.of(bwrap));
            StringBuilder joined = new StringBuilder(4096);
            for (String arg : args) {
                if (arg.indexOf('\0') >= 0) {
                    throw new SandboxException("argument or environment value contains a NUL byte: " + printable(arg));
                }
                joined.append(arg).append('\0');
            }
            byte[] options = joined.toString().getBytes(StandardCharsets.UTF_8);
            // bwrap is born inside the process limit, so everything the command starts is counted from its first fork:
            // the trampoline enters the cgroup made now, posix_spawn runs on a spawner station that lives in its own.
            boolean viaShell = handOff != null
                    || throughShell(spawn, cttySetsid != null, ShellLaunch.available(), LAUNCHED_BEFORE);
            limit = viaShell ? ProcessLimit.of(policy.maxProcesses()) : ProcessLimit.forSpawn(policy.maxProcesses());
            Process process;
            if (viaShell) {
                // The shell opens them by name: a private directory (0700) with two 0600 files.
                dir = Files.createTempDirectory("warden-bwrap-", PosixFilePermissions.asFileAttribute(
                        PosixFilePermissions.fromString("rwx------")));
                Path filterFile = Files.write(dir.resolve(FILTER_FILE), filter);
                Path optionsFile = Files.write(dir.resolve(OPTIONS_FILE), options);
                ShellLaunch.Plan plan = new ShellLaunch.Plan(bwrap, ShellLaunch.setsid().orElseThrow(
                        () -> new IOException("setsid from util-linux is missing")), filterFile, optionsFile,
                        limit.procsFile(), commandArgv);
                process = handOff != null ? handOff.start(plan) : launchThroughShell(plan, limit, stdio);
            } else {
                process = launchThroughFfm(filter, options, limit, cttySetsid, commandArgv, stdio);
            }
            Path cleanup = dir;
            ProcessLimit ending = limit;
            // A one-shot command started bwrap through the trampoline so as to bind no native function; its teardown
            // looks for the namespace's end in /proc rather than bind process descriptors (80 to 90 ms cold). A server
            // (the daemon hands off, the MCP server's later launches use posix_spawn) binds them once and waits on them.
            boolean descriptors = handOff != null || !viaShell;
            Process watched = SandboxTeardown.watch(process, claim, () -> {
                ending.close();
                if (cleanup != null) {
                    deleteOptions(cleanup);
                }
            }, descriptors);
            return new SandboxedProcess(watched, enforcement(limit.note()), warnings);
        } catch (IOException e) {
            if (limit != null) {
                limit.close();
            }
            if (dir != null) {
                deleteTree(dir);
            }
            throw new SandboxException("cannot start bubblewrap (" + bwrap + "): " + e.getMessage());
        }
    }

    /** The JDK's spawn and a shell trampoline: no native function to bind, the cheap way for a one-shot command. */
    private Process launchThroughShell(ShellLaunch.Plan plan, ProcessLimit limit, Stdio stdio) throws IOException {
        try {
            // On the long-lived launcher thread: bwrap's --die-with-parent follows the thread that started it.
            return limit.startOnSpawner(() -> ShellLaunch.start(plan, stdio));
        } catch (IOException | RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IOException(e.getMessage(), e);
        }
    }

    /**
     * posix_spawn through FFM: every sandbox after a JVM's first ({@link Spawn#AUTO}), a pseudo-terminal session
     * (its terminal is opened in the child after the new session), and a host without util-linux's setsid.
     */
    private Process launchThroughFfm(byte[] filter, byte[] options, ProcessLimit limit, Path cttySetsid,
            List<String> commandArgv, Stdio stdio) throws IOException {
        List<String> argv = new java.util.ArrayList<>(List.of(bwrap.toString(), "--args", "4", "--"));
        if (cttySetsid != null) {
            // bwrap's --new-session leaves the command without a controlling terminal; job control,
            // ^C and SIGWINCH need one. setsid --ctty makes pid 2 a session leader and takes the pty
            // (TIOCSCTTY on fd 0), then execs the command: no extra process stays behind.
            argv.addAll(List.of(cttySetsid.toString(), "--ctty"));
        }
        argv.addAll(commandArgv);
        // A session of its own: the terminal's ^C goes to Warden's process group only, and Warden
        // forwards it to the command (SandboxedProcess.signal); otherwise it would kill bwrap's
        // monitor and the command would die by SIGKILL without a chance to clean up.
        // In memory: no file to create in a private directory and remove afterwards (about 1.5 ms of every spawn).
        try (PosixSpawn.MemoryFile filterFile = PosixSpawn.MemoryFile.of("warden-seccomp", filter);
             PosixSpawn.MemoryFile optionsFile = PosixSpawn.MemoryFile.of("warden-bwrap-options", options)) {
            PosixSpawn.Prepared prepared = PosixSpawn.prepare(new PosixSpawn.Request(argv,
                    Map.of("PATH", "/usr/bin:/bin"), Path.of("/"), stdio, List.of(filterFile.path(), optionsFile.path()),
                    true));
            int pid;
            try {
                pid = limit.spawn(prepared::spawnHere);
            } catch (Exception e) {
                prepared.abort();
                throw e instanceof IOException io ? io : new IOException(e.getMessage(), e);
            }
            return prepared.started(pid);
        }
    }

    /** What a bubblewrap sandbox enforces and what it does not, before a launch says how many processes it allows. */
    public static Enforcement enforcement() {
        return enforcement("process count is limited by a pids cgroup where the host allows one (cgroup v1, as root),"
                + " otherwise only by the host's limits; disk use is bounded only by the host's filesystems");
    }

    private static Enforcement enforcement(String processLimit) {
        return new Enforcement("bwrap", 0, true, true, List.of(
                "unix socket files visible in the sandbox outside /run, /tmp and /dev can still be connected to;"
                        + " deny the directories that hold them (for example ~/.gnupg)",
                processLimit));
    }

    /** util-linux's setsid, from the fixed system directories (never the caller's PATH: it runs in the sandbox as pid 2). */
    private static Path setsid() throws SandboxException {
        return ShellLaunch.setsid().orElseThrow(() -> new SandboxException(
                "a terminal session under bubblewrap needs setsid from util-linux (/usr/bin/setsid); install 'util-linux'"));
    }

    static Optional<Path> findOnPath(String program) {
        String path = System.getenv().getOrDefault("PATH", "/usr/bin:/bin");
        for (String dir : path.split(":")) {
            if (!dir.isEmpty()) {
                Path candidate = Path.of(dir, program);
                if (Files.isExecutable(candidate)) {
                    return Optional.of(candidate);
                }
            }
        }
        return Optional.empty();
    }

    private static String printable(String value) {
        return value.replace("\0", "\\0").substring(0, Math.min(value.length(), 60));
    }

    /** The option directory holds the two files written above: removed by name, without walking it (0.5 ms a spawn). */
    private static void deleteOptions(Path dir) {
        try {
            Files.deleteIfExists(dir.resolve(FILTER_FILE));
            Files.deleteIfExists(dir.resolve(OPTIONS_FILE));
            Files.delete(dir);
        } catch (IOException e) {
            deleteTree(dir);
        }
    }

    static void deleteTree(Path dir) {
        try (var walk = Files.walk(dir)) {
            walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // Best effort: the directory is private (0700) and holds nothing secret beyond the command line.
        }
    }
}
