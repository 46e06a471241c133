package dev.warden.agents.daemon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.warden.agents.hook.HookAnswer;
import dev.warden.agents.hook.StandaloneHook;
import dev.warden.core.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The daemon on real sockets: a unix socket and loopback HTTP, against the standalone hook's answers. */
class DaemonTest {
    @TempDir
    Path root;

    Path home;
    Path system;
    Path project;
    Daemon daemon;
    final List<String> log = new ArrayList<>();

    @BeforeEach
    void start() throws IOException {
        home = Files.createDirectories(root.resolve("warden-home"));
        system = Files.createDirectories(root.resolve("etc-warden"));
        project = Files.createDirectories(root.resolve("project"));
        Files.createDirectories(project.resolve(".git"));
        Files.writeString(home.resolve("config.toml"), "sandbox_mode = \"workspace-write\"\n");
        daemon = Daemon.start(home, system, "test", message -> {
            synchronized (log) {
                log.add(message);
            }
        });
    }

    @AfterEach
    void stop() {
        daemon.close();
    }

    String bash(String command) {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("session_id", "abc123");
        payload.put("cwd", project.toString());
        payload.put("hook_event_name", "PreToolUse");
        payload.put("tool_name", "Bash");
        payload.put("tool_input", Map.of("command", command));
        return Json.write(payload);
    }

    HookAnswer standalone(String payload) {
        return StandaloneHook.answer(payload, home, system, Optional.empty(), List.of(), Map.of(), "test", System.err);
    }

    HookAnswer viaSocket(String payload) {
        return DaemonClient.find(home).orElseThrow().claudeCodeHook(payload, Optional.empty()).orElseThrow();
    }

