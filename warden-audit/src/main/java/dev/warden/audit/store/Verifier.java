package dev.warden.audit.store;

import dev.warden.audit.AuditException;
import dev.warden.audit.store.VerifyReport.Kind;
import dev.warden.audit.store.VerifyReport.Problem;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Recomputes the chain from its anchor (record 1, or the checkpoint retention kept), checks every
 * checkpoint's signature and head hash, each session's own numbering, and the end of the store against
 * the newest signed head (also kept outside the database), and reports the first bad record.
 *
 * <p>A change that leaves hashes stale is pinned to the record; one whose hashes were recomputed is
 * caught at the next checkpoint and, where a session's numbering breaks, pinned to the record too.
 */
public final class Verifier {
    private static final byte[] SEQ_KEY = ",\"seq\":".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] SESSION_KEY = ",\"session_id\":\"".getBytes(StandardCharsets.US_ASCII);

    private final Path database;
    private final AuditKey key;
    private final ChainHash chain = new ChainHash();

    private Verifier(Path database, AuditKey key) {
        this.database = database;
        this.key = key;
    }

    /** Verifies the store at {@code database} against {@code key} (the public half is enough). */
    public static VerifyReport verify(Path database, AuditKey key) {
        try (Connection connection = AuditStore.openForReading(database)) {
            return new Verifier(database, key).run(connection);
        } catch (SQLException e) {
            throw StoreFailures.of(e, database, "verifying it");
        }
    }

    private VerifyReport run(Connection connection) throws SQLException {
        TreeMap<Long, Checkpoint> checkpoints = checkpoints(connection);
        long signedCount = checkpoints.size();
        Problem early = null;
        for (Checkpoint checkpoint : List.copyOf(checkpoints.values())) {
            if (!checkpoint.verifiedBy(key)) {
                early = first(early, problem(checkpoint.seq(), Kind.FORGED_CHECKPOINT, "the checkpoint at record "
                        + checkpoint.seq() + " is not signed by this store's key " + key.id() + " (forged or altered)"));
                checkpoints.remove(checkpoint.seq()); // it vouches for nothing
            }
        }
        try {
            Optional<Checkpoint> outside = HeadFile.read(database);
            if (outside.isPresent()) {
                Checkpoint head = outside.get();
                Checkpoint same = checkpoints.get(head.seq());
                if (!head.verifiedBy(key)) {
                    early = first(early, problem(head.seq(), Kind.FORGED_CHECKPOINT,
                            HeadFile.of(database) + " is not signed by this store's key " + key.id()));
                } else if (same != null && !Arrays.equals(same.headHash(), head.headHash())) {
                    early = first(early, problem(head.seq(), Kind.REWRITTEN, "two validly signed heads disagree about"
                            + " record " + head.seq() + " (the store was replaced by another signed with the same key)"));
                } else {
                    checkpoints.putIfAbsent(head.seq(), head); // its row may have been deleted along with the tail
                }
            }
        } catch (AuditException e) {
            early = first(early, problem(checkpoints.isEmpty() ? 1 : checkpoints.lastKey(), Kind.FORGED_CHECKPOINT,
                    e.getMessage()));
        }
        VerifyReport report = chain(connection, checkpoints, signedCount);
        if (early != null && (report.problem().isEmpty() || early.seq() < report.problem().get().seq())) {
            return new VerifyReport(report.records(), report.firstSeq(), report.lastSeq(), report.checkpoints(),
                    report.lastSignedSeq(), Optional.of(early));
        }
        return report;
    }

    private static Problem first(Problem a, Problem b) {
        return a == null || b.seq() < a.seq() ? b : a;
    }

    private VerifyReport chain(Connection connection, TreeMap<Long, Checkpoint> checkpoints, long signedCount)
            throws SQLException {
        long first;
        long last;
        long count;
        try (Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SELECT min(seq), max(seq), count(*) FROM events")) {
            rs.next();
            first = rs.getLong(1);
            last = rs.getLong(2);
            count = rs.getLong(3);
        }
        long anchor;
        if (count == 0) {
            anchor = checkpoints.isEmpty() ? 0 : checkpoints.lastKey();
        } else {
            anchor = first - 1;
        }
        byte[] prev;
        if (anchor == 0) {
            prev = ChainHash.GENESIS;
        } else if (checkpoints.containsKey(anchor)) {
            prev = checkpoints.get(anchor).headHash();
        } else {
            Long below = checkpoints.floorKey(anchor);
            long missingFrom = below == null ? 1 : below + 1;
            return new VerifyReport(count, first, last, signedCount, 0, Optional.of(problem(missingFrom, Kind.DELETED,
                    "records " + missingFrom + " to " + anchor + " are missing, and no signed checkpoint anchors record "
                            + first + " (retention only removes records up to a checkpoint it keeps)")));
        }
        boolean pruned = anchor > 0;
        Map<String, Long> sessions = new HashMap<>();
        long expected = anchor + 1;
        long lastGood = anchor;
        long lastSigned = anchor;
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT seq, record, hash FROM events WHERE seq > ? ORDER BY seq")) {
            select.setLong(1, anchor);
            select.setFetchSize(1024);
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    long seq = rs.getLong(1);
                    byte[] record = rs.getBytes(2);
                    byte[] stored = rs.getBytes(3);
                    if (seq != expected) {
                        return done(count, first, last, signedCount, lastSigned, problem(expected, Kind.DELETED,
                                "record " + expected + (seq - expected > 1 ? " to " + (seq - 1) + " are" : " is")
                                        + " missing (deleted)"));
                    }
                    byte[] computed = chain.next(prev, record);
                    if (!Arrays.equals(computed, stored)) {
                        return done(count, first, last, signedCount, lastSigned, diagnose(connection, seq, prev, record, stored));
                    }
                    Checkpoint checkpoint = checkpoints.get(seq);
                    if (checkpoint != null) {
                        if (!Arrays.equals(checkpoint.headHash(), computed)) {
                            return done(count, first, last, signedCount, lastSigned, problem(lastGood + 1, Kind.REWRITTEN,
                                    "records " + (lastGood + 1) + " to " + seq + " were changed and their hashes recomputed:"
                                            + " the chain no longer reaches the head signed at record " + seq));
                        }
                        lastGood = seq;
                        lastSigned = seq;
                    }
                    Problem order = sessionOrder(sessions, seq, record, pruned);
                    if (order != null) {
                        return done(count, first, last, signedCount, lastSigned, order);
                    }
                    prev = computed;
                    expected++;
                }
            }
        }
        long end = expected - 1;
        if (!checkpoints.isEmpty() && checkpoints.lastKey() > end) {
            long signedEnd = checkpoints.lastKey();
            return done(count, first, last, signedCount, lastSigned, problem(end + 1, Kind.TRUNCATED,
                    "the store ends at record " + end + " but a signed checkpoint vouches for records up to "
                            + signedEnd + ": records " + (end + 1) + " to " + signedEnd + " were removed"));
        }
        return new VerifyReport(count, first, last, signedCount, lastSigned, Optional.empty());
    }

    /** Why record {@code seq} does not chain, judged from its neighbour. */
    private Problem diagnose(Connection connection, long seq, byte[] prev, byte[] record, byte[] stored) throws SQLException {
        try (PreparedStatement next = connection.prepareStatement("SELECT record, hash FROM events WHERE seq = ?")) {
            next.setLong(1, seq + 1);
            try (ResultSet rs = next.executeQuery()) {
                if (rs.next()) {
                    byte[] nextRecord = rs.getBytes(1);
                    byte[] nextHash = rs.getBytes(2);
                    if (Arrays.equals(chain.next(prev, nextRecord), nextHash)) {
                        if (Arrays.equals(chain.next(nextHash, record), stored)) {
                            return problem(seq, Kind.REORDERED, "records " + seq + " and " + (seq + 1) + " were swapped");
                        }
                        return problem(seq, Kind.INSERTED, "record " + seq + " was inserted: record " + (seq + 1)
                                + " chains directly from record " + (seq - 1));
                    }
                    if (Arrays.equals(chain.next(stored, nextRecord), nextHash)) {
                        return problem(seq, Kind.MODIFIED, "record " + seq + " was modified: its content no longer matches its hash");
                    }
                    return problem(seq, Kind.BROKEN_CHAIN, "record " + seq + " does not chain from record " + (seq - 1)
                            + " (modified, inserted, or records before it removed and renumbered)");
                }
            }
        }
        return problem(seq, Kind.MODIFIED, "record " + seq + " was modified: its content no longer matches its hash");
    }

    /** Each session numbers its events 1, 2, 3...; a gap or a step back means one was removed or moved. */
    private static Problem sessionOrder(Map<String, Long> sessions, long seq, byte[] record, boolean pruned) {
        String session = sessionId(record);
        long sessionSeq = sessionSeq(record);
        if (session == null || sessionSeq < 1) {
            return problem(seq, Kind.INSERTED, "record " + seq + " is not a Warden event (no session id or sequence number)");
        }
        Long previous = sessions.put(session, sessionSeq);
        if (previous == null) {
            if (sessionSeq != 1 && !pruned) {
                return problem(seq, Kind.SESSION_ORDER, "record " + seq + " is event " + sessionSeq + " of session "
                        + session + ", but events 1 to " + (sessionSeq - 1) + " of that session are missing");
            }
            return null;
        }
        if (sessionSeq != previous + 1) {
            return problem(seq, Kind.SESSION_ORDER, "record " + seq + " is event " + sessionSeq + " of session " + session
                    + " but follows its event " + previous + (sessionSeq > previous ? " (events in between were removed)"
                    : " (events were moved)"));
        }
        return null;
    }

    /** The top-level {@code session_id}: canonical records put {@code data} first, so the last match is the top level. */
    static String sessionId(byte[] record) {
        int at = lastIndexOf(record, SESSION_KEY);
        int start = at + SESSION_KEY.length;
        if (at < 0 || start + 33 > record.length || record[start + 32] != '"') {
            return null;
        }
        return new String(record, start, 32, StandardCharsets.US_ASCII);
    }

    static long sessionSeq(byte[] record) {
        int at = lastIndexOf(record, SEQ_KEY);
        if (at < 0) {
            return -1;
        }
        long value = 0;
        int digits = 0;
        for (int i = at + SEQ_KEY.length; i < record.length && record[i] >= '0' && record[i] <= '9' && digits < 18; i++, digits++) {
            value = value * 10 + (record[i] - '0');
        }
        return digits == 0 ? -1 : value;
    }

    private static int lastIndexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = haystack.length - needle.length; i >= 0; i--) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    private static VerifyReport done(long count, long first, long last, long checkpoints, long lastSigned, Problem problem) {
        return new VerifyReport(count, first, last, checkpoints, lastSigned, Optional.of(problem));
    }

    private static Problem problem(long seq, Kind kind, String message) {
        return new Problem(seq, kind, message);
    }

    private static TreeMap<Long, Checkpoint> checkpoints(Connection connection) throws SQLException {
        TreeMap<Long, Checkpoint> out = new TreeMap<>();
        try (Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery(
                     "SELECT seq, head_hash, created_at, key_id, signature FROM checkpoints ORDER BY seq")) {
            while (rs.next()) {
                out.put(rs.getLong(1), new Checkpoint(rs.getLong(1), rs.getBytes(2), rs.getString(3), rs.getString(4),
                        rs.getBytes(5)));
            }
        }
        return out;
    }
}
