package dev.warden.audit;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * Where the audit store lives and how it behaves; the {@code [audit]} section, plus tuning that tests and
 * benchmarks change.
 *
 * @param database      the SQLite file ({@code [audit] path}, default {@code $WARDEN_HOME/audit.db})
 * @param keyDirectory  where the checkpoint signing key lives ({@code $WARDEN_HOME/keys})
 * @param retentionDays records older than this are pruned, down to the newest checkpoint before the cut
 * @param onFailure     stop the agent or warn when the store fails
 * @param tuning        batching and checkpoint cadence
 */
public record AuditConfig(Path database, Path keyDirectory, int retentionDays, OnFailure onFailure, Tuning tuning) {

    public static final int DEFAULT_RETENTION_DAYS = 30;

    public AuditConfig {
        database = Objects.requireNonNull(database, "database").toAbsolutePath().normalize();
        keyDirectory = Objects.requireNonNull(keyDirectory, "keyDirectory").toAbsolutePath().normalize();
        if (retentionDays < 1) {
            throw new IllegalArgumentException("retention_days must be at least 1, got " + retentionDays);
        }
        Objects.requireNonNull(onFailure, "onFailure");
        Objects.requireNonNull(tuning, "tuning");
    }

    /** The defaults under a Warden home: {@code audit.db} and {@code keys/} there, 30 days, stop on failure. */
    public static AuditConfig defaults(Path wardenHome) {
        return new AuditConfig(wardenHome.resolve("audit.db"), wardenHome.resolve("keys"), DEFAULT_RETENTION_DAYS,
                OnFailure.STOP, Tuning.DEFAULT);
    }

    public AuditConfig withDatabase(Path path) {
        return new AuditConfig(path, keyDirectory, retentionDays, onFailure, tuning);
    }

    public AuditConfig withRetentionDays(int days) {
        return new AuditConfig(database, keyDirectory, days, onFailure, tuning);
    }

    public AuditConfig withOnFailure(OnFailure mode) {
        return new AuditConfig(database, keyDirectory, retentionDays, mode, tuning);
    }

    public AuditConfig withTuning(Tuning newTuning) {
        return new AuditConfig(database, keyDirectory, retentionDays, onFailure, newTuning);
    }

    /**
     * How appends are grouped and how often the head is signed.
     *
     * @param maxBatchWait      how long the writer waits for more events before committing a batch nobody is
     *                          waiting for (a flush commits at once)
     * @param maxBatchSize      most events in one transaction
     * @param queueCapacity     events waiting for the writer before {@code emit} blocks (back-pressure, not loss)
     * @param checkpointRecords sign the head at least every this many records...
     * @param checkpointEvery   ...and at least this often while records arrive (and at every session end)
     * @param maxStoreBytes     a cap on the database size (0: none); reaching it is the same failure as a full
     *                          disk, so an agent cannot fill the disk through the audit trail
     */
    public record Tuning(Duration maxBatchWait, int maxBatchSize, int queueCapacity, long checkpointRecords,
                         Duration checkpointEvery, long maxStoreBytes) {
        public static final Tuning DEFAULT = new Tuning(Duration.ofMillis(1), 4096, 65_536, 1000, Duration.ofSeconds(5), 0);

        public Tuning {
            Objects.requireNonNull(maxBatchWait, "maxBatchWait");
            Objects.requireNonNull(checkpointEvery, "checkpointEvery");
            if (maxBatchSize < 1 || queueCapacity < 1 || checkpointRecords < 1 || maxStoreBytes < 0) {
                throw new IllegalArgumentException("batch size, queue capacity and checkpoint cadence must be positive");
            }
        }

        public Tuning withCheckpointRecords(long records) {
            return new Tuning(maxBatchWait, maxBatchSize, queueCapacity, records, checkpointEvery, maxStoreBytes);
        }

        public Tuning withMaxStoreBytes(long bytes) {
            return new Tuning(maxBatchWait, maxBatchSize, queueCapacity, checkpointRecords, checkpointEvery, bytes);
        }

        public Tuning withMaxBatchWait(Duration wait) {
            return new Tuning(wait, maxBatchSize, queueCapacity, checkpointRecords, checkpointEvery, maxStoreBytes);
        }
    }
}
