package dev.warden.proxy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** Runs real client programs (curl, git) with no proxy or credential inherited from the machine. */
final class Tools {
    private Tools() {}

    record Result(int exit, String out, String err) {
        @Override
        public String toString() {
            return "exit " + exit + "\n--- stdout\n" + out + "--- stderr\n" + err;
        }
    }

    static boolean onPath(String program) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (!dir.isEmpty() && java.nio.file.Files.isExecutable(Path.of(dir, program))) {
                return true;
            }
        }
        return false;
    }

    static Result run(Path cwd, Map<String, String> extraEnv, String... argv) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(argv).directory(cwd.toFile());
        Map<String, String> env = builder.environment();
        for (String name : new ArrayList<>(env.keySet())) {
            String lower = name.toLowerCase(java.util.Locale.ROOT);
            if (lower.endsWith("_proxy") || lower.startsWith("git_") || lower.startsWith("curl")) {
                env.remove(name);
            }
        }
        env.put("GIT_TERMINAL_PROMPT", "0");
        env.put("GIT_CONFIG_NOSYSTEM", "1");
        env.put("HOME", cwd.toString());
        env.putAll(extraEnv);
        Process process = builder.start();
        CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> read(process.getInputStream()));
        CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> read(process.getErrorStream()));
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException(String.join(" ", argv) + " did not finish in 60 s");
        }
        return new Result(process.exitValue(), out.join(), err.join());
    }

    static Result curl(Path cwd, String... args) throws IOException, InterruptedException {
        List<String> argv = new ArrayList<>(List.of("curl", "-sS", "--max-time", "30", "-q"));
        argv.addAll(List.of(args));
        return run(cwd, Map.of(), argv.toArray(String[]::new));
    }

    private static String read(java.io.InputStream in) {
        try {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }
}
