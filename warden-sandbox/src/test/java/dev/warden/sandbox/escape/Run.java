package dev.warden.sandbox.escape;

import dev.warden.sandbox.SandboxBackend;
import dev.warden.sandbox.SandboxCommand;
import dev.warden.sandbox.SandboxException;
import dev.warden.sandbox.SandboxPolicy;
import dev.warden.sandbox.SandboxedProcess;
import dev.warden.sandbox.Stdio;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** One finished sandboxed command: exit status and both output streams. */
public record Run(int exit, String out, String err, List<String> warnings) {
    public static Run of(SandboxBackend backend, SandboxPolicy policy, Path cwd, Map<String, String> env,
            String... argv) {
        try {
            SandboxedProcess sp = backend.launch(policy, new SandboxCommand(List.of(argv), cwd, env), Stdio.pipes());
            Process p = sp.process();
            p.getOutputStream().close();
            CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> drain(p.getErrorStream()));
            String out = drain(p.getInputStream());
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError("sandboxed command timed out: " + List.of(argv));
            }
            return new Run(p.exitValue(), out, err.join(), sp.warnings());
        } catch (SandboxException e) {
            throw new AssertionError("sandbox refused: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static String drain(java.io.InputStream in) {
        try {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public String toString() {
        return "exit " + exit + "\n--- stdout\n" + out + "--- stderr\n" + err;
    }
}
