package dev.warden.agents.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.audit.query.AuditReader;
import dev.warden.audit.query.EventFilter;
import dev.warden.audit.query.StoredEvent;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code warden exec} through the daemon's exec door, end to end: the launcher's real bash client
 * ({@code .mvn/daemon-exec.bash}) against a real daemon, the command in a real bubblewrap sandbox, and a stand-in
 * for the launcher's standalone path that only says it was called.
 */
class ExecDoorTest {
    static final Path CLIENT = Path.of("..", ".mvn", "daemon-exec.bash").toAbsolutePath().normalize();
    static final String BUILD = "test-build-1";

    @TempDir
    Path root;

    Path home;
    Path system;
    Path project;
    Path standalone;
    Daemon daemon;
    final List<String> log = new ArrayList<>();

    @BeforeEach
    void start() throws IOException {
        home = Files.createDirectories(root.resolve("warden-home"));
        system = Files.createDirectories(root.resolve("etc-warden"));
        project = Files.createDirectories(root.resolve("project"));
        Files.createDirectories(project.resolve(".git"));
        Files.writeString(home.resolve("config.toml"), "sandbox_mode = \"workspace-write\"\nsandbox_backend = \"bwrap\"\n");
        // What the launcher would run instead: it says how it was called and exits 99.
        standalone = root.resolve("standalone");
        Files.writeString(standalone, "#!/bin/sh\necho \"standalone: $*\"\nexit 99\n");
        Files.setPosixFilePermissions(standalone, PosixFilePermissions.fromString("rwx------"));
        daemon = Daemon.start(home, system, "test", BUILD, message -> {
            synchronized (log) {
                log.add(message);
            }
        });
    }

    @AfterEach
    void stop() {
        daemon.close();
    }

    record Ran(int status, String out, String err) {}

    ProcessBuilder client(String build, String... command) {
        List<String> argv = new ArrayList<>(List.of("/bin/bash", CLIENT.toString(), standalone.toString(), build,
                new DaemonFiles(home).execDoor().toString(), "x1", "exec", "--"));
        argv.addAll(List.of(command));
        ProcessBuilder builder = new ProcessBuilder(argv).directory(project.toFile());
        builder.environment().put("WARDEN_HOME", home.toString());
        builder.environment().put("WARDEN_SYSTEM_DIR", system.toString());
        builder.environment().put("GITHUB_TOKEN", "ghp_must_not_reach_the_sandbox");
        return builder;
    }

    Ran run(String stdin, String... command) throws Exception {
        return run(client(BUILD, command), stdin);
    }

    static Ran run(ProcessBuilder builder, String stdin) throws Exception {
        Process process = builder.start();
        try (OutputStream in = process.getOutputStream()) {
            in.write(stdin.getBytes(StandardCharsets.UTF_8));
        }
        var out = Thread.startVirtualThread(() -> { });
        byte[][] streams = new byte[2][];
        Thread reader = Thread.startVirtualThread(() -> {
            try {
                streams[1] = process.getErrorStream().readAllBytes();
            } catch (IOException e) {
                streams[1] = new byte[0];
            }
        });
        streams[0] = process.getInputStream().readAllBytes();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        reader.join();
        out.join();
        return new Ran(process.exitValue(), new String(streams[0], StandardCharsets.UTF_8),
                new String(streams[1], StandardCharsets.UTF_8));
    }

    /** {@link #auditRecords} of a store that may still be being created (its schema not written yet). */
    List<String> auditRecordsOnceCreated() throws InterruptedException {
        for (int attempt = 0; ; attempt++) {
            try {
                return auditRecords();
            } catch (RuntimeException e) {
                if (attempt == 100) {
                    throw e;
                }
                Thread.sleep(100);
            }
        }
    }

    List<String> auditRecords() {
        try (AuditReader reader = AuditReader.open(home.resolve("audit.db"))) {
            return reader.query(EventFilter.ALL, 0, 0).stream().map(StoredEvent::record).toList();
        }
    }

    @Test
    void runsAnAllowedCommandInTheSandboxOnTheCallersOwnStreamsAndRecordsIt() throws Exception {
        Ran ran = run("from stdin\n", "sh", "-c",
                "echo out; echo err >&2; read line; echo \"in:$line\"; echo \"sandbox:$WARDEN_SANDBOX\";"
                        + " echo \"token:${GITHUB_TOKEN:-dropped}\"; touch inside; exit 3");

        assertThat(ran.status()).isEqualTo(3);
        assertThat(ran.out()).isEqualTo("out\nin:from stdin\nsandbox:1\ntoken:dropped\n");
        assertThat(ran.err()).isEqualTo("err\n");
        assertThat(project.resolve("inside")).exists();
        List<String> records = auditRecords();
        assertThat(records).anySatisfy(r -> assertThat(r).contains("\"warden.session_start\"").contains("\"front_door\":\"exec\""));
        assertThat(records).anySatisfy(r -> assertThat(r).contains("\"warden.tool_result\"").contains("\"exit_status\":3"));
        assertThat(records).anySatisfy(r -> assertThat(r).contains("\"warden.session_end\""));
    }

