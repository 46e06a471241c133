package dev.warden.sandbox;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * What to run. {@code environment} is exactly what the command sees (already filtered by the
 * caller); the backend adds {@code WARDEN_SANDBOX=1} and a private {@code TMPDIR}, and never uses
 * it for its own host-side processes.
 */
public record SandboxCommand(List<String> argv, Path cwd, Map<String, String> environment) {
    public SandboxCommand {
        argv = List.copyOf(argv);
        environment = Map.copyOf(environment);
        if (argv.isEmpty()) {
            throw new IllegalArgumentException("a sandboxed command needs at least a program name");
        }
        if (!cwd.isAbsolute()) {
            throw new IllegalArgumentException("working directory must be absolute: " + cwd);
        }
    }
}
