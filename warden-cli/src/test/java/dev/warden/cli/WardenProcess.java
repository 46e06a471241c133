package dev.warden.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs the packaged {@code warden} jar as a real process with its own WARDEN_HOME, system dir and
 * working directory, the way a person or an agent would.
 */
final class WardenProcess {
    final Path home;
    final Path system;
    final Path project;

    WardenProcess(Path root) {
        try {
            home = Files.createDirectories(root.resolve("home/.warden"));
            system = Files.createDirectories(root.resolve("etc-warden"));
            project = Files.createDirectories(root.resolve("project"));
            Files.createDirectories(project.resolve(".git"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    record Result(int exit, String out, String err) {
        @Override
        public String toString() {
            return "exit " + exit + "\n--- stdout\n" + out + "--- stderr\n" + err;
        }
    }

    Result run(String... args) {
        return run(Map.of(), args);
    }

    Result run(Map<String, String> extraEnv, String... args) {
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        command.add("--enable-native-access=ALL-UNNAMED");
        command.add("-jar");
        command.add(System.getProperty("warden.jar", "target/warden-cli.jar"));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).directory(project.toFile());
        pb.environment().remove("WARDEN_LAUNCHER"); // starts no daemon
        pb.environment().put("WARDEN_HOME", home.toString());
        pb.environment().put("WARDEN_SYSTEM_DIR", system.toString());
        pb.environment().put("HOME", home.getParent().toString());
        pb.environment().putAll(extraEnv);
        try {
            Process p = pb.start();
            p.getOutputStream().close();
            var out = p.getInputStream();
            var err = p.getErrorStream();
            var errText = new java.util.concurrent.CompletableFuture<String>();
            Thread.ofVirtual().start(() -> {
                try {
                    errText.complete(new String(err.readAllBytes(), StandardCharsets.UTF_8));
                } catch (IOException e) {
                    errText.complete("");
                }
            });
            String outText = new String(out.readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError("warden did not finish: " + command);
            }
            return new Result(p.exitValue(), outText, errText.get(10, TimeUnit.SECONDS));
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    void write(Path file, String text) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
