package dev.warden.policy.config;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * The {@code [audit]} section: where the audit store lives, how long records are kept, and what happens
 * to the agent when the store cannot be written.
 *
 * @param path          {@code [audit] path}, absolute ({@code ~/} expanded); empty means {@code $WARDEN_HOME/audit.db}
 * @param retentionDays {@code [audit] retention_days}, at least 1 (default 30)
 * @param onFailure     {@code [audit] on_failure} (default {@code stop}: fail closed)
 */
public record AuditSettings(Optional<Path> path, int retentionDays, OnFailure onFailure) {

    public AuditSettings {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(onFailure, "onFailure");
        if (retentionDays < 1) {
            throw new IllegalArgumentException("retention_days must be at least 1");
        }
    }

    /** Stop the agent when the audit store fails, or keep it running with a loud warning. */
    public enum OnFailure {
        STOP,
        WARN;

        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }

        static List<String> wireNames() {
            return List.of("stop", "warn");
        }
    }
}