    @Test
    void theSandboxHoldsForAHandedOffCommand() throws Exception {
        Path outside = Files.writeString(root.resolve("outside.txt"), "untouched");
        // A script file: the engine does not read it, so the sandbox alone must hold (what an agent that writes a
        // script first gets).
        Files.writeString(project.resolve("attempt.sh"), "echo changed > " + outside + " 2>/dev/null\n"
                + "echo x > /etc/warden-escape-test 2>/dev/null\necho escaped > .git/config 2>/dev/null\necho done\n");

        Ran ran = run("", "sh", "attempt.sh");

        assertThat(ran.out()).isEqualTo("done\n");
        assertThat(Files.readString(outside)).isEqualTo("untouched");
        assertThat(Path.of("/etc/warden-escape-test")).doesNotExist();
        assertThat(project.resolve(".git/config")).doesNotExist();
    }

    @Test
    void nothingOfTheClientButItsThreeStreamsReachesTheSandbox() throws Exception {
        // A descriptor the caller left open (here a directory) would reach around the sandbox's mounts.
        ProcessBuilder builder = client(BUILD, "sh", "-c", "ls /proc/self/fd");
        List<String> argv = new ArrayList<>(List.of("/bin/bash", "-c", "exec 7<\"$0\" 8<>/dev/null; exec \"$@\"",
                root.toString()));
        argv.addAll(builder.command());
        builder.command(argv);

        Ran ran = run(builder, "");

        // 0, 1, 2 and the descriptor ls reads /proc/self/fd through.
        assertThat(ran.out().lines().toList()).containsExactly("0", "1", "2", "3");
    }

    @Test
    void aCommandThePolicyDoesNotSimplyAllowGoesToTheStandaloneCommandWithNothingRecorded() throws Exception {
        Ran ran = run("", "rm", "-rf", "/");

        assertThat(ran.status()).isEqualTo(99);
        assertThat(ran.out()).isEqualTo("standalone: exec --no-daemon -- rm -rf /\n");
        // The daemon's warm-up opens (creates) the store as it starts, maybe at this very moment; nothing is in it.
        if (Files.exists(home.resolve("audit.db"))) {
            assertThat(auditRecordsOnceCreated()).isEmpty();
        }
    }

    @Test
    void anotherBuildOrNoDaemonGoesStandalone() throws Exception {
        assertThat(run(client("another-build", "true"), "").out()).isEqualTo("standalone: exec --no-daemon -- true\n");
        daemon.close();
        Files.writeString(new DaemonFiles(home).execDoor(), "1 abc def " + BUILD + " 1\n");
        assertThat(run(client(BUILD, "true"), "").out()).isEqualTo("standalone: exec --no-daemon -- true\n");
    }

    @Test
    void theConfigurationsWarningsReachTheCallersStderrAndTheRecord() throws Exception {
        Files.writeString(system.resolve("requirements.toml"), "allowed_approval_policies = [\"on-request\"]\n");
        Files.writeString(home.resolve("config.toml"), "sandbox_mode = \"workspace-write\"\nsandbox_backend = \"bwrap\"\n"
                + "approval_policy = \"never\"\n");

        Ran ran = run("", "sh", "-c", "echo served");

        assertThat(ran.out()).isEqualTo("served\n");
        assertThat(ran.err()).startsWith("warden: warning: approval_policy \"never\"").contains("using \"on-request\"");
        assertThat(auditRecords()).anySatisfy(r -> assertThat(r).contains("\"warden.config_warning\""));
    }

    @Test
    void aCallerWhoseConfigurationWouldDifferFromTheDaemonsGoesStandalone() throws Exception {
        // The loader reads HOME and TMPDIR, the backend finds bwrap on PATH: the daemon has its own.
        Path otherBin = Files.createDirectories(root.resolve("other-bin"));
        Files.writeString(otherBin.resolve("bwrap"), "#!/bin/sh\nexit 1\n");
        Files.setPosixFilePermissions(otherBin.resolve("bwrap"), PosixFilePermissions.fromString("rwx------"));
        for (String name : List.of("TMPDIR", "HOME", "PATH", "WARDEN_SYSTEM_DIR")) {
            ProcessBuilder builder = client(BUILD, "true");
            builder.environment().put(name, name.equals("PATH") ? otherBin + ":/usr/bin:/bin" : root.toString());
            assertThat(run(builder, "").out()).as(name).isEqualTo("standalone: exec --no-daemon -- true\n");
        }
    }

    @Test
    void aPathThatFindsTheSameBwrapIsServed() throws Exception {
        // An agent's shell puts directories of its own on PATH; the sandbox it would get is the same one.
        String bwrap = System.getenv("PATH") == null ? "/usr/bin/bwrap" : java.util.Arrays.stream(System.getenv("PATH")
                .split(":")).map(dir -> Path.of(dir, "bwrap")).filter(Files::isExecutable).findFirst().orElseThrow()
                .toRealPath().getParent().toString();
        ProcessBuilder builder = client(BUILD, "sh", "-c", "echo served");
        builder.environment().put("PATH", root.resolve("no-such-dir") + ":" + bwrap + ":/bin");
        assertThat(run(builder, "").out()).isEqualTo("served\n");
    }

