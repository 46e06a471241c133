package dev.warden.bench.audit;

import dev.warden.audit.AuditConfig;
import dev.warden.audit.AuditLog;
import dev.warden.audit.store.AuditKey;
import dev.warden.audit.store.Verifier;
import dev.warden.audit.store.VerifyReport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;

/**
 * A store of 1,000,000 events (1,000 sessions of 1,000) for the read benchmarks. Made once under {@code $TMPDIR/warden-bench-audit-1m} (a few minutes) and reused by
 * every fork and run while it still verifies.
 */
final class MillionEvents {
    static final int SESSIONS = 1000;
    static final int PER_SESSION = 1000;
    static final long TOTAL = (long) SESSIONS * PER_SESSION;

    final Path home;
    final Path database;
    final AuditKey key;
    final List<String> sessionIds;

    private MillionEvents(Path home) throws Exception {
        this.home = home;
        this.database = home.resolve("audit.db");
        this.key = AuditKey.loadPublic(home.resolve("keys"));
        List<String> ids = new ArrayList<>();
        try (Connection c = dev.warden.audit.store.AuditStore.openForReading(database);
             PreparedStatement s = c.prepareStatement("SELECT DISTINCT session_id FROM events")) {
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getString(1));
                }
            }
        }
        this.sessionIds = List.copyOf(ids);
    }

    static synchronized MillionEvents get() throws Exception {
        Path home = Path.of(System.getProperty("java.io.tmpdir"), "warden-bench-audit-1m");
        Path done = home.resolve("complete");
        if (!Files.exists(done)) {
            build(home);
            Files.writeString(done, "1000000 events\n");
        }
        return new MillionEvents(home);
    }

    private static void build(Path home) throws Exception {
        if (Files.exists(home)) {
            try (var files = Files.walk(home)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
        Files.createDirectories(home);
        System.err.println("bench: building a store of 1,000,000 events in " + home + " (once)");
        try (AuditLog log = AuditLog.open(AuditConfig.defaults(home), message -> {
            throw new IllegalStateException(message);
        })) {
            BenchEvents.sessions(log, SESSIONS, PER_SESSION, 1);
        }
        VerifyReport report = Verifier.verify(home.resolve("audit.db"), AuditKey.loadPublic(home.resolve("keys")));
        if (!report.intact() || report.records() != TOTAL) {
            throw new IllegalStateException("the benchmark store did not come out right: " + report);
        }
    }
}
