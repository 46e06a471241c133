package dev.warden.agents.hook;

import dev.warden.agents.AuditSinks;
import dev.warden.agents.PolicySnapshot;
import dev.warden.audit.AuditLog;
import dev.warden.core.event.EventBody;
import dev.warden.core.event.SessionRecorder;
import java.io.PrintStream;
import java.util.List;
import java.util.function.Function;

/** Standalone hooks: each call opens the audit store, records one short session ({@code front_door = hook}), closes it. */
public final class OneShotHookSessions implements HookSessions {
    private final String wardenVersion;
    private final PrintStream alarms;

    public OneShotHookSessions(String wardenVersion, PrintStream alarms) {
        this.wardenVersion = wardenVersion;
        this.alarms = alarms;
    }

    @Override
    public <T> T within(HookPayload payload, PolicySnapshot snapshot, Function<SessionRecorder, T> work) {
        var effective = snapshot.loaded().config().effective();
        try (AuditLog log = AuditSinks.open(snapshot.wardenHome(), effective,
                message -> alarms.println("warden: audit: " + message))) {
            SessionRecorder session = SessionRecorder.start(log, wardenVersion, start(payload, snapshot));
            T result = work.apply(session);
            session.end(0, "hook-call");
            return result;
        }
    }

    static EventBody.SessionStart start(HookPayload payload, PolicySnapshot snapshot) {
        var effective = snapshot.loaded().config().effective();
        return new EventBody.SessionStart("hook", List.of("claude-code", payload.sessionId()),
                System.getProperty("user.name", "?"), AuditSinks.hostName(), payload.cwd().toString(),
                snapshot.loaded().config().digest(), effective.sandboxBackend().wireName(),
                effective.sandboxMode().wireName());
    }
}
