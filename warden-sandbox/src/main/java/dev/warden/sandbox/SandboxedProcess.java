package dev.warden.sandbox;

import dev.warden.sandbox.spawn.Signals;

import java.util.List;
import java.util.OptionalLong;

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

    /**
     * Delivers {@code signal} to the sandboxed command's process group, as a terminal delivers ^C to
     * its foreground group. The command runs in a session of its own (no way to push keystrokes into
     * the user's terminal), so the terminal's signals reach only Warden, which forwards them here.
     * Before the command has started, the launcher itself gets the signal, which ends the sandbox.
     *
     * @return false when there was nothing left to signal
     */
    public boolean signal(int signal) {
        if (!process.isAlive()) {
            return false;
        }
        OptionalLong group = CommandGroup.of(process, enforcement.namespaces());
        OptionalLong own = CommandGroup.groupOf(ProcessHandle.current().pid());
        if (group.isPresent() && group.getAsLong() > 1 && !group.equals(own)) {
            return Signals.sendToGroup(group.getAsLong(), signal);
        }
        return Signals.send(process.pid(), signal);
    }
}
