package dev.warden.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.warden.audit.store.VerifyReport;
import dev.warden.core.event.EventBody;
import dev.warden.core.event.SessionRecorder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A full disk or a read-only store is never silent: it stops the agent, or (by configuration) warns and counts. */
class StoreFailureTest {
    @TempDir
    Path tmp;

    private Path immutable;

    @Test
    void aFullStoreStopsTheAgentByDefault() {
        AuditHome home = fullAfter64KiB(OnFailure.STOP);
        try (AuditLog log = home.open()) {
            SessionRecorder session = log.startSession("t", AuditHome.start("agent"));
            assertThatThrownBy(() -> {
                for (int i = 0; i < 10_000; i++) {
                    session.emit(bulky(i));
                    if (i % 50 == 0) {
                        log.flush();
                    }
                }
            }).isInstanceOf(AuditException.class).hasMessageContaining("disk full").hasMessageContaining(home.database().toString());
            assertThatThrownBy(() -> session.emit(bulky(-1))).isInstanceOf(AuditException.class);
            assertThat(log.failure()).isPresent();
        }
        assertThat(home.alarms).hasSize(2);
        assertThat(home.alarms.getFirst()).contains("disk full").contains("stopping the agent").doesNotContain("\n");
        assertThat(home.alarms.get(1)).contains("were not recorded");
        VerifyReport report = home.verify();
        assertThat(report.intact()).as("a failed append leaves the store as it was: " + report).isTrue();
    }

    @Test
    void aFullStoreWithWarnKeepsGoingAndCountsWhatItDropped() {
        AuditHome home = fullAfter64KiB(OnFailure.WARN);
        long emitted = 0;
        try (AuditLog log = home.open()) {
            SessionRecorder session = log.startSession("t", AuditHome.start("agent"));
            emitted++;
            for (int i = 0; i < 2_000; i++) {
                session.emit(bulky(i));
                emitted++;
            }
            log.flush(); // does not throw under warn
            assertThat(log.dropped()).isPositive();
        }
        assertThat(home.alarms).hasSize(2);
        assertThat(home.alarms.get(0)).contains("disk full").contains("WITHOUT an audit trail");
        assertThat(home.alarms.get(1)).matches("\\d+ audit event\\(s\\) were not recorded in .*");
        VerifyReport report = home.verify();
        assertThat(report.intact()).isTrue();
        assertThat(report.records()).isLessThan(emitted);
    }

    @Test
    void aReadOnlyStoreIsAClearErrorWhenOpening() throws Exception {
        AuditHome home = new AuditHome(tmp);
        home.writeSessions(1, 1);
        makeReadOnly(home.database());
        assertThatThrownBy(home::open).isInstanceOf(AuditException.class)
                .hasMessageContaining(home.database().toString()).hasMessageContaining("read-only")
                .hasMessageNotContaining("\n");
    }

    @Test
    void aReadOnlyStoreWithWarnRunsWithoutAnAuditTrailAndSaysSo() throws Exception {
        AuditHome home = new AuditHome(tmp);
        home.writeSessions(1, 1);
        makeReadOnly(home.database());
        home.with(home.config().withOnFailure(OnFailure.WARN));
        try (AuditLog log = home.open()) {
            SessionRecorder session = log.startSession("t", AuditHome.start("agent"));
            session.emit(new EventBody.ConfigWarning("x"));
            session.end(0, "exited");
            assertThat(log.dropped()).isEqualTo(3);
        }
        assertThat(home.alarms).hasSize(2);
        assertThat(home.alarms.get(0)).contains("read-only").contains("WITHOUT an audit trail");
        assertThat(home.alarms.get(1)).startsWith("3 audit event(s) were not recorded");
    }

    @Test
    void aStorePathUnderAFileIsAClearError() throws IOException {
        Path file = Files.writeString(tmp.resolve("not-a-dir"), "x");
        AuditHome home = new AuditHome(tmp).with(AuditConfig.defaults(tmp).withDatabase(file.resolve("audit.db")));
        assertThatThrownBy(home::open).isInstanceOf(AuditException.class)
                .hasMessageContaining("cannot create the audit store " + file.resolve("audit.db"));
    }

    private AuditHome fullAfter64KiB(OnFailure mode) {
        AuditHome home = new AuditHome(tmp);
        return home.with(home.config().withOnFailure(mode)
                .withTuning(AuditConfig.Tuning.DEFAULT.withMaxStoreBytes(64 * 1024)));
    }

    private static EventBody bulky(int i) {
        return new EventBody.ConfigWarning("warning " + i + " " + "w".repeat(400));
    }

    /**
     * Permissions do not bind root, so as root the file is made immutable instead (chattr +i); where
     * neither works the test cannot make a read-only store and is skipped.
     */
    private void makeReadOnly(Path database) throws Exception {
        Files.setPosixFilePermissions(database, PosixFilePermissions.fromString("r--r--r--"));
        Files.setPosixFilePermissions(database.getParent(), PosixFilePermissions.fromString("r-xr-xr-x"));
        if (Files.isWritable(database)) {
            Files.setPosixFilePermissions(database.getParent(), PosixFilePermissions.fromString("rwx------"));
            Process chattr = new ProcessBuilder("chattr", "+i", database.toString()).redirectErrorStream(true).start();
            boolean ok = chattr.waitFor() == 0;
            assumeTrue(ok, "running as root without chattr +i: cannot make a read-only store here");
            immutable = database;
        }
    }

    @AfterEach
    void restore() throws Exception {
        if (immutable != null) {
            new ProcessBuilder("chattr", "-i", immutable.toString()).start().waitFor();
        }
        Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rwx------"));
    }
}
