package dev.warden.cli;

import dev.warden.audit.AuditException;
import dev.warden.audit.AuditLog;
import dev.warden.core.Action;
import dev.warden.core.Verdict;
import dev.warden.core.event.EventBody;
import dev.warden.core.event.SessionRecorder;
import dev.warden.policy.LoadedPolicy;
import java.nio.file.Path;
import java.util.List;

/**
 * One front-door session in the audit store: start, the policy's decision on the command, its result,
 * end. Opening the store fails closed (`[audit] on_failure = "stop"`, the default): no record, no run.
 */
final class AuditTrail implements AutoCloseable {
    private final AuditLog log;
    private final SessionRecorder session;
    private final long started = System.nanoTime();
    private int exitStatus = ExitCodes.REFUSED;
    private String reason = "refused";

    private AuditTrail(AuditLog log, SessionRecorder session) {
        this.log = log;
        this.session = session;
    }

    static AuditTrail start(WardenCommand root, LoadedPolicy loaded, String frontDoor, List<String> argv, Path cwd) {
        AuditLog log;
        try {
            log = AuditLog.open(AuditStoreConfig.of(root.paths, loaded.config().effective()),
                    message -> System.err.println("warden: audit: " + message));
        } catch (AuditException e) {
            throw new UserError(e.getMessage());
        }
        var effective = loaded.config().effective();
        SessionRecorder session = SessionRecorder.start(log, VersionProvider.version(), new EventBody.SessionStart(
                frontDoor, argv, System.getProperty("user.name", "?"), hostName(), cwd.toString(),
                loaded.config().digest(), effective.sandboxBackend().wireName(), effective.sandboxMode().wireName()));
        loaded.config().warnings().forEach(w -> session.emit(new EventBody.ConfigWarning(w)));
        return new AuditTrail(log, session);
    }

    /** The session's recorder, for the approval router's events. */
    SessionRecorder recorder() {
        return session;
    }

    void decided(Action action, Verdict verdict) {
        session.emit(EventBody.ToolDecision.of(action, verdict));
    }

    /** The command ran and exited with {@code status}; its output went to the terminal, so it is not hashed. */
    void finished(int status) {
        long millis = (System.nanoTime() - started) / 1_000_000;
        session.emit(new EventBody.ToolResult(status, millis, 0, 0, "not-captured"));
        exitStatus = status;
        reason = "exited";
    }

    @Override
    public void close() {
        try {
            session.end(exitStatus, reason);
        } finally {
            log.close();
        }
    }

    /** The kernel's host name: no resolver lookup on the way to running a command. */
    private static String hostName() {
        try {
            return java.nio.file.Files.readString(Path.of("/proc/sys/kernel/hostname")).strip();
        } catch (java.io.IOException e) {
            return "unknown";
        }
    }
}
