package dev.warden.bench;

import dev.warden.policy.fs.ProtectedPaths;
import dev.warden.sandbox.BwrapBackend;
import dev.warden.sandbox.DenyPattern;
import dev.warden.sandbox.LandlockBackend;
import dev.warden.sandbox.NetworkMode;
import dev.warden.sandbox.SandboxCommand;
import dev.warden.sandbox.SandboxException;
import dev.warden.sandbox.SandboxPolicy;
import dev.warden.sandbox.Stdio;
import dev.warden.sandbox.bwrap.BwrapArguments;
import dev.warden.sandbox.bwrap.BwrapFeatures;
import dev.warden.sandbox.fs.DenyGlobScan;
import dev.warden.sandbox.fs.GitDirs;
import dev.warden.sandbox.fs.PolicyResolver;
import dev.warden.sandbox.fs.ResolvedPolicy;
import dev.warden.sandbox.mounts.MountPlaceholders;
import dev.warden.sandbox.seccomp.Arch;
import dev.warden.sandbox.seccomp.WardenFilter;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;

/**
 * Warm spawn: starting {@code /bin/true} under the sandbox from a JVM that is already running, as the MCP
 * server and the daemon will, until it has exited. Compared in the same JVM with a bare bubblewrap (the
 * least any bwrap sandbox costs) and with no sandbox at all.
 *
 * <p>The policy is workspace-write with the network off, the protections a session gets: the workspace
 * writable, its {@code .git} and every other protected name of the product protected ({@link #PROTECTIONS}),
 * {@code ~/.ssh} denied and a {@code **}{@code /*.env} deny glob scanned in a small workspace. Standard streams
 * go to {@code /dev/null}, so pipe handling is not measured.
 *
 * <p>Two diagnostics split Warden's bwrap spawn: {@code wardenBwrapPrepare} is the Java side alone (resolve
 * the policy, scan the deny globs, assemble the seccomp filter and bwrap's arguments, no process), and
 * {@code bwrapWardenMounts} is bwrap itself with Warden's mount tree and namespaces but without the seccomp
 * filter, the temporary files or posix_spawn (started by ProcessBuilder like the bare bwrap).
 */