    @Test
    void aProxiedNetworkIsStartedByTheStandaloneCommand() throws Exception {
        Files.writeString(home.resolve("config.toml"), "sandbox_mode = \"workspace-write\"\n[network]\nmode = \"proxied\"\n"
                + "allowed_domains = [\"example.com\"]\n");
        assertThat(run("", "true").out()).isEqualTo("standalone: exec --no-daemon -- true\n");
    }

    /** Regression: the connection's 10 s request timeout stayed on the read that waits for the command's exit. */
    @Test
    void aCommandMayRunLongerThanTheRequestTimeout() throws Exception {
        Ran ran = run("", "sh", "-c", "sleep 11; echo still here; exit 6");

        assertThat(ran.out()).isEqualTo("still here\n");
        assertThat(ran.status()).isEqualTo(6);
    }

    @Test
    void signalsGoToTheCommandAndItsStatusComesBack() throws Exception {
        Process process = client(BUILD, "sh", "-c", "trap 'echo got INT; exit 7' INT; echo ready;"
                + " while :; do sleep 0.05; done").start();
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        assertThat(out.readLine()).isEqualTo("ready");

        new ProcessBuilder("kill", "-INT", Long.toString(process.pid())).start().waitFor();

        assertThat(out.readLine()).isEqualTo("got INT");
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).isEqualTo(7);
    }

    @Test
    void aClientKilledOutrightTakesItsSandboxWithItAndTheDaemonCleansUp() throws Exception {
        Path marker = project.resolve("still-running");
        // The marker is written before "ready": a client killed the moment it reads that line has one to look at.
        Process process = client(BUILD, "sh", "-c",
                "date > still-running; echo ready; while :; do date > still-running; sleep 0.05; done").start();
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        assertThat(out.readLine()).isEqualTo("ready");

        process.destroyForcibly().waitFor();

        // bwrap dies with its parent; the command stops writing.
        Thread.sleep(300);
        String last = Files.readString(marker);
        Thread.sleep(300);
        assertThat(Files.readString(marker)).isEqualTo(last);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (auditRecords().stream().noneMatch(r -> r.contains("\"warden.session_end\"")) && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(auditRecords()).anySatisfy(r -> assertThat(r).contains("\"warden.session_end\"")
                .contains("\"exit_status\":137").contains("\"reason\":\"client-gone\""));
    }

    @Test
    void theDoorTurnsAwayAWrongTokenAndGarbageAndGoesOn() throws Exception {
        String[] door = Files.readString(new DaemonFiles(home).execDoor()).strip().split(" ");
        int port = Integer.parseInt(door[0]);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(new DaemonFiles(home).execDoor())))
                .isEqualTo("rw-------");
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            socket.getOutputStream().write("warden-exec-1\0wrong\0/\0001\0true\0\0".getBytes(StandardCharsets.UTF_8));
            // The daemon's greeting, and nothing after it.
            assertThat(new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8))
                    .isEqualTo("warden-exec-1\0" + door[2] + "\0");
        }
        Random random = new Random(20261121);
        for (int i = 0; i < 50; i++) {
            byte[] noise = new byte[random.nextInt(200)];
            random.nextBytes(noise);
            String prefix = random.nextBoolean() ? "warden-exec-1\0" + door[1] + "\0" : "";
            try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
                socket.setSoTimeout(15_000);
                socket.getOutputStream().write(prefix.getBytes(StandardCharsets.UTF_8));
                socket.getOutputStream().write(noise);
                socket.shutdownOutput();
                InputStream in = socket.getInputStream();
                while (in.read() >= 0) {
                    // whatever it says, it must end
                }
            }
        }
        assertThat(run("", "sh", "-c", "echo still serving").out()).isEqualTo("still serving\n");
    }

    @Test
    void leavesNoCgroupOrOptionFilesBehind() throws Exception {
        List<String> before = wardenLeftovers();
        for (int i = 0; i < 3; i++) {
            assertThat(run("", "true").status()).isZero();
        }
        assertThat(wardenLeftovers()).isEqualTo(before);
    }

    static List<String> wardenLeftovers() throws IOException {
        List<String> found = new ArrayList<>();
        String ownCgroups = "warden-" + ProcessHandle.current().pid() + "-";
        for (Path dir : List.of(Path.of(System.getProperty("java.io.tmpdir")), Path.of("/sys/fs/cgroup/pids"))) {
            if (Files.isDirectory(dir)) {
                try (Stream<Path> list = Files.list(dir)) {
                    // This JVM's: the daemon's option directories and the command cgroups it made (named by its pid);
                    // other Warden processes on the host come and go meanwhile.
                    list.map(p -> p.getFileName().toString())
                            .filter(n -> n.startsWith("warden-bwrap-") || n.startsWith(ownCgroups))
                            .forEach(found::add);
                }
            }
        }
        found.sort(null);
        return found;
    }
}