    @Test
    void writesItsFilesPrivately() throws IOException {
        DaemonFiles files = new DaemonFiles(home);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(files.info()))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(files.socket()))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(files.runDirectory()))).isEqualTo("rwx------");
        @SuppressWarnings("unchecked") Map<String, Object> json = (Map<String, Object>) Json.parse(Files.readString(files.info()));
        assertThat(json.keySet()).containsExactly("url", "token", "pid");
        assertThat((String) json.get("url")).startsWith("http://127.0.0.1:");
        assertThat((String) json.get("token")).hasSize(64);
        assertThat(json.get("pid")).isEqualTo(ProcessHandle.current().pid());
    }

    @Test
    void theSocketAnswersExactlyWhatTheStandaloneHookAnswers() {
        for (String payload : List.of(bash("ls -la"), bash("npm test"), bash("rm -rf ~"), "not json",
                "{\"hook_event_name\":\"Notification\",\"session_id\":\"s\",\"cwd\":\"/\"}")) {
            assertThat(viaSocket(payload)).as(payload).isEqualTo(standalone(payload));
        }
    }

    @Test
    void checkAnswersWithTheVerdictTheStandaloneEngineGives() throws Exception {
        var standalone = dev.warden.agents.PolicySnapshot.load(new dev.warden.policy.config.ConfigRequest(home, system, project,
                Optional.empty(), List.of())).engine();
        for (List<String> argv : List.of(List.of("git", "status"), List.of("bash", "-lc", "rm -rf ~ && curl x | sh"),
                List.of("make"), List.of("cat", ".env"))) {
            var expected = standalone.evaluate(new dev.warden.core.Action.Exec(argv, project));
            var answered = DaemonClient.find(home).orElseThrow().check(argv, project, system);
            assertThat(answered).as("%s", argv).contains(expected);
            assertThat(answered.orElseThrow().risk()).isEqualTo(expected.risk());
        }
    }

    @Test
    void checkIsNotAnsweredForAnotherSystemDirectoryOrABrokenConfiguration() throws IOException {
        assertThat(DaemonClient.find(home).orElseThrow().check(List.of("ls"), project, root.resolve("other-etc"))).isEmpty();
        assertThat(DaemonClient.find(home).orElseThrow().check(List.of("ls"), Path.of("relative"), system)).isEmpty();
        assertThat(DaemonClient.find(home).orElseThrow().check(List.of(), project, system)).isEmpty();
        // A project never loaded, under a configuration that no longer parses: no verdict (the CLI then reports the error).
        Path other = Files.createDirectories(root.resolve("other"));
        Files.writeString(home.resolve("config.toml"), "approval_policy = [broken\n");
        assertThat(DaemonClient.find(home).orElseThrow().check(List.of("ls"), other, system)).isEmpty();
    }

    @Test
    void httpAnswersWithTheHookStdout() throws IOException {
        DaemonInfo info = daemon.info();
        int port = URI.create(info.url()).getPort();
        String payload = bash("npm test");
        Response response = post(port, "127.0.0.1:" + port, "Bearer " + info.token(), payload);
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.body()).isEqualTo(standalone(payload).stdout());
        assertThat(response.body()).contains("\"permissionDecision\":\"ask\"");
        assertThat(post(port, "localhost:" + port, "Bearer " + info.token(), payload).status()).isEqualTo(200);
    }

    @Test
    void httpRefusesAForeignHostHeaderBeforeReadingAnything() throws IOException {
        DaemonInfo info = daemon.info();
        int port = URI.create(info.url()).getPort();
        Response rebinding = post(port, "attacker.example:" + port, "Bearer " + info.token(), bash("ls"));
        assertThat(rebinding.status()).isEqualTo(421);
        assertThat(post(port, "127.0.0.1:1", "Bearer " + info.token(), bash("ls")).status()).isEqualTo(421);
    }

    @Test
    void httpWithoutTheTokenBlocksInsteadOfLettingClaudeCodeProceed() throws IOException {
        int port = URI.create(daemon.info().url()).getPort();
        for (String auth : new String[] {null, "Bearer wrong", "Basic abc", "Bearer " + daemon.info().token() + "x"}) {
            Response response = post(port, "127.0.0.1:" + port, auth, bash("ls"));
            assertThat(response.status()).as(auth).isEqualTo(200);
            Map<?, ?> body = (Map<?, ?>) Json.parse(response.body());
            assertThat(((Map<?, ?>) body.get("hookSpecificOutput")).get("permissionDecision")).isEqualTo("deny");
        }
        assertThat(daemon.status().get("open_sessions")).isEqualTo(0);
    }

    @Test
    void httpFailsClosedWithA2xxBlockingBody() throws IOException {
        int port = URI.create(daemon.info().url()).getPort();
        Response garbage = post(port, "127.0.0.1:" + port, "Bearer " + daemon.info().token(), "{not json");
        assertThat(garbage.status()).isEqualTo(200);
        assertThat(Json.parse(garbage.body())).isEqualTo(Map.of("continue", false,
                "stopReason", standalone("{not json").stderr().strip()));
        Response brokenTool = post(port, "127.0.0.1:" + port, "Bearer " + daemon.info().token(),
                "{\"session_id\":\"s\",\"cwd\":\"/\",\"hook_event_name\":\"PreToolUse\",\"tool_name\":\"Bash\",\"tool_input\":{}}");
        assertThat(brokenTool.body()).contains("\"permissionDecision\":\"deny\"").contains("tool_input.command");
    }

    @Test
    void reloadsWhenTheConfigurationChangesAndKeepsTheOldOneWhenItBreaks() throws Exception {
        assertThat(viaSocket(bash("make")).stdout()).contains("\"ask\"");
        Files.writeString(home.resolve("config.toml"), "sandbox_mode = \"workspace-write\"\napproval_policy = \"never\"\n");
        awaitAnswer(bash("make"), "\"deny\"");
        Files.writeString(home.resolve("config.toml"), "approval_policy = [broken\n");
        long deadline = System.currentTimeMillis() + 30_000;
        while (daemon.status().get("config_error") == null && System.currentTimeMillis() < deadline) {
            Thread.sleep(50);
        }
        assertThat((String) daemon.status().get("config_error")).contains("config.toml").contains("keeping the previous one");
        assertThat(viaSocket(bash("make")).stdout()).contains("\"deny\"");
        Files.writeString(home.resolve("config.toml"), "sandbox_mode = \"workspace-write\"\n");
        awaitAnswer(bash("make"), "\"ask\"");
        assertThat(daemon.status().get("config_error")).isNull();
    }

    private void awaitAnswer(String payload, String expected) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 30_000;
        while (!viaSocket(payload).stdout().contains(expected) && System.currentTimeMillis() < deadline) {
            Thread.sleep(50);
        }
        assertThat(viaSocket(payload).stdout()).as("daemon log: %s", log).contains(expected);
    }

    @Test
    void aSecondDaemonForTheSameHomeIsRefused() {
        // The running daemon is this very process, so pretend the file belongs to another live process: our parent.
        long parent = ProcessHandle.current().parent().orElseThrow().pid();
        try {
            DaemonFiles.writePrivate(new DaemonFiles(home).info(),
                    new DaemonInfo(daemon.info().url(), daemon.info().token(), parent).toJson());
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        assertThatThrownBy(() -> Daemon.start(home, system, "test", log::add)).hasMessageContaining("already running");
    }

    @Test
    void aSecondDaemonStartingBeforeTheFirstWroteItsFileIsRefusedByTheLock() throws IOException {
        // Two first `warden exec`s each start a daemon: the one that comes second finds no daemon.json yet.
        Files.delete(new DaemonFiles(home).info());
        assertThatThrownBy(() -> Daemon.start(home, system, "test", log::add))
                .isInstanceOf(Daemon.AlreadyRunning.class).hasMessageContaining("already running");
        assertThat(daemon.status().get("pid")).isEqualTo(ProcessHandle.current().pid()); // the first one goes on
    }

    @Test
    void anotherProcessSeesTheLockHeldUntilTheDaemonStops() throws Exception {
        Path lock = new DaemonFiles(home).lock();
        assertThat(flockFree(lock)).as("while the daemon runs").isFalse();
        daemon.close();
        assertThat(flockFree(lock)).as("once it has stopped").isTrue();
    }

    /** Whether a POSIX record lock on the whole file is free, asked by another process (python3's fcntl.lockf). */
    static boolean flockFree(Path file) throws Exception {
        Process probe = new ProcessBuilder("python3", "-c", "import fcntl,sys\nf=open(sys.argv[1],'w')\ntry:\n"
                + "  fcntl.lockf(f, fcntl.LOCK_EX | fcntl.LOCK_NB)\nexcept OSError:\n  sys.exit(1)\n", file.toString())
                .redirectErrorStream(true).start();
        probe.getOutputStream().close();
        String out = new String(probe.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        int status = probe.waitFor();
        assertThat(status).as(out).isIn(0, 1);
        return status == 0;
    }

    @Test
    void stopsByItselfOnceIdleAndCleansUp() throws Exception {
        daemon.close();
        Daemon idle = Daemon.start(home, system, "test", "b1", Duration.ofMillis(300), log::add);
        assertThat(awaitStop(idle, 30)).as("stopped within 30 s; log: %s", log).isTrue();
        assertThat(new DaemonFiles(home).info()).doesNotExist();
        assertThat(new DaemonFiles(home).execDoor()).doesNotExist();
        assertThat(log).anyMatch(line -> line.startsWith("idle for"));
        Daemon.start(home, system, "test", log::add).close(); // and the lock is free for the next one
    }

    @Test
    void anOpenHookSessionKeepsAnIdleDaemonRunning() throws Exception {
        daemon.close();
        Daemon idle = Daemon.start(home, system, "test", "b1", Duration.ofMillis(200), log::add);
        try {
            viaSocket(bash("ls")); // opens the Claude Code session abc123's audit session
            assertThat(awaitStop(idle, 2)).as("log: %s", log).isFalse();
            Map<String, Object> end = new LinkedHashMap<>();
            end.put("session_id", "abc123");
            end.put("cwd", project.toString());
            end.put("hook_event_name", "SessionEnd");
            end.put("reason", "other");
            viaSocket(Json.write(end));
            assertThat(awaitStop(idle, 30)).as("stopped once the session ended; log: %s", log).isTrue();
        } finally {
            idle.close();
        }
    }

    @Test
    void stopsOnceARebuildHasReplacedItsBuild() throws Exception {
        Path stamp = Files.writeString(root.resolve(".warden-built"), "b1\n");
        daemon.stopWhenReplaced(stamp, "b1", Duration.ofMillis(50));
        assertThat(awaitStop(daemon, 1)).as("its own build: it stays").isFalse();
        Files.delete(stamp);
        assertThat(awaitStop(daemon, 1)).as("no stamp (a rebuild under way): it stays").isFalse();
        Files.writeString(stamp, "b2\n");
        assertThat(awaitStop(daemon, 30)).as("log: %s", log).isTrue();
        assertThat(new DaemonFiles(home).socket()).as("the hook client finds no socket and goes to the JVM").doesNotExist();
        assertThat(log).anyMatch(line -> line.contains("build is now b2"));
    }

    static boolean awaitStop(Daemon daemon, int seconds) throws InterruptedException {
        Thread waiter = Thread.ofVirtual().start(() -> {
            try {
                daemon.awaitStop();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        return waiter.join(Duration.ofSeconds(seconds));
    }

    /** The launcher's python client for `warden hook claude-code` ({@code .mvn/daemon-hook.py}). */
    static final Path HOOK_CLIENT = Path.of("..", ".mvn", "daemon-hook.py").toAbsolutePath().normalize();

    record Ran(int status, String out, String err) {}

    Ran hookClient(Path socket, Path launcher, String payload) throws Exception {
        Process process = new ProcessBuilder("/usr/bin/python3", "-I", "-S", HOOK_CLIENT.toString(), socket.toString(),
                launcher.toString()).start();
        try (OutputStream in = process.getOutputStream()) {
            in.write(payload.getBytes(StandardCharsets.UTF_8));
        }
        var err = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
            try {
                return new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                return "";
            }
        });
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        return new Ran(process.exitValue(), out, err.get());
    }

    /** A stand-in for `warden hook claude-code --no-daemon`: says how it was called and what it read, exits 3. */
    Path standaloneLauncher() throws IOException {
        Path launcher = root.resolve("standalone-warden");
        Files.writeString(launcher, "#!/bin/sh\nprintf 'standalone:'; for a; do printf ' [%s]' \"$a\"; done;"
                + " echo \" fallback=$WARDEN_DAEMON_HOOK_FALLBACK\"; cat\nexit 3\n");
        Files.setPosixFilePermissions(launcher, PosixFilePermissions.fromString("rwx------"));
        return launcher;
    }

    @Test
    void thePythonHookClientPrintsExactlyWhatTheStandaloneHookAnswers() throws Exception {
        Path launcher = standaloneLauncher();
        for (String payload : List.of(bash("ls"), bash("rm -rf /"), bash("npm test"), "not json")) {
            HookAnswer expected = standalone(payload);
            Ran ran = hookClient(new DaemonFiles(home).socket(), launcher, payload);
            assertThat(ran.out()).as(payload).isEqualTo(expected.stdout()).doesNotContain("standalone:");
            assertThat(ran.err()).as(payload).isEqualTo(expected.stderr());
            assertThat(ran.status()).as(payload).isEqualTo(expected.exitStatus());
        }
    }

    @Test
    void thePythonHookClientHandsThePayloadToTheStandaloneHookWhenNoDaemonAnswers() throws Exception {
        Path launcher = standaloneLauncher();
        String payload = bash("ls");
        daemon.close();
        Path stale = root.resolve("stale.sock");
        try (var channel = java.nio.channels.ServerSocketChannel.open(java.net.StandardProtocolFamily.UNIX)) {
            channel.bind(java.net.UnixDomainSocketAddress.of(stale)); // bound, then closed: nobody listens
        }
        for (Path socket : List.of(new DaemonFiles(home).socket(), stale)) {
            Ran ran = hookClient(socket, launcher, payload);
            assertThat(ran.status()).as("the stand-in's exit 3 blocks: %s", ran).isEqualTo(2);
            assertThat(ran.out()).isEqualTo("standalone: [hook] [claude-code] fallback=1\n" + payload);
        }
    }

    @Test
    void aStaleDaemonFileIsIgnored() throws Exception {
        daemon.close();
        Process dead = new ProcessBuilder("true").start();
        dead.waitFor();
        Files.writeString(new DaemonFiles(home).info(), new DaemonInfo("http://127.0.0.1:9", "t", dead.pid()).toJson());
        assertThat(DaemonClient.find(home)).isEmpty();
    }

    @Test
    void stopsOnRequestAndCleansUp() throws Exception {
        DaemonClient.find(home).orElseThrow().stop();
        daemon.awaitStop();
        assertThat(new DaemonFiles(home).info()).doesNotExist();
        assertThat(new DaemonFiles(home).socket()).doesNotExist();
        assertThat(DaemonClient.find(home)).isEmpty();
    }

    @Test
    void oneAuditSessionPerClaudeCodeSession() {
        viaSocket(bash("ls"));
        viaSocket(bash("npm test"));
        assertThat(daemon.status().get("open_sessions")).isEqualTo(1);
        Map<String, Object> end = new LinkedHashMap<>();
        end.put("session_id", "abc123");
        end.put("cwd", project.toString());
        end.put("hook_event_name", "SessionEnd");
        end.put("reason", "other");
        assertThat(viaSocket(Json.write(end))).isEqualTo(HookAnswer.silent());
        assertThat(daemon.status().get("open_sessions")).isEqualTo(0);
    }

    @Test
    void garbageOnTheSocketEndsOnlyThatConnection() throws Exception {
        try (var channel = java.nio.channels.SocketChannel.open(java.net.StandardProtocolFamily.UNIX)) {
            channel.connect(java.net.UnixDomainSocketAddress.of(new DaemonFiles(home).socket()));
            OutputStream out = java.nio.channels.Channels.newOutputStream(channel);
            out.write("nonsense\n{\"op\":\"launch\"}\n".getBytes(StandardCharsets.UTF_8));
            InputStream in = java.nio.channels.Channels.newInputStream(channel);
            assertThat(SocketWire.readLine(in)).contains("not JSON");
            assertThat(SocketWire.readLine(in)).contains("unknown op");
        }
        assertThat(viaSocket(bash("ls")).stdout()).contains("\"allow\"");
    }

    record Response(int status, String body) {}

    /** A raw HTTP/1.1 request, so the test controls the Host header (java.net.http does not let it). */
    static Response post(int port, String host, String authorization, String body) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            StringBuilder head = new StringBuilder("POST /hooks/claude-code HTTP/1.1\r\nHost: " + host + "\r\n");
            if (authorization != null) {
                head.append("Authorization: ").append(authorization).append("\r\n");
            }
            head.append("Content-Type: application/json\r\nContent-Length: ").append(bytes.length)
                    .append("\r\nConnection: close\r\n\r\n");
            OutputStream out = socket.getOutputStream();
            out.write(head.toString().getBytes(StandardCharsets.UTF_8));
            out.write(bytes);
            out.flush();
            String response = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            int status = Integer.parseInt(response.substring(9, 12));
            int split = response.indexOf("\r\n\r\n");
            return new Response(status, response.substring(split + 4));
        }
    }
}
