package dev.warden.cli;

import dev.warden.audit.AuditConfig;
import dev.warden.audit.OnFailure;
import dev.warden.policy.config.AuditSettings;
import dev.warden.policy.config.EffectiveConfig;

/**
 * The audit store a front door writes to, from the effective {@code [audit]} section: the path (default
 * {@code $WARDEN_HOME/audit.db}), retention and failure mode; the signing key always under
 * {@code $WARDEN_HOME/keys}.
 */
final class AuditStoreConfig {
    private AuditStoreConfig() {}

    static AuditConfig of(WardenPaths paths, EffectiveConfig effective) {
        AuditSettings settings = effective.audit();
        AuditConfig config = AuditConfig.defaults(paths.home())
                .withRetentionDays(settings.retentionDays())
                .withOnFailure(switch (settings.onFailure()) {
                    case STOP -> OnFailure.STOP;
                    case WARN -> OnFailure.WARN;
                });
        return settings.path().map(config::withDatabase).orElse(config);
    }
}