@State(Scope.Benchmark)
@Threads(1)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class SandboxSpawnBench {
    private static final List<String> TRUE = List.of("/bin/true");
    /**
     * {@code product} (the default): the protected names every workspace-write session gets
     * ({@link ProtectedPaths#forWritableRoots}), 19 of which are missing in this workspace, as in a fresh
     * repository, and so need a mount point each. {@code minimal}: {@code .git} and {@code .warden} only, the
     * policy sessions 1 to 7 measured, which understated what a session pays (docs/BENCHMARKS.md section 3).
     */
    static final String PROTECTIONS = System.getProperty("warden.bench.protections", "product");
    /**
     * Seconds mount points stand after a sandbox for the next one ({@link MountPlaceholders#keepBetweenSandboxes}):
     * by default what the daemon and the MCP server keep; {@code 0} makes and sweeps them around every spawn, as a
     * server's first command after a pause does.
     */
    static final Duration KEEP = Duration.ofSeconds(Long.getLong("warden.bench.keep",
            MountPlaceholders.KEPT_BY_SERVERS.toSeconds()));

    private Path root;
    private SandboxPolicy policy;
    private SandboxCommand command;
    private Stdio discard;
    private BwrapBackend bwrap;
    private LandlockBackend landlock;
    private ProcessBuilder bareBwrap;
    private ProcessBuilder plain;
    private ProcessBuilder bwrapWardenMounts;

    @Setup(Level.Trial)
    public void setUp() throws IOException, SandboxException {
        // Not under /tmp: the sandbox mounts its own /tmp, and masks under it would be skipped as invisible,
        // which a real workspace and home never are.
        Path parent = Files.isDirectory(Path.of("/var/tmp")) ? Path.of("/var/tmp") : Path.of(System.getProperty("java.io.tmpdir"));
        root = Files.createTempDirectory(parent, "warden-bench-spawn-");
        Path workspace = Files.createDirectories(root.resolve("ws"));
        Path home = Files.createDirectories(root.resolve("home"));
        Files.createDirectories(home.resolve(".ssh"));
        // What `git init` makes that the sandbox looks at: the hooks directory and the config file.
        Files.createDirectories(workspace.resolve(".git/hooks"));
        Files.writeString(workspace.resolve(".git/config"), "[core]\n");
        Files.createDirectories(workspace.resolve("src/main"));
        Files.writeString(workspace.resolve("README.md"), "hello\n");
        Files.writeString(workspace.resolve("src/main/App.java"), "class App {}\n");
        Files.writeString(workspace.resolve(".env"), "API_KEY=not-a-real-key\n");
        List<Path> protectedPaths = new ArrayList<>(GitDirs.protectedFor(workspace));
        if (PROTECTIONS.equals("minimal")) {
            protectedPaths.add(workspace.resolve(".warden"));
        } else if (PROTECTIONS.equals("product")) {
            protectedPaths.addAll(ProtectedPaths.forWritableRoots(List.of(workspace), home, List.of()));
        } else {
            throw new IllegalArgumentException("warden.bench.protections must be product or minimal, not " + PROTECTIONS);
        }
        policy = new SandboxPolicy(true, List.of(), List.of(workspace), protectedPaths, List.of(home.resolve(".ssh")),
                List.of(new DenyPattern(workspace, "**/*.env")), 8, NetworkMode.OFF);
        command = new SandboxCommand(TRUE, workspace, Map.of("PATH", "/usr/bin:/bin", "HOME", home.toString()));
        Redirect devNull = Redirect.from(new File("/dev/null"));
        discard = new Stdio(devNull, Redirect.DISCARD, Redirect.DISCARD);
        bwrap = BwrapBackend.onPath().orElseThrow(() -> new IllegalStateException("bwrap not on PATH; apt-get install bubblewrap"));
        landlock = new LandlockBackend();
        MountPlaceholders.forCurrentUser().keepBetweenSandboxes(KEEP);
        bareBwrap = new ProcessBuilder(bwrap.executable().toString(), "--ro-bind", "/", "/", "--dev", "/dev",
                "--proc", "/proc", "--unshare-all", "--die-with-parent", "/bin/true")
                .redirectInput(devNull).redirectOutput(Redirect.DISCARD).redirectError(Redirect.DISCARD);
        List<String> wardenArgs = new ArrayList<>(List.of(bwrap.executable().toString()));
        wardenArgs.addAll(wardenArguments());
        int seccomp = wardenArgs.indexOf("--seccomp");
        wardenArgs.subList(seccomp, seccomp + 2).clear();
        wardenArgs.add("--");
        wardenArgs.addAll(TRUE);
        bwrapWardenMounts = new ProcessBuilder(wardenArgs).redirectInput(devNull).redirectOutput(Redirect.DISCARD)
                .redirectError(Redirect.DISCARD);
        plain = new ProcessBuilder(TRUE).redirectInput(devNull).redirectOutput(Redirect.DISCARD)
                .redirectError(Redirect.DISCARD);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        try (Stream<Path> walk = Files.walk(root)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Benchmark
    public int wardenBwrap() throws SandboxException, InterruptedException {
        return checked(bwrap.launch(policy, command, discard).waitFor(), "warden bwrap");
    }

    @Benchmark
    public int wardenLandlock() throws SandboxException, InterruptedException {
        return checked(landlock.launch(policy, command, discard).waitFor(), "warden landlock");
    }

    /** The Java side of a bwrap launch, as BwrapBackend does it, without writing files or starting bwrap. */
    @Benchmark
    public int wardenBwrapPrepare() throws SandboxException {
        return WardenFilter.build(Arch.current(), policy.network(), WardenFilter.UnixSockets.PAIRS_ONLY).toBytes().length
                + wardenArguments().size();
    }

    @Benchmark
    public int bwrapWardenMounts() throws IOException, InterruptedException {
        return checked(bwrapWardenMounts.start().waitFor(), "bwrap with Warden's mounts");
    }

    @Benchmark
    public int bareBwrap() throws IOException, InterruptedException {
        return checked(bareBwrap.start().waitFor(), "bare bwrap");
    }

    @Benchmark
    public int noSandbox() throws IOException, InterruptedException {
        return checked(plain.start().waitFor(), "/bin/true");
    }

    private List<String> wardenArguments() throws SandboxException {
        ResolvedPolicy resolved = PolicyResolver.resolve(policy, command, DenyGlobScan.DEFAULT_MAX_VISITED);
        return BwrapArguments.build(policy, resolved, command, 3, Files.isDirectory(Path.of("/run")),
                BwrapArguments.resolvConfUnderRun(), null, BwrapFeatures.of(bwrap.executable()));
    }

    /** A spawn that failed measured nothing: stop the run rather than report its time. */
    private static int checked(int exit, String what) {
        if (exit != 0) {
            throw new IllegalStateException(what + " exited with " + exit);
        }
        return exit;
    }
}
