package dev.warden.cli;

import dev.warden.agents.AuditSinks;
import dev.warden.audit.AuditLog;
import dev.warden.agents.session.NetworkAudit;
import dev.warden.core.Action;
import dev.warden.core.Verdict;
import dev.warden.audit.otel.OtelExporter;
import dev.warden.audit.otel.OtelSettings;
import dev.warden.core.event.EventBody;
import dev.warden.core.event.EventSink;
import dev.warden.core.event.SessionRecorder;
import dev.warden.policy.LoadedPolicy;
import dev.warden.proxy.NetworkEvent;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * One front-door session in the audit store: start, the policy's decision on the command, its result,
 * end. Opening the store fails closed (`[audit] on_failure = "stop"`, the default): no record, no run.
 */
final class AuditTrail implements AutoCloseable {
    /** How long exec and run wait at exit for a slow or unreachable collector before reporting what was lost. */
    private static final java.time.Duration COLLECTOR_WAIT = java.time.Duration.ofSeconds(2);

    private final AuditLog log;
    private final Optional<OtelExporter> otel;
    private final SessionRecorder session;
    private final long started = System.nanoTime();
    private int exitStatus = ExitCodes.REFUSED;
    private String reason = "refused";

    private AuditTrail(AuditLog log, Optional<OtelExporter> otel, SessionRecorder session) {
        this.log = log;
        this.otel = otel;
        this.session = session;
    }

    static AuditTrail start(WardenCommand root, LoadedPolicy loaded, String frontDoor, List<String> argv, Path cwd) {
        // The collector gets a copy when [otel] names one; the store stays the source of truth and is written first.
        OtelSettings otelSettings;
        try {
            otelSettings = OtelSettings.parse(loaded.config().effective().otel());
        } catch (IllegalArgumentException e) {
            throw new UserError("configuration: " + e.getMessage());
        }
        // With on_failure = "stop", an AuditException from here or from any later record reaches Main, which
        // stops with one line and exit status 3.
        AuditLog log = AuditLog.open(AuditStoreConfig.of(root.paths, loaded.config().effective()),
                message -> System.err.println("warden: audit: " + message));
        Optional<OtelExporter> otel = otelSettings.enabled()
                ? Optional.of(OtelExporter.start(otelSettings, VersionProvider.version(),
                        message -> System.err.println("warden: otel: " + message), COLLECTOR_WAIT))
                : Optional.empty();
        EventSink sink = otel.<EventSink>map(exporter -> EventSink.all(List.of(log, exporter))).orElse(log);
        SessionRecorder session = AuditSinks.startSession(sink, VersionProvider.version(), frontDoor, argv, cwd, loaded);
        return new AuditTrail(log, otel, session);
    }

    String sessionId() {
        return session.sessionId();
    }

    /** An egress proxy event (a connection decided or closed); called on the proxy's connection threads. */
    void network(NetworkEvent event) {
        session.emit(NetworkAudit.body(event));
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
            try {
                log.close();
            } finally {
                otel.ifPresent(OtelExporter::close);
            }
        }
    }
}
