package dev.warden.audit.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.audit.AuditHome;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code kill -9} at random moments: a writer JVM is killed again and again while it appends, checkpoints
 * and syncs. After every kill the store must verify, and hold every event the writer had acknowledged.
 */
class KillTest {
    @TempDir
    Path tmp;

    @Test
    void killingTheWriterLosesAtMostTheUnacknowledgedBatchAndNeverCorruptsTheStore() throws Exception {
        AuditHome home = new AuditHome(tmp.resolve("home"));
        Random random = new Random(20260301);
        long totalAcked = 0;
        for (int round = 0; round < 6; round++) {
            Process writer = new ProcessBuilder(javaBinary(), "--enable-native-access=ALL-UNNAMED",
                    "-Dorg.sqlite.tmpdir=" + tmp, "-Xshare:auto", "-XX:TieredStopAtLevel=1",
                    "-cp", System.getProperty("java.class.path"),
                    CrashingWriter.class.getName(), home.home.toString(), Long.toString(random.nextLong()))
                    .redirectError(ProcessBuilder.Redirect.INHERIT)
                    .start();
            AtomicReference<String> session = new AtomicReference<>();
            AtomicLong acked = new AtomicLong();
            Thread reader = Thread.ofPlatform().start(() -> {
                try (BufferedReader lines = new BufferedReader(new InputStreamReader(writer.getInputStream(), StandardCharsets.UTF_8))) {
                    for (String line; (line = lines.readLine()) != null; ) {
                        if (line.startsWith("session ")) {
                            session.set(line.substring(8));
                        } else if (line.startsWith("acked ")) {
                            acked.set(Long.parseLong(line.substring(6)));
                        }
                    }
                } catch (java.io.IOException ignored) {
                    // the process died mid-line: what was read is what was acknowledged
                }
            });
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (acked.get() == 0 && System.nanoTime() < deadline && writer.isAlive()) {
                Thread.sleep(5);
            }
            assertThat(acked.get()).as("the writer started and acknowledged something").isPositive();
            Thread.sleep(random.nextInt(250));
            writer.destroyForcibly(); // SIGKILL: no shutdown hooks, no close, no final checkpoint
            assertThat(writer.waitFor(30, TimeUnit.SECONDS)).isTrue();
            reader.join();

            VerifyReport report = home.verify();
            assertThat(report.intact()).as("round %d: %s", round, report).isTrue();
            long stored = countFor(home, session.get());
            assertThat(stored).as("round %d: every acknowledged event survived", round).isGreaterThanOrEqualTo(acked.get());
            totalAcked += acked.get();
        }
        // The store is still usable: a normal writer extends the same chain and signs it.
        List<String> more = home.writeSessions(1, 3);
        VerifyReport last = home.verify();
        assertThat(last.intact()).as(last.toString()).isTrue();
        assertThat(last.unsignedTail()).isZero();
        assertThat(last.records()).isGreaterThanOrEqualTo(totalAcked + 1);
        assertThat(more).hasSize(1);
    }

    private static long countFor(AuditHome home, String session) throws Exception {
        try (Connection c = AuditStore.openForReading(home.database());
             PreparedStatement s = c.prepareStatement("SELECT count(*) FROM events WHERE session_id = ?")) {
            s.setString(1, session);
            try (ResultSet rs = s.executeQuery()) {
                return rs.getLong(1);
            }
        }
    }

    private static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
