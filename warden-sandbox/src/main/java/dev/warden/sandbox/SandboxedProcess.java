package dev.warden.sandbox;

import java.util.List;

/**
 * A command running in a sandbox: the {@link Process} (its pid is the backend's launcher, killing it
 * kills the sandbox), what the sandbox enforces, and warnings raised while building it (for example
 * a deny-glob scan that stopped at its cap).
 */
public record SandboxedProcess(Process process, Enforcement enforcement, List<String> warnings) {
    public SandboxedProcess {
        warnings = List.copyOf(warnings);
    }

    public int waitFor() throws InterruptedException {
        return process.waitFor();
    }
}
