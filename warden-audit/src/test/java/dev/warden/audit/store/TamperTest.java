package dev.warden.audit.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.audit.AuditHome;
import dev.warden.audit.store.VerifyReport.Kind;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.Signature;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each test damages the database the way someone with the file could (plain JDBC with the triggers
 * dropped, or bytes edited on disk) and checks that verify names the first bad record.
 * The store: 4 sessions of 22 records each, a checkpoint signed at every session end (22, 44, 66, 88).
 */
class TamperTest {
    @TempDir
    Path tmp;

    AuditHome home;

    @BeforeEach
    void fill() {
        home = new AuditHome(tmp);
        home.writeSessions(4, 10);
        for (int workers : new int[] {1, 3}) {
            VerifyReport clean = Verifier.verify(home.database(), AuditKey.loadPublic(home.config().keyDirectory()), workers, 10);
            assertThat(clean.intact()).as(clean.toString()).isTrue();
            assertThat(clean.records()).isEqualTo(88);
            assertThat(clean.lastSignedSeq()).isEqualTo(88);
        }
    }

    @Test
    void modifiedRecord() throws SQLException {
        sql("UPDATE events SET record = replace(record, 'change', 'chAnge') WHERE seq = 30");
        assertProblem(30, Kind.MODIFIED);
    }

    @Test
    void modifiedBytesInTheFile() throws Exception {
        byte[] file = Files.readAllBytes(home.database());
        byte[] needle = "\"agent-2\"".getBytes(StandardCharsets.UTF_8);
        int at = indexOf(file, needle);
        assertThat(at).as("the record is in the main database file").isPositive();
        assertThat(indexOf(file, needle, at + 1)).isEqualTo(-1);
        file[at + 7] = '9'; // agent-2 -> agent-9, same length, still valid JSON
        Files.write(home.database(), file);
        assertProblem(45, Kind.MODIFIED); // session 3 starts at record 45
    }

    @Test
    void deletedRecord() throws SQLException {
        sql("DELETE FROM events WHERE seq = 30");
        assertProblem(30, Kind.DELETED);
    }

    @Test
    void deletedRecordWithTheRestRenumbered() throws SQLException {
        sql("DELETE FROM events WHERE seq = 30");
        sql("UPDATE events SET seq = -(seq - 1) WHERE seq > 30");
        sql("UPDATE events SET seq = -seq WHERE seq < 0");
        assertProblem(30, null);
    }

    @Test
    void insertedRecordWithAMadeUpHash() throws SQLException {
        insertAt(30, record(29).replace("\"decision\":\"allow\"", "\"decision\":\"deny\""), new byte[32]);
        assertProblem(30, Kind.INSERTED);
    }

    @Test
    void insertedRecordThatChainsCorrectlyFromItsPredecessor() throws Exception {
        String forged = record(29).replace("git", "gjt");
        insertAt(30, forged, sha(hash(29), forged));
        // It chains from 29, but record 31 (the old 30) no longer chains from it, and its session repeats a number.
        assertProblem(30, null);
    }

    @Test
    void reorderedRecords() throws SQLException {
        sql("UPDATE events SET seq = -1 WHERE seq = 30");
        sql("UPDATE events SET seq = 30 WHERE seq = 31");
        sql("UPDATE events SET seq = 31 WHERE seq = -1");
        assertProblem(30, Kind.REORDERED);
    }

    @Test
    void truncatedTail() throws SQLException {
        sql("DELETE FROM events WHERE seq > 70");
        assertProblem(71, Kind.TRUNCATED);
    }

    @Test
    void truncatedTailWithItsCheckpointsDeletedIsCaughtByTheHeadKeptOutside() throws SQLException {
        sql("DELETE FROM events WHERE seq > 70");
        sql("DELETE FROM checkpoints WHERE seq > 70");
        assertProblem(71, Kind.TRUNCATED);
    }

