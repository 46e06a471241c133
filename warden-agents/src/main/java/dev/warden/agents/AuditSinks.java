package dev.warden.agents;

import dev.warden.audit.AuditConfig;
import dev.warden.audit.AuditLog;
import dev.warden.audit.OnFailure;
import dev.warden.policy.config.AuditSettings;
import dev.warden.policy.config.EffectiveConfig;
import dev.warden.core.event.EventBody;
import dev.warden.core.event.EventSink;
import dev.warden.core.event.SessionRecorder;
import dev.warden.policy.LoadedPolicy;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;

/**
 * Opens the audit store a front door writes to, from the effective {@code [audit]} section: the database
 * (default {@code $WARDEN_HOME/audit.db}), retention and failure mode, the signing keys under
 * {@code $WARDEN_HOME/keys}. The same resolution as the CLI's {@code exec} and {@code run}.
 */
public final class AuditSinks {
    private AuditSinks() {}

    /** @throws dev.warden.audit.AuditException when the store cannot be opened (the caller fails closed) */
    public static AuditLog open(Path wardenHome, EffectiveConfig effective, Consumer<String> alarm) {
        return AuditLog.open(config(wardenHome, effective), alarm);
    }

    public static AuditConfig config(Path wardenHome, EffectiveConfig effective) {
        AuditSettings settings = effective.audit();
        AuditConfig config = AuditConfig.defaults(wardenHome)
                .withRetentionDays(settings.retentionDays())
                .withOnFailure(switch (settings.onFailure()) {
                    case STOP -> OnFailure.STOP;
                    case WARN -> OnFailure.WARN;
                });
        return settings.path().map(config::withDatabase).orElse(config);
    }

    /**
     * Starts the audit session of one {@code exec} or {@code run}: who ran what where, under which configuration
     * (digest, backend, sandbox mode), then the configuration's warnings. The same record whether the command was
     * started by its own process or handed off by the daemon.
     */
    public static SessionRecorder startSession(EventSink sink, String wardenVersion, String frontDoor,
            List<String> argv, Path cwd, LoadedPolicy loaded) {
        EffectiveConfig effective = loaded.config().effective();
        SessionRecorder session = SessionRecorder.start(sink, wardenVersion, new EventBody.SessionStart(frontDoor, argv,
                System.getProperty("user.name", "?"), hostName(), cwd.toString(), loaded.config().digest(),
                effective.sandboxBackend().wireName(), effective.sandboxMode().wireName()));
        loaded.config().warnings().forEach(w -> session.emit(new EventBody.ConfigWarning(w)));
        return session;
    }

    /** The kernel's host name, without a resolver lookup. */
    public static String hostName() {
        try {
            return java.nio.file.Files.readString(Path.of("/proc/sys/kernel/hostname")).strip();
        } catch (java.io.IOException e) {
            return "unknown";
        }
    }
}
