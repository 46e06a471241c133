package dev.warden.agents.hook;

import java.util.Objects;

/**
 * What {@code warden hook claude-code} answers: its exit status, standard output and standard error. The
 * daemon returns the same three over its socket, and the same stdout as the body of an HTTP hook.
 */
public record HookAnswer(int exitStatus, String stdout, String stderr) {
    /** Claude Code's blocking status: for PreToolUse the call is refused, with stderr as the reason. */
    public static final int BLOCK = 2;

    public HookAnswer {
        Objects.requireNonNull(stdout, "stdout");
        Objects.requireNonNull(stderr, "stderr");
    }

    /** Exit 0, nothing printed: the event is recorded, Claude Code goes on as it would without the hook. */
    public static HookAnswer silent() {
        return new HookAnswer(0, "", "");
    }

    /** Fail closed: exit 2 with the reason on stderr, which Claude Code shows as the blocking reason. */
    public static HookAnswer failClosed(String reason) {
        return new HookAnswer(BLOCK, "", "warden: " + reason + "\n");
    }

    public boolean failedClosed() {
        return exitStatus == BLOCK;
    }
}
