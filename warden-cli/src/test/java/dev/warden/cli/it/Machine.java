package dev.warden.cli.it;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A throw-away machine for one test: its own {@code WARDEN_HOME}, {@code WARDEN_SYSTEM_DIR}, fake
 * {@code HOME}, a git workspace and a directory outside it, all under {@code target/it/} (not {@code /tmp}:
 * every sandbox replaces {@code /tmp} with a private one, which would hide the fixtures for the wrong
 * reason). Runs the packaged {@code target/warden-cli.jar} with the JVM running the tests.
 */
final class Machine {
    static final Path MODULE = Path.of(System.getProperty("basedir", "")).toAbsolutePath();
    static final Path JAR = Path.of(System.getProperty("warden.jar", MODULE.resolve("target/warden-cli.jar").toString()));

    final Path base;
    final Path wardenHome;
    final Path systemDir;
    final Path home;
    final Path workspace;
    final Path outside;
    final Map<String, String> env = new HashMap<>(System.getenv());

    private Machine(Path base) throws IOException {
        this.base = base;
        this.wardenHome = Files.createDirectories(base.resolve("warden-home"));
        this.systemDir = Files.createDirectories(base.resolve("etc-warden"));
        this.home = Files.createDirectories(base.resolve("home"));
        this.workspace = Files.createDirectories(base.resolve("ws"));
        this.outside = Files.createDirectories(base.resolve("outside"));
        env.put("WARDEN_HOME", wardenHome.toString());
        env.put("WARDEN_SYSTEM_DIR", systemDir.toString());
        env.put("HOME", home.toString());
        for (String secret : List.of("GITHUB_TOKEN", "AWS_SECRET_ACCESS_KEY", "SSH_AUTH_SOCK", "BASH_ENV")) {
            env.remove(secret);
        }
        env.remove("WARDEN_LAUNCHER"); // no test starts a daemon it did not ask for (AgentsIT.execAutostart does)
    }

    /** A machine whose user configuration lets commands write the workspace (an untrusted project is read-only). */
    static Machine create(String name) {
        try {
            Path base = Files.createDirectories(MODULE.resolve("target/it"))
                    .resolve(name + "-" + ProcessHandle.current().pid() + "-" + System.nanoTime());
            Machine machine = new Machine(Files.createDirectories(base));
            machine.userConfig("sandbox_mode = \"workspace-write\"\n");
            Result git = machine.exec(List.of("git", "init", "-q", machine.workspace.toString()), Map.of(), "");
            if (git.exit() != 0) {
                throw new IllegalStateException("git init failed: " + git);
            }
            return machine;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Machine userConfig(String toml) {
        return write(wardenHome.resolve("config.toml"), toml);
    }

    Machine requirements(String toml) {
        return write(systemDir.resolve("requirements.toml"), toml);
    }

    Machine write(Path file, String text) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, text);
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code java ... -jar warden-cli.jar ARGS}, as the launcher runs it (without the AOT cache). */
    static List<String> warden(String... args) {
        List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
                "--enable-native-access=ALL-UNNAMED", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xshare:auto",
                "-jar", JAR.toString()));
        command.addAll(List.of(args));
        return command;
    }

    /** Runs warden in the workspace with this machine's environment. */
    Result run(String... args) {
        return exec(warden(args), Map.of(), "");
    }

    Result runWith(Map<String, String> extraEnv, String... args) {
        return exec(warden(args), extraEnv, "");
    }

    Process start(List<String> command, Map<String, String> extraEnv) {
        ProcessBuilder pb = new ProcessBuilder(command).directory(workspace.toFile());
        pb.environment().clear();
        pb.environment().putAll(env);
        pb.environment().putAll(extraEnv);
        try {
            return pb.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Result exec(List<String> command, Map<String, String> extraEnv, String stdin) {
        Process process = start(command, extraEnv);
        try {
            process.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
            process.getOutputStream().close();
            return Result.of(process, 60);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static volatile Long landlockAbi;

    /** The Landlock ABI this host offers, as {@code warden doctor --json} reports it (asked once). */
    @SuppressWarnings("unchecked")
    static long landlockAbi() {
        if (landlockAbi == null) {
            Result doctor = create("probe").run("doctor", "--json");
            Map<String, Object> json = (Map<String, Object>) dev.warden.core.json.Json.parse(doctor.out());
            landlockAbi = ((Number) ((Map<String, Object>) json.get("host")).get("landlock_abi")).longValue();
        }
        return landlockAbi;
    }

    static Path resource(String name) {
        try {
            return Path.of(Machine.class.getResource("/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A finished process: exit status and both streams. */
    record Result(int exit, String out, String err) {
        static Result of(Process process, int timeoutSeconds) {
            CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> drain(process.getInputStream()));
            CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> drain(process.getErrorStream()));
            try {
                if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                    process.descendants().forEach(ProcessHandle::destroyForcibly);
                    process.destroyForcibly();
                    throw new AssertionError("timed out after " + timeoutSeconds + " s; stderr so far: " + err.getNow(""));
                }
                return new Result(process.exitValue(), out.join(), err.join());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }

        @Override
        public String toString() {
            return "exit " + exit + "\n--- stdout\n" + out + "--- stderr\n" + err;
        }
    }

    static String drain(InputStream in) {
        try {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
