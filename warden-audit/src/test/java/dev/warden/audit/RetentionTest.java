package dev.warden.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.warden.audit.store.VerifyReport;
import dev.warden.core.event.SessionRecorder;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Random;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RetentionTest {
    @TempDir
    Path tmp;

    final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-01-01T00:00:00Z"));
    final InstantSource clock = now::get;
    final Random ids = new Random(11);

    @Test
    void pruningKeepsTheChainVerifiableFromTheOldestKeptCheckpoint() throws Exception {
        AuditHome home = new AuditHome(tmp); // retention_days = 30
        writeSessionsOnDay(home, 0, 2);   // records 1-44
        writeSessionsOnDay(home, 20, 2);  // records 45-88
        writeSessionsOnDay(home, 45, 1);  // opening on day 45 prunes what was signed before day 15

        VerifyReport report = home.verify();
        assertThat(report.intact()).as(report.toString()).isTrue();
        assertThat(report.firstSeq()).isEqualTo(45);
        assertThat(report.lastSeq()).isEqualTo(110);
        assertThat(report.records()).isEqualTo(66);

        writeSessionsOnDay(home, 55, 0);  // day 55 prunes what was signed before day 25
        report = home.verify();
        assertThat(report.intact()).as(report.toString()).isTrue();
        assertThat(report.firstSeq()).isEqualTo(89);

        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + home.database()); Statement s = c.createStatement()) {
            assertThatThrownBy(() -> s.executeUpdate("DELETE FROM events WHERE seq = 89"))
                    .as("the guards are back after pruning").hasMessageContaining("append-only");
        }
        // Deleting from the front beyond what retention did leaves records no checkpoint anchors.
        try (Connection c = home.tamper(); Statement s = c.createStatement()) {
            s.executeUpdate("DELETE FROM events WHERE seq = 89");
        }
        assertThat(home.verify().problem()).get().satisfies(p -> {
            assertThat(p.seq()).isEqualTo(89);
            assertThat(p.kind()).isEqualTo(VerifyReport.Kind.DELETED);
        });
    }

    @Test
    void nothingIsPrunedWithinTheRetentionPeriod() {
        AuditHome home = new AuditHome(tmp);
        home.with(home.config().withRetentionDays(90));
        writeSessionsOnDay(home, 0, 2);
        writeSessionsOnDay(home, 60, 1);
        assertThat(home.verify().firstSeq()).isEqualTo(1);
    }

    private void writeSessionsOnDay(AuditHome home, int day, int sessions) {
        now.set(Instant.parse("2026-01-01T00:00:00Z").plus(Duration.ofDays(day)));
        try (AuditLog log = AuditLog.open(home.config(), home.alarms::add, clock)) {
            for (int s = 0; s < sessions; s++) {
                SessionRecorder session = SessionRecorder.start(log, "t", clock, ids, AuditHome.start("a"));
                for (int i = 0; i < 10; i++) {
                    AuditHome.toolCall(session, i);
                }
                session.end(0, "exited");
            }
        }
        assertThat(home.alarms).isEmpty();
    }
}
