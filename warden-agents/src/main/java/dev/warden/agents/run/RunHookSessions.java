package dev.warden.agents.run;

import dev.warden.agents.PolicySnapshot;
import dev.warden.agents.hook.HookPayload;
import dev.warden.agents.hook.HookSessions;
import dev.warden.core.event.SessionRecorder;
import java.util.Objects;
import java.util.function.Function;

/**
 * Hook calls recorded in the audit session of the {@code warden run} that started Claude Code: the agent's start,
 * its tool decisions and results and its end share one session. Claude Code's own {@code SessionEnd} does not end
 * it (a {@code /clear} starts another Claude Code session in the same run); {@code warden run} ends it with the
 * agent's exit status.
 */
public final class RunHookSessions implements HookSessions {
    private final SessionRecorder recorder;

    public RunHookSessions(SessionRecorder recorder) {
        this.recorder = Objects.requireNonNull(recorder, "recorder");
    }

    @Override
    public <T> T within(HookPayload payload, PolicySnapshot snapshot, Function<SessionRecorder, T> work) {
        return work.apply(recorder);
    }
}
