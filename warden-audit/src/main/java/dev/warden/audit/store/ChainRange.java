package dev.warden.audit.store;

import dev.warden.audit.store.VerifyReport.Kind;
import dev.warden.audit.store.VerifyReport.Problem;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.function.Predicate;

/**
 * Checks one stretch of the chain, records {@code (lo, hi]}, on its own connection: each record must hash,
 * from the stored hash of the record before it, to its own stored hash. If every link holds, recomputing
 * the whole chain from its anchor gives exactly the stored hashes, so stretches can be checked at the same
 * time on several cores and the signed heads compared against stored hashes. Also checks the checkpoints
 * inside the stretch and each session's numbering within it (across stretches, {@link Verifier} joins them).
 */
final class ChainRange implements Callable<ChainRange.Result> {
    private static final byte[] SESSION_KEY = ",\"session_id\":\"".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] SEQ_KEY = "\"seq\":".getBytes(StandardCharsets.US_ASCII);

    /** A session's numbers within the stretch: its first and last, and the record where it first appears. */
    static final class Session {
        final long first;
        final long firstRecord;
        long last;

        Session(long first, long firstRecord) {
            this.first = first;
            this.firstRecord = firstRecord;
            this.last = first;
        }
    }

    /**
     * What the stretch found: its first problem and the record where the walk noticed it (a rewrite is
     * noticed at the checkpoint after it, but reported from the checkpoint before), and its sessions.
     */
    record Result(Optional<Problem> problem, long noticedAt, Map<String, Session> sessions) {}

    private final Path database;
    private final long lo;
    private final long hi;
    private final byte[] anchorHash;
    private final long anchor;
    private final TreeMap<Long, Checkpoint> checkpoints;
    private final Predicate<Checkpoint> valid;
    private final ChainHash chain = new ChainHash();
    private final Map<String, Session> sessions = new HashMap<>();
    private long noticedAt;

    /** {@code anchorHash} is the hash record {@code lo} must have (the anchor), or null: take record lo's stored hash. */
    ChainRange(Path database, long lo, long hi, byte[] anchorHash, long anchor, TreeMap<Long, Checkpoint> checkpoints,
               Predicate<Checkpoint> valid) {
        this.database = database;
        this.lo = lo;
        this.hi = hi;
        this.anchorHash = anchorHash;
        this.anchor = anchor;
        this.checkpoints = checkpoints;
        this.valid = valid;
    }

    @Override
    public Result call() throws SQLException {
        try (Connection connection = AuditStore.openForReading(database)) {
            Problem problem = scan(connection);
            return new Result(Optional.ofNullable(problem), problem == null ? Long.MAX_VALUE : noticedAt, sessions);
        }
    }

    private Problem scan(Connection connection) throws SQLException {
        byte[] prev = anchorHash != null ? anchorHash : storedHash(connection, lo); // null: record lo is gone
        long expected = lo + 1;
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT seq, record, hash FROM events WHERE seq > ? AND seq <= ? ORDER BY seq")) {
            select.setLong(1, lo);
            select.setLong(2, hi);
            select.setFetchSize(1024);
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    long seq = rs.getLong(1);
                    byte[] record = rs.getBytes(2);
                    byte[] stored = rs.getBytes(3);
                    noticedAt = Math.min(seq, expected);
                    if (seq != expected) {
                        return missing(expected, seq - 1);
                    }
                    if (prev != null && !Arrays.equals(chain.next(prev, record), stored)) {
                        return diagnose(connection, seq, prev, record, stored);
                    }
                    Checkpoint checkpoint = checkpoints.get(seq);
                    // A forged checkpoint vouches for nothing: it is reported as forged, not as a rewrite.
                    if (checkpoint != null && !Arrays.equals(checkpoint.headHash(), stored) && valid.test(checkpoint)) {
                        long from = checkpoints.headMap(seq, false).descendingMap().values().stream().filter(valid)
                                .map(Checkpoint::seq).findFirst().orElse(anchor) + 1;
                        return new Problem(from, Kind.REWRITTEN, "records " + from + " to " + seq + " were changed and"
                                + " their hashes recomputed: the chain no longer reaches the head signed at record " + seq);
                    }
                    Problem order = sessionOrder(seq, record);
                    if (order != null) {
                        return order;
                    }
                    prev = stored;
                    expected++;
                }
            }
        }
        noticedAt = expected;
        return expected <= hi ? missing(expected, hi) : null;
    }

    private static Problem missing(long from, long to) {
        return new Problem(from, Kind.DELETED, "record " + from + (to > from ? " to " + to + " are" : " is") + " missing (deleted)");
    }

    private static byte[] storedHash(Connection connection, long seq) throws SQLException {
        try (PreparedStatement s = connection.prepareStatement("SELECT hash FROM events WHERE seq = ?")) {
            s.setLong(1, seq);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? rs.getBytes(1) : null;
            }
        }
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
                            return new Problem(seq, Kind.REORDERED, "records " + seq + " and " + (seq + 1) + " were swapped");
                        }
                        return new Problem(seq, Kind.INSERTED, "record " + seq + " was inserted: record " + (seq + 1)
                                + " chains directly from record " + (seq - 1));
                    }
                    if (Arrays.equals(chain.next(stored, nextRecord), nextHash)) {
                        return new Problem(seq, Kind.MODIFIED, "record " + seq + " was modified: its content no longer matches its hash");
                    }
                    return new Problem(seq, Kind.BROKEN_CHAIN, "record " + seq + " does not chain from record " + (seq - 1)
                            + " (modified, inserted, or records before it removed and renumbered)");
                }
            }
        }
        return new Problem(seq, Kind.MODIFIED, "record " + seq + " was modified: its content no longer matches its hash");
    }

    /** Each session numbers its events 1, 2, 3...; within the stretch a gap or a step back is a problem here. */
    private Problem sessionOrder(long seq, byte[] record) {
        int at = lastIndexOf(record, SESSION_KEY);
        long sessionSeq = at < 0 ? -1 : seqBefore(record, at);
        int start = at + SESSION_KEY.length;
        if (at < 0 || sessionSeq < 1 || start + 33 > record.length || record[start + 32] != '"') {
            return new Problem(seq, Kind.INSERTED, "record " + seq + " is not a Warden event (no session id or sequence number)");
        }
        String id = new String(record, start, 32, StandardCharsets.US_ASCII);
        Session session = sessions.get(id);
        if (session == null) {
            sessions.put(id, new Session(sessionSeq, seq));
            return null;
        }
        if (sessionSeq != session.last + 1) {
            return Verifier.outOfOrder(seq, id, sessionSeq, session.last);
        }
        session.last = sessionSeq;
        return null;
    }

    /**
     * The top-level {@code "seq":N} just before {@code ,"session_id"}: keys are sorted, so seq is the key before
     * session_id, and {@code data} comes first, so the last session_id in the text is the top-level one.
     */
    private static long seqBefore(byte[] record, int sessionAt) {
        int end = sessionAt;
        int i = end - 1;
        while (i >= 0 && record[i] >= '0' && record[i] <= '9') {
            i--;
        }
        int digitsFrom = i + 1;
        if (digitsFrom == end || end - digitsFrom > 18 || i + 1 < SEQ_KEY.length) {
            return -1;
        }
        for (int j = 0; j < SEQ_KEY.length; j++) {
            if (record[digitsFrom - SEQ_KEY.length + j] != SEQ_KEY[j]) {
                return -1;
            }
        }
        long value = 0;
        for (int k = digitsFrom; k < end; k++) {
            value = value * 10 + (record[k] - '0');
        }
        return value;
    }

    private static int lastIndexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = haystack.length - needle.length; i >= 0; i--) {
            if (haystack[i] != needle[0]) {
                continue;
            }
            for (int j = 1; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
