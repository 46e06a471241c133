package dev.warden.agents;

import dev.warden.audit.AuditConfig;
import dev.warden.audit.AuditLog;
import dev.warden.audit.OnFailure;
import dev.warden.policy.config.AuditSettings;
import dev.warden.policy.config.EffectiveConfig;
import java.nio.file.Path;
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

    /** The kernel's host name, without a resolver lookup. */
    public static String hostName() {
        try {
            return java.nio.file.Files.readString(Path.of("/proc/sys/kernel/hostname")).strip();
        } catch (java.io.IOException e) {
            return "unknown";
        }
    }
}