    @Test
    void forgedCheckpointWithAGarbageSignature() throws SQLException {
        try (Connection c = home.tamper();
             PreparedStatement insert = c.prepareStatement("INSERT INTO checkpoints VALUES (?, ?, ?, ?, ?)")) {
            insert.setLong(1, 50);
            insert.setBytes(2, hash(50));
            insert.setString(3, "2026-01-01T00:00:00.000000Z");
            insert.setString(4, AuditKey.loadPublic(home.config().keyDirectory()).id());
            byte[] garbage = new byte[64];
            new Random(3).nextBytes(garbage);
            insert.setBytes(5, garbage);
            insert.executeUpdate();
        }
        assertProblem(50, Kind.FORGED_CHECKPOINT);
    }

    @Test
    void checkpointWithAnAlteredHeadHash() throws SQLException {
        sql("UPDATE checkpoints SET head_hash = zeroblob(32) WHERE seq = 44");
        assertProblem(44, Kind.FORGED_CHECKPOINT);
    }

    @Test
    void checkpointSignedWithTheAttackersOwnKey() throws Exception {
        var attacker = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        String keyId = AuditKey.loadPublic(home.config().keyDirectory()).id(); // claims to be ours
        String created = "2026-01-01T00:00:00.000000Z";
        Signature signer = Signature.getInstance("Ed25519");
        signer.initSign(attacker.getPrivate());
        signer.update(Checkpoint.signedBytes(50, hash(50), created, keyId));
        byte[] signature = signer.sign();
        try (Connection c = home.tamper();
             PreparedStatement insert = c.prepareStatement("INSERT INTO checkpoints VALUES (?, ?, ?, ?, ?)")) {
            insert.setLong(1, 50);
            insert.setBytes(2, hash(50));
            insert.setString(3, created);
            insert.setString(4, keyId);
            insert.setBytes(5, signature);
            insert.executeUpdate();
        }
        assertProblem(50, Kind.FORGED_CHECKPOINT);
    }

    @Test
    void aChangeWhoseHashesWereRecomputedIsCaughtAtTheNextCheckpoint() throws Exception {
        sql("UPDATE events SET record = replace(record, 'change', 'chAnge') WHERE seq = 30");
        rechainFrom(30);
        for (int workers : new int[] {1, 3}) {
            VerifyReport report = Verifier.verify(home.database(), AuditKey.loadPublic(home.config().keyDirectory()), workers, 10);
            assertThat(report.problem()).get().satisfies(p -> {
                assertThat(p.kind()).isEqualTo(Kind.REWRITTEN);
                assertThat(p.seq()).isEqualTo(23); // somewhere after the checkpoint at 22...
                assertThat(p.message()).contains("records 23 to 44"); // ...and before the one at 44
            });
        }
    }

    @Test
    void aDeletionWhoseHashesWereRecomputedIsPinnedByTheSessionsNumbering() throws Exception {
        sql("DELETE FROM events WHERE seq = 30");
        sql("UPDATE events SET seq = -(seq - 1) WHERE seq > 30");
        sql("UPDATE events SET seq = -seq WHERE seq < 0");
        rechainFrom(30);
        assertProblem(30, Kind.SESSION_ORDER);
    }

    @Test
    void replacingThePublicKeyDoesNotHelpAgainstAPinnedKey() throws Exception {
        Path pinned = tmp.resolve("pinned.pub");
        Files.copy(home.config().keyDirectory().resolve(AuditKey.PUBLIC_FILE), pinned);
        // The attacker makes a new key in the store's key directory and re-signs everything.
        Path keys = home.config().keyDirectory();
        Files.delete(keys.resolve(AuditKey.PRIVATE_FILE));
        Files.delete(keys.resolve(AuditKey.PUBLIC_FILE));
        AuditKey theirs = AuditKey.loadOrCreate(keys);
        sql("DELETE FROM events WHERE seq > 70");
        sql("DELETE FROM checkpoints");
        try (Connection c = home.tamper();
             PreparedStatement insert = c.prepareStatement("INSERT INTO checkpoints VALUES (?, ?, ?, ?, ?)")) {
            Checkpoint fake = Checkpoint.sign(theirs, 70, hash(70), "2026-01-01T00:00:00.000000Z");
            insert.setLong(1, 70);
            insert.setBytes(2, fake.headHash());
            insert.setString(3, fake.createdAt());
            insert.setString(4, fake.keyId());
            insert.setBytes(5, fake.signature());
            insert.executeUpdate();
        }
        Files.delete(HeadFile.of(home.database()));
        assertThat(home.verify().intact()).as("the store's own key directory was replaced").isTrue();
        VerifyReport againstPinned = Verifier.verify(home.database(), AuditKey.publicKeyFile(pinned));
        assertThat(againstPinned.problem()).get().extracting(VerifyReport.Problem::kind).isEqualTo(Kind.FORGED_CHECKPOINT);
    }

