package dev.warden.agents.hook;

import dev.warden.agents.AuditSinks;
import dev.warden.agents.PolicySnapshot;
import dev.warden.audit.AuditConfig;
import dev.warden.audit.AuditLog;
import dev.warden.core.event.SessionRecorder;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The daemon's hook sessions: one audit session per Claude Code session, opened at its first event and ended at
 * {@code SessionEnd} (or when the daemon stops), and one open audit store per database path.
 */
public final class LiveHookSessions implements HookSessions, AutoCloseable {
    private final String wardenVersion;
    private final Consumer<String> alarm;
    private final Map<Path, AuditLog> stores = new ConcurrentHashMap<>();
    private final Map<String, SessionRecorder> sessions = new ConcurrentHashMap<>();

    public LiveHookSessions(String wardenVersion, Consumer<String> alarm) {
        this.wardenVersion = wardenVersion;
        this.alarm = alarm;
    }

    @Override
    public <T> T within(HookPayload payload, PolicySnapshot snapshot, Function<SessionRecorder, T> work) {
        AuditConfig config = AuditSinks.config(snapshot.wardenHome(), snapshot.loaded().config().effective());
        AuditLog log = stores.computeIfAbsent(config.database(), ignored -> AuditLog.open(config, alarm));
        String key = config.database() + "\n" + payload.sessionId();
        SessionRecorder session = sessions.computeIfAbsent(key,
                ignored -> SessionRecorder.start(log, wardenVersion, OneShotHookSessions.start(payload, snapshot)));
        T result = work.apply(session);
        if (payload.event() == HookEvent.SESSION_END) {
            sessions.remove(key);
            String reason = payload.field("reason").map(Object::toString).orElse("other");
            session.end(0, "claude-code:" + reason);
        }
        return result;
    }

    /** Sessions still open. */
    public int openSessions() {
        return sessions.size();
    }

    @Override
    public void close() {
        sessions.values().forEach(session -> {
            try {
                session.end(0, "daemon-stopped");
            } catch (RuntimeException e) {
                alarm.accept("could not end a session: " + e.getMessage());
            }
        });
        sessions.clear();
        stores.values().forEach(AuditLog::close);
        stores.clear();
    }
}
