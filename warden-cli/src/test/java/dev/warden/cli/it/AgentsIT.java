package dev.warden.cli.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.core.json.Json;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

/**
 * The front doors through the packaged jar: {@code warden hook claude-code} on stdin, {@code install}/{@code uninstall}
 * on a settings file, the daemon started in the background and used by the hook, and {@code warden mcp} driven by the
 * official MCP inspector CLI from the npm registry (installed into {@code target/} on first use).
 */
class AgentsIT {
    static final Path MODULE = Path.of(System.getProperty("basedir", "")).toAbsolutePath();
    static final Path JAR = Path.of(System.getProperty("warden.jar", MODULE.resolve("target/warden-cli.jar").toString()));
    static final String INSPECTOR_VERSION = "1.0.3";
    static final Path INSPECTOR_PREFIX = MODULE.resolve("target/npm-inspector");

    Path base;
    Path wardenHome;
    Path systemDir;
    Path home;
    Path project;

    record Result(int exit, String out, String err) {}

    @BeforeEach
    void machine(TestInfo test) throws IOException {
        // Under target/, not /tmp: every sandbox replaces /tmp with a private one.
        base = MODULE.resolve("target/it-agents/" + test.getTestMethod().orElseThrow().getName());
        if (Files.exists(base)) {
            try (Stream<Path> walk = Files.walk(base)) {
                walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
        wardenHome = Files.createDirectories(base.resolve("home/.warden"));
        systemDir = Files.createDirectories(base.resolve("etc-warden"));
        home = base.resolve("home");
        project = Files.createDirectories(base.resolve("project"));
        Files.createDirectories(project.resolve(".git"));
        Files.writeString(wardenHome.resolve("config.toml"), "sandbox_mode = \"workspace-write\"\n");
    }

    Map<String, String> environment() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("WARDEN_HOME", wardenHome.toString());
        env.put("WARDEN_SYSTEM_DIR", systemDir.toString());
        env.put("HOME", home.toString());
        return env;
    }

    List<String> warden(String... args) {
        List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
                "--enable-native-access=ALL-UNNAMED", "-jar", JAR.toString()));
        command.addAll(List.of(args));
        return command;
    }

    Result run(List<String> command, String stdin, Path directory) throws Exception {
        return run(command, stdin, directory, Map.of());
    }

    Result run(List<String> command, String stdin, Path directory, Map<String, String> extraEnv) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toFile());
        builder.environment().remove("WARDEN_SESSION");
        builder.environment().remove("WARDEN_LAUNCHER"); // no test starts a daemon it did not ask for
        builder.environment().remove("WARDEN_DAEMON_AUTOSTART");
        builder.environment().putAll(environment());
        builder.environment().putAll(extraEnv);
        Process process = builder.start();
        try (OutputStream in = process.getOutputStream()) {
            in.write(stdin.getBytes(StandardCharsets.UTF_8));
        }
        CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> read(process.getErrorStream()));
        String out = read(process.getInputStream());
        if (!process.waitFor(180, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("did not finish: " + command);
        }
        return new Result(process.exitValue(), out, err.get(10, TimeUnit.SECONDS));
    }

    private static String read(java.io.InputStream in) {
        try {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    String bash(String command) {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("session_id", "it-session");
        payload.put("transcript_path", home.resolve(".claude/projects/x.jsonl").toString());
        payload.put("cwd", project.toString());
        payload.put("permission_mode", "default");
        payload.put("hook_event_name", "PreToolUse");
        payload.put("tool_name", "Bash");
        payload.put("tool_input", Map.of("command", command, "description", "test"));
        payload.put("tool_use_id", "toolu_it");
        return Json.write(payload);
    }

    static String decision(Result result) {
        Map<?, ?> json = (Map<?, ?>) Json.parse(result.out());
        return (String) ((Map<?, ?>) json.get("hookSpecificOutput")).get("permissionDecision");
    }

    @Test
    void theHookAnswersClaudeCodeAndFailsClosed() throws Exception {
        Result safe = run(warden("hook", "claude-code"), bash("git status"), project);
        assertThat(safe.exit()).as(safe.toString()).isZero();
        assertThat(decision(safe)).isEqualTo("allow");

        Result unsandboxed = run(warden("hook", "claude-code"), bash("npm test"), project);
        assertThat(decision(unsandboxed)).isEqualTo("ask");

        Result garbage = run(warden("hook", "claude-code"), "{\"hook_event_name\":", project);
        assertThat(garbage.exit()).isEqualTo(2);
        assertThat(garbage.out()).isEmpty();
        assertThat(garbage.err()).startsWith("warden: hook payload is not JSON");

        Result brokenConfig;
        Files.writeString(wardenHome.resolve("config.toml"), "approval_policy = [\n");
        brokenConfig = run(warden("hook", "claude-code"), bash("ls"), project);
        assertThat(brokenConfig.exit()).isEqualTo(2);
        assertThat(brokenConfig.err()).contains("config.toml");
    }

    @Test
    void installIsIdempotentAndUninstallRemovesOnlyWardensHooks() throws Exception {
        Path settings = home.resolve(".claude/settings.json");
        Files.createDirectories(settings.getParent());
        Files.writeString(settings, "{\"model\": \"opus\", \"hooks\": {\"Stop\": [{\"hooks\": [{\"type\": \"command\", \"command\": \"say done\"}]}]}}\n");
        String original = Files.readString(settings);

        Result dryRun = run(warden("install", "claude-code", "--dry-run"), "", project);
        assertThat(dryRun.exit()).as(dryRun.toString()).isZero();
        assertThat(dryRun.out()).contains("+ ").contains("hook claude-code");
        assertThat(Files.readString(settings)).isEqualTo(original);

        Result install = run(warden("install", "claude-code", "--user"), "", project);
        assertThat(install.out()).contains("installed Warden's hooks").contains("backup");
        assertThat(Files.readString(settings)).contains("hook claude-code").contains("say done").contains("opus");
        Result again = run(warden("install", "claude-code"), "", project);
        assertThat(again.out()).contains("already up to date");

        Result uninstall = run(warden("uninstall", "claude-code"), "", project);
        assertThat(uninstall.exit()).isZero();
        assertThat(Json.parse(Files.readString(settings))).isEqualTo(Json.parse(original));

        Result project = run(warden("install", "claude-code", "--project"), "", this.project);
        assertThat(project.exit()).isZero();
        assertThat(this.project.resolve(".claude/settings.json")).content().contains("hook claude-code");
    }

    @Test
    void theHookUsesARunningDaemon() throws Exception {
        Result start = run(warden("daemon", "start"), "", project);
        try {
            assertThat(start.exit()).as(start.toString()).isZero();
            Map<?, ?> info = (Map<?, ?>) Json.parse(Files.readString(wardenHome.resolve("daemon.json")));
            assertThat((String) info.get("url")).startsWith("http://127.0.0.1:");

            Result hook = run(warden("hook", "claude-code"), bash("npm test"), project);
            assertThat(decision(hook)).isEqualTo("ask");
            Result status = run(warden("daemon", "status"), "", project);
            assertThat(status.exit()).isZero();
            // The hook's audit session is held open by the daemon: proof the answer came from there.
            assertThat(((Map<?, ?>) Json.parse(status.out())).get("open_sessions")).isEqualTo(1L);
        } finally {
            Result stop = run(warden("daemon", "stop"), "", project);
            assertThat(stop.out()).contains("stopped");
        }
        assertThat(run(warden("daemon", "status"), "", project).exit()).isEqualTo(1);
    }

    /**
     * {@code warden exec -- CMD} through the daemon's exec door (a short name: the socket path has a limit): the launcher's bash client against the packaged
     * daemon, with the packaged standalone {@code warden exec --no-daemon} behind it for what the daemon sends back.
     */
    @Test
    void execDoor() throws Exception {
        Path launcher = launcher(List.of());
        java.util.function.Function<List<String>, List<String>> exec = command -> viaDoor(launcher, command);
        List<String> daemon = new ArrayList<>(warden());
        daemon.add(2, "-Dwarden.build=it-build");
        daemon.addAll(List.of("daemon", "start"));
        Result start = run(daemon, "", project);
        try {
            assertThat(start.exit()).as(start.toString()).isZero();
            Result served = run(exec.apply(List.of("sh", "-c", "echo \"served:$WARDEN_SANDBOX\"; exit 4")), "", project);
            assertThat(served.exit()).as(served.toString()).isEqualTo(4);
            assertThat(served.out()).isEqualTo("served:1\n");
            Result denied = run(exec.apply(List.of("rm", "-rf", "/")), "", project);
            assertThat(denied.exit()).as(denied.toString()).isEqualTo(1);
            assertThat(denied.err()).contains("warden: denied:").doesNotContain("Exception");

            Map<?, ?> status = (Map<?, ?>) Json.parse(run(warden("daemon", "status"), "", project).out());
            assertThat(status.get("execs_served")).isEqualTo(1L);
            assertThat(status.get("execs_sent_back")).isEqualTo(1L);
            // One audit session per command: the daemon's, or the standalone command's it went back to, never both.
            Result sessions = run(warden("audit", "query", "--type", "warden.session_start", "--jsonl"), "", project);
            assertThat(sessions.out().lines()).hasSize(2);
        } finally {
            run(warden("daemon", "stop"), "", project);
        }
        assertThat(wardenHome.resolve("run/exec-door")).doesNotExist();
    }

    /** A launcher script that runs the packaged jar with {@code jvmOptions}, as {@code ./warden} runs it. */
    Path launcher(List<String> jvmOptions) throws IOException {
        Path launcher = base.resolve("warden-launcher");
        List<String> command = new ArrayList<>(warden());
        command.addAll(1, jvmOptions);
        Files.writeString(launcher, "#!/bin/sh\nexec " + String.join(" ", command.stream()
                .map(word -> "'" + word.replace("'", "'\\''") + "'").toList()) + " \"$@\"\n");
        Files.setPosixFilePermissions(launcher, java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
        return launcher;
    }

    /** {@code warden exec -- COMMAND} as the launcher's bash client sends it to the door of a daemon of build it-build. */
    List<String> viaDoor(Path launcher, List<String> command) {
        Path client = MODULE.resolve("../.mvn/daemon-exec.bash").normalize();
        List<String> argv = new ArrayList<>(List.of("/bin/bash", client.toString(), launcher.toString(), "it-build",
                wardenHome.resolve("run/exec-door").toString(), "x1", "exec", "--"));
        argv.addAll(command);
        return argv;
    }

    /** The status of the daemon a command started in the background, once it answers (at most a minute). */
    Map<?, ?> awaitDaemonStatus() throws Exception {
        for (long deadline = System.nanoTime() + 60_000_000_000L; System.nanoTime() < deadline; Thread.sleep(200)) {
            Result answer = run(warden("daemon", "status"), "", project);
            if (answer.exit() == 0) {
                return (Map<?, ?>) Json.parse(answer.out());
            }
        }
        Path log = wardenHome.resolve("daemon.log");
        throw new AssertionError("no daemon answered within a minute; daemon.log: "
                + (Files.exists(log) ? Files.readString(log) : "(none)"));
    }

    /**
     * The first {@code warden exec -- CMD} a daemon could serve starts one in the background, through the launcher, and
     * the next comes through its door; options, a refusal and {@code WARDEN_DAEMON_AUTOSTART=0} start none.
     */
    @Test
    void execAutostart() throws Exception {
        Path launcher = launcher(List.of("-Dwarden.build=it-build"));
        Map<String, String> viaLauncher = Map.of("WARDEN_LAUNCHER", launcher.toString());
        Path log = wardenHome.resolve("daemon.log");
        Result noDaemon = run(warden("exec", "--no-daemon", "--", "true"), "", project, viaLauncher);
        Result refused = run(warden("exec", "--", "rm", "-rf", "/"), "", project, viaLauncher);
        Result switchedOff = run(warden("exec", "--", "true"), "", project,
                Map.of("WARDEN_LAUNCHER", launcher.toString(), "WARDEN_DAEMON_AUTOSTART", "0"));
        Result withoutLauncher = run(warden("exec", "--", "true"), "", project);
        assertThat(List.of(noDaemon.exit(), refused.exit(), switchedOff.exit(), withoutLauncher.exit()))
                .as("%s %s %s %s", noDaemon, refused, switchedOff, withoutLauncher).containsExactly(0, 1, 0, 0);
        assertThat(log).as("a start would have created it before the command exited").doesNotExist();

        Result first = run(warden("exec", "--", "sh", "-c", "echo standalone:$WARDEN_SANDBOX"), "", project, viaLauncher);
        try {
            assertThat(first.exit()).as(first.toString()).isZero();
            assertThat(first.out()).isEqualTo("standalone:1\n");
            assertThat(log).exists();
            Map<?, ?> status = awaitDaemonStatus();
            assertThat(status.get("idle_exit_seconds")).isEqualTo(1800L);
            assertThat(Files.readString(wardenHome.resolve("run/exec-door"))).contains(" it-build ");

            Result served = run(viaDoor(launcher, List.of("sh", "-c", "echo served:$WARDEN_SANDBOX")), "", project);
            assertThat(served.exit()).as(served.toString()).isZero();
            assertThat(served.out()).isEqualTo("served:1\n");
            Map<?, ?> after = (Map<?, ?>) Json.parse(run(warden("daemon", "status"), "", project).out());
            assertThat(after.get("execs_served")).isEqualTo(1L);
        } finally {
            run(warden("daemon", "stop"), "", project);
        }
    }

    /** The first `warden hook claude-code` without a daemon answers standalone and starts one for the next calls. */
    @Test
    void hookAutostart() throws Exception {
        Path launcher = launcher(List.of("-Dwarden.build=it-build"));
        Map<String, String> viaLauncher = Map.of("WARDEN_LAUNCHER", launcher.toString());
        Result noDaemon = run(warden("hook", "claude-code", "--no-daemon"), bash("git status"), project, viaLauncher);
        assertThat(decision(noDaemon)).as(noDaemon.toString()).isEqualTo("allow");
        assertThat(wardenHome.resolve("daemon.log")).as("--no-daemon starts none").doesNotExist();

        Result first = run(warden("hook", "claude-code"), bash("git status"), project, viaLauncher);
        try {
            assertThat(decision(first)).as(first.toString()).isEqualTo("allow");
            Map<?, ?> status = awaitDaemonStatus();
            assertThat(status.get("idle_exit_seconds")).isEqualTo(1800L);
            // The next call goes to it: its audit session for this Claude Code session is held open there.
            Result next = run(warden("hook", "claude-code"), bash("npm test"), project, viaLauncher);
            assertThat(decision(next)).isEqualTo("ask");
            Map<?, ?> after = (Map<?, ?>) Json.parse(run(warden("daemon", "status"), "", project).out());
            assertThat(after.get("open_sessions")).isEqualTo(1L);
        } finally {
            run(warden("daemon", "stop"), "", project);
        }
    }

    /** The daemon answers `warden check` exactly as the standalone engine does (a short name: the socket path has a limit). */
    @Test
    void checkUsesTheDaemon() throws Exception {
        List<List<String>> commands = List.of(List.of("git", "status"), List.of("bash", "-lc", "rm -rf ~ && curl x | sh"),
                List.of("npm", "test"));
        List<String> standalone = new ArrayList<>();
        for (List<String> command : commands) {
            standalone.add(run(checkJson(command), "", project).out());
        }
        Result start = run(warden("daemon", "start"), "", project);
        try {
            assertThat(start.exit()).as(start.toString()).isZero();
            for (int i = 0; i < commands.size(); i++) {
                Result viaDaemon = run(checkJson(commands.get(i)), "", project);
                assertThat(viaDaemon.exit()).as(viaDaemon.toString()).isZero();
                assertThat(viaDaemon.out()).isEqualTo(standalone.get(i));
            }
            // The daemon loaded this directory's policy for those answers: proof they came from there.
            assertThat(((Map<?, ?>) Json.parse(run(warden("daemon", "status"), "", project).out())).get("policies_loaded"))
                    .isEqualTo(1L);
            // An override is a configuration the daemon does not hold: decided here, and it shows.
            Result untrusted = run(warden("-c", "approval_policy=untrusted", "check", "--json", "--", "npm", "test"), "",
                    project);
            assertThat(standalone.get(2)).contains("\"decision\":\"allow\"");
            assertThat(untrusted.out()).contains("\"decision\":\"ask\"");
            assertThat(((Map<?, ?>) Json.parse(run(warden("daemon", "status"), "", project).out())).get("policies_loaded"))
                    .isEqualTo(1L);
        } finally {
            run(warden("daemon", "stop"), "", project);
        }
    }

    private List<String> checkJson(List<String> command) {
        List<String> args = new ArrayList<>(List.of("check", "--json", "--"));
        args.addAll(command);
        return warden(args.toArray(String[]::new));
    }

    /** The official inspector CLI, from the npm registry, into target/ (once per checkout). */
    static Path inspector() throws Exception {
        Path build = INSPECTOR_PREFIX.resolve("node_modules/@modelcontextprotocol/inspector-cli/build");
        if (!Files.exists(build.resolve("index.js"))) {
            // Never inheritIO() in a test JVM: its stdin and stdout are the test runner's command and event
            // channels, and npm writing into them once left the forked runner waiting for an exit that never came.
            Path log = INSPECTOR_PREFIX.resolveSibling("npm-inspector-cli.log");
            Files.createDirectories(INSPECTOR_PREFIX);
            Process npm = new ProcessBuilder("npm", "install", "--prefix", INSPECTOR_PREFIX.toString(), "--no-audit",
                    "--no-fund", "@modelcontextprotocol/inspector-cli@" + INSPECTOR_VERSION)
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start();
            assertThat(npm.waitFor(600, TimeUnit.SECONDS)).isTrue();
            assertThat(npm.exitValue()).as("npm install of the MCP inspector CLI; see %s", log).isZero();
        }
        return build;
    }

    Result inspect(String... args) throws Exception {
        Path wrapper = base.resolve("warden-mcp");
        Files.writeString(wrapper, "#!/bin/sh\nexec '" + String.join("' '", warden("--cwd", project.toString(), "mcp")) + "'\n");
        wrapper.toFile().setExecutable(true);
        List<String> command = new ArrayList<>(List.of("node", "index.js", wrapper.toString()));
        command.addAll(List.of(args));
        // The inspector looks for its package.json relative to the working directory: run it from its build/.
        return run(command, "", inspector());
    }

    @Test
    void theMcpServerPassesTheInspectorCli() throws Exception {
        Result tools = inspect("--method", "tools/list");
        assertThat(tools.exit()).as(tools.toString()).isZero();
        List<?> list = (List<?>) ((Map<?, ?>) Json.parse(tools.out())).get("tools");
        assertThat(list.stream().map(t -> String.valueOf(((Map<?, ?>) t).get("name"))).toList())
                .containsExactlyInAnyOrder("shell", "read_file", "write_file", "apply_patch", "list_dir");
        assertThat(list.toString()).contains("Sandbox: ").contains("Network for commands: off");

        Result allowed = inspect("--method", "tools/call", "--tool-name", "shell", "--tool-arg", "argv=[\"echo\",\"hello from the sandbox\"]");
        assertThat(allowed.exit()).as(allowed.toString()).isZero();
        Map<?, ?> ran = (Map<?, ?>) Json.parse(allowed.out());
        assertThat(ran.get("isError")).isEqualTo(false);
        assertThat(ran.toString()).contains("exit status 0").contains("hello from the sandbox");

        Result denied = inspect("--method", "tools/call", "--tool-name", "shell", "--tool-arg", "script=rm -rf ~");
        Map<?, ?> refused = (Map<?, ?>) Json.parse(denied.out());
        assertThat(refused.get("isError")).isEqualTo(true);
        assertThat(refused.toString()).contains("recursive delete").contains("does not support elicitation");

        Result outside = inspect("--method", "tools/call", "--tool-name", "write_file", "--tool-arg", "path=../outside.txt",
                "content=x");
        assertThat(((Map<?, ?>) Json.parse(outside.out())).get("isError")).isEqualTo(true);
        assertThat(outside.out()).contains("outside the workspace");
        assertThat(base.resolve("outside.txt")).doesNotExist();
    }

    @Test
    void malformedJsonRpcGetsAnErrorAndTheServerStaysUp() throws Exception {
        ProcessBuilder builder = new ProcessBuilder(warden("--cwd", project.toString(), "mcp")).directory(project.toFile());
        builder.environment().putAll(environment());
        Process process = builder.redirectError(ProcessBuilder.Redirect.DISCARD).start();
        try (OutputStream in = process.getOutputStream();
             BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            send(in, "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":\"2025-06-18\","
                    + "\"capabilities\":{},\"clientInfo\":{\"name\":\"it\",\"version\":\"1\"}}}");
            assertThat(out.readLine()).contains("\"id\":1").contains("serverInfo");
            send(in, "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}");
            send(in, "{this is not json");
            assertThat(out.readLine()).contains("\"code\":-32700").contains("\"id\":null");
            send(in, "{\"jsonrpc\":\"1.0\",\"id\":7,\"method\":\"tools/list\"}");
            assertThat(out.readLine()).contains("\"code\":-32600").contains("\"id\":7");
            send(in, "[{\"jsonrpc\":\"2.0\",\"id\":8,\"method\":\"tools/list\"}]");
            assertThat(out.readLine()).contains("\"code\":-32600").contains("batches");
            send(in, "{\"jsonrpc\":\"2.0\",\"id\":9,\"method\":\"tools/list\"}");
            assertThat(out.readLine()).contains("\"id\":9").contains("\"shell\"");
        }
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).isZero();
    }

    private static void send(OutputStream in, String line) throws IOException {
        in.write((line + "\n").getBytes(StandardCharsets.UTF_8));
        in.flush();
    }
}