    /** The same first bad record whether one thread walks the chain or three check stretches of it at once. */
    private void assertProblem(long seq, Kind kind) {
        AuditKey key = AuditKey.loadPublic(home.config().keyDirectory());
        for (int workers : new int[] {1, 3}) {
            VerifyReport report = Verifier.verify(home.database(), key, workers, 10);
            assertThat(report.intact()).as("tampering went unnoticed with %d worker(s)", workers).isFalse();
            VerifyReport.Problem problem = report.problem().orElseThrow();
            assertThat(problem.seq()).as("%d worker(s): %s", workers, problem).isEqualTo(seq);
            if (kind != null) {
                assertThat(problem.kind()).as("%d worker(s): %s", workers, problem).isEqualTo(kind);
            }
        }
        assertThat(home.verify().problem()).get().extracting(VerifyReport.Problem::seq).isEqualTo(seq);
    }

    private void sql(String statement) throws SQLException {
        try (Connection c = home.tamper(); Statement s = c.createStatement()) {
            assertThat(s.executeUpdate(statement)).as("rows changed by " + statement).isPositive();
        }
    }

    private void insertAt(long seq, String record, byte[] hash) throws SQLException {
        sql("UPDATE events SET seq = -(seq + 1) WHERE seq >= " + seq);
        sql("UPDATE events SET seq = -seq WHERE seq < 0");
        try (Connection c = home.tamper();
             PreparedStatement insert = c.prepareStatement("INSERT INTO events(seq, record, hash) VALUES (?, ?, ?)")) {
            insert.setLong(1, seq);
            insert.setString(2, record);
            insert.setBytes(3, hash);
            insert.executeUpdate();
        }
    }

    private String record(long seq) throws SQLException {
        try (Connection c = home.tamper(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT record FROM events WHERE seq = " + seq)) {
            return rs.getString(1);
        }
    }

    private byte[] hash(long seq) throws SQLException {
        try (Connection c = home.tamper(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT hash FROM events WHERE seq = " + seq)) {
            return rs.getBytes(1);
        }
    }

    /** What an attacker without the key can do: recompute every hash from {@code seq} on. */
    private void rechainFrom(long seq) throws Exception {
        byte[] prev = hash(seq - 1);
        try (Connection c = home.tamper();
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT seq, record FROM events WHERE seq >= " + seq + " ORDER BY seq");
             PreparedStatement update = c.prepareStatement("UPDATE events SET hash = ? WHERE seq = ?")) {
            while (rs.next()) {
                prev = sha(prev, rs.getString(2));
                update.setBytes(1, prev);
                update.setLong(2, rs.getLong(1));
                update.executeUpdate();
            }
        }
    }

    private static byte[] sha(byte[] prev, String record) throws Exception {
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        sha.update(prev);
        sha.update(record.getBytes(StandardCharsets.UTF_8));
        return sha.digest();
    }

    private static int indexOf(byte[] hay, byte[] needle) {
        return indexOf(hay, needle, 0);
    }

    private static int indexOf(byte[] hay, byte[] needle, int from) {
        outer:
        for (int i = from; i <= hay.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (hay[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    @SuppressWarnings("unused")
    private static String hex(byte[] b) {
        return HexFormat.of().formatHex(b);
    }
}
