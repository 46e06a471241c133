package dev.warden.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.warden.audit.store.VerifyReport;
import dev.warden.core.event.EventBody;
import dev.warden.core.event.SessionRecorder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuditLogTest {
    @TempDir
    Path tmp;

    @Test
    void sessionsAreStoredInOrderChainedAndSignedAtTheEnd() throws SQLException {
        AuditHome home = new AuditHome(tmp);
        List<String> ids = home.writeSessions(3, 10);

        VerifyReport report = home.verify();
        assertThat(report.intact()).as(report.toString()).isTrue();
        long perSession = 1 + 10 + 3 + 7 + 1; // start, decisions, approvals for asks, results for non-denies, end
        assertThat(report.records()).isEqualTo(3 * perSession);
        assertThat(report.unsignedTail()).isZero();
        assertThat(report.checkpoints()).isGreaterThanOrEqualTo(3); // one per session end at least
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + home.database());
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT session_id, type FROM events ORDER BY seq")) {
            List<String> sessions = new ArrayList<>();
            List<String> types = new ArrayList<>();
            while (rs.next()) {
                sessions.add(rs.getString(1));
                types.add(rs.getString(2));
            }
            assertThat(sessions.stream().distinct().toList()).isEqualTo(ids);
            assertThat(types.getFirst()).isEqualTo("warden.session_start");
            assertThat(types.getLast()).isEqualTo("warden.session_end");
        }
        assertThat(home.alarms).isEmpty();
    }

    @Test
    void theStoreAndTheKeyAreOwnerOnly() throws Exception {
        AuditHome home = new AuditHome(tmp.resolve("home"));
        home.writeSessions(1, 1);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(home.database()))).isEqualTo("rw-------");
        Path keys = home.config().keyDirectory();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keys))).isEqualTo("rwx------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keys.resolve("audit-signing.key"))))
                .isEqualTo("rw-------");
    }

    @Test
    void aPrivateKeyOthersCanReadIsRefused() throws Exception {
        AuditHome home = new AuditHome(tmp);
        home.writeSessions(1, 1);
        Path key = home.config().keyDirectory().resolve("audit-signing.key");
        Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-r--r--"));
        assertThatThrownBy(home::open).isInstanceOf(AuditException.class)
                .hasMessageContaining("readable by others").hasMessageContaining("chmod 600 " + key);
    }

    @Test
    void triggersRefuseUpdatesAndDeletes() throws SQLException {
        AuditHome home = new AuditHome(tmp);
        home.writeSessions(1, 2);
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + home.database());
             Statement s = c.createStatement()) {
            assertThatThrownBy(() -> s.executeUpdate("UPDATE events SET record = '{}' WHERE seq = 2"))
                    .hasMessageContaining("append-only");
            assertThatThrownBy(() -> s.executeUpdate("DELETE FROM events WHERE seq = 2"))
                    .hasMessageContaining("append-only");
            assertThatThrownBy(() -> s.executeUpdate("DELETE FROM checkpoints"))
                    .hasMessageContaining("append-only");
        }
        assertThat(home.verify().intact()).isTrue();
    }

    @Test
    void twoWritersOnOneStoreExtendOneChain() throws InterruptedException {
        AuditHome home = new AuditHome(tmp);
        try (AuditLog first = home.open(); AuditLog second = home.open()) {
            List<Thread> threads = new ArrayList<>();
            for (AuditLog log : List.of(first, second)) {
                threads.add(Thread.ofPlatform().start(() -> {
                    for (int s = 0; s < 5; s++) {
                        SessionRecorder session = log.startSession("t", AuditHome.start("agent"));
                        for (int i = 0; i < 40; i++) {
                            AuditHome.toolCall(session, i);
                        }
                        session.end(0, "exited");
                    }
                }));
            }
            for (Thread t : threads) {
                t.join();
            }
        }
        VerifyReport report = home.verify();
        assertThat(report.intact()).as(report.toString()).isTrue();
        assertThat(report.records()).isEqualTo(10 * (1 + 40 + 13 + 27 + 1));
    }

    @Test
    void flushMakesEventsVisibleToAnotherConnection() throws SQLException {
        AuditHome home = new AuditHome(tmp);
        try (AuditLog log = home.open()) {
            SessionRecorder session = log.startSession("t", AuditHome.start("agent"));
            session.emit(new EventBody.ConfigWarning("approval_policy replaced by a requirement"));
            log.flush();
            try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + home.database());
                 Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT count(*) FROM events")) {
                assertThat(rs.getLong(1)).isEqualTo(2);
            }
        }
    }
}
