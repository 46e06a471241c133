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
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

/**
 * Recomputes the chain from its anchor (record 1, or the checkpoint retention kept), checks every
 * checkpoint's signature and head hash, each session's own numbering, and the end of the store against
 * the newest signed head (also kept outside the database), and reports the first bad record.
 *
 * <p>A change that leaves hashes stale is pinned to the record; one whose hashes were recomputed is
 * caught at the next checkpoint and, where a session's numbering breaks, pinned to the record too.
 */
public final class Verifier {
    /** Stretches shorter than this are not worth a thread of their own. */
    private static final long MIN_RANGE = 50_000;

    private final Path database;
    private final AuditKey key;
    private final int workers;
    private final long minRange;

    private Verifier(Path database, AuditKey key, int workers, long minRange) {
        this.database = database;
        this.key = key;
        this.workers = Math.max(1, workers);
        this.minRange = Math.max(1, minRange);
    }

    /** Verifies the store at {@code database} against {@code key} (the public half is enough), on every core. */
    public static VerifyReport verify(Path database, AuditKey key) {
        return verify(database, key, Runtime.getRuntime().availableProcessors(), MIN_RANGE);
    }

    /** As {@link #verify(Path, AuditKey)} with {@code workers} threads and stretches of at least {@code minRange}. */
    static VerifyReport verify(Path database, AuditKey key, int workers, long minRange) {
        try (Connection connection = AuditStore.openForReading(database)) {
            return new Verifier(database, key, workers, minRange).run(connection);
        } catch (SQLException e) {
            throw StoreFailures.of(e, database, "verifying it");
        }
    }

    private VerifyReport run(Connection connection) throws SQLException {
        TreeMap<Long, Checkpoint> checkpoints = checkpoints(connection);
        long signedCount = checkpoints.size();
        // Ed25519 verification costs far more than hashing a record: every checkpoint's signature is checked
        // on the other cores while this thread walks the chain; the walk asks (and caches) only the few it
        // must decide on (a head that does not match, the anchor, the end).
        Map<Long, Boolean> verified = new ConcurrentHashMap<>();
        Predicate<Checkpoint> valid = c -> verified.computeIfAbsent(c.seq(), s -> c.verifiedBy(key));
        List<Checkpoint> all = List.copyOf(checkpoints.values());
        CompletableFuture<Optional<Long>> forged = CompletableFuture.supplyAsync(() ->
                all.parallelStream().filter(valid.negate()).map(Checkpoint::seq).min(Long::compare));
        Problem early = null;
        try {
            Optional<Checkpoint> outside = HeadFile.read(database);
            if (outside.isPresent()) {
                Checkpoint head = outside.get();
                Checkpoint same = checkpoints.get(head.seq());
                if (!head.verifiedBy(key)) {
                    early = first(early, problem(head.seq(), Kind.FORGED_CHECKPOINT,
                            HeadFile.of(database) + " is not signed by this store's key " + key.id()));
                } else if (same != null && valid.test(same) && !Arrays.equals(same.headHash(), head.headHash())) {
                    early = first(early, problem(head.seq(), Kind.REWRITTEN, "two validly signed heads disagree about"
                            + " record " + head.seq() + " (the store was replaced by another signed with the same key)"));
                } else if (same == null || !valid.test(same)) {
                    checkpoints.put(head.seq(), head); // its row may have been deleted along with the tail
                    verified.put(head.seq(), true);
                }
            }
        } catch (AuditException e) {
            early = first(early, problem(checkpoints.isEmpty() ? 1 : checkpoints.lastKey(), Kind.FORGED_CHECKPOINT,
                    e.getMessage()));
        }
        VerifyReport report = chain(connection, checkpoints, valid, signedCount);
        Optional<Long> firstForged = forged.join();
        if (firstForged.isPresent()) {
            long seq = firstForged.get();
            early = first(early, problem(seq, Kind.FORGED_CHECKPOINT, "the checkpoint at record " + seq
                    + " is not signed by this store's key " + key.id() + " (forged or altered)"));
        }
        if (early != null && (report.problem().isEmpty() || early.seq() < report.problem().get().seq())) {
            return new VerifyReport(report.records(), report.firstSeq(), report.lastSeq(), report.checkpoints(),
                    report.lastSignedSeq(), Optional.of(early));
        }
        return report;
    }

    private static Problem first(Problem a, Problem b) {
        return a == null || b.seq() < a.seq() ? b : a;
    }

    private VerifyReport chain(Connection connection, TreeMap<Long, Checkpoint> checkpoints, Predicate<Checkpoint> valid,
                               long signedCount) throws SQLException {
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
            anchor = checkpoints.descendingMap().values().stream().filter(valid).map(Checkpoint::seq).findFirst().orElse(0L);
        } else {
            anchor = first - 1;
        }
        byte[] anchorHash;
        if (anchor == 0) {
            anchorHash = ChainHash.GENESIS;
        } else if (checkpoints.containsKey(anchor) && valid.test(checkpoints.get(anchor))) {
            anchorHash = checkpoints.get(anchor).headHash();
        } else {
            long missingFrom = checkpoints.headMap(anchor, true).descendingMap().values().stream().filter(valid)
                    .map(c -> c.seq() + 1).findFirst().orElse(1L);
            return new VerifyReport(count, first, last, signedCount, 0, Optional.of(problem(missingFrom, Kind.DELETED,
                    "records " + missingFrom + " to " + anchor + " are missing, and no signed checkpoint anchors record "
                            + first + " (retention only removes records up to a checkpoint it keeps)")));
        }
        long end = Math.max(last, anchor);
        List<ChainRange.Result> results = ranges(anchor, end, anchorHash, checkpoints, valid);
        // The first problem in the order a single walk would notice it: a rewrite is noticed at the checkpoint
        // after it, so a removed or moved record inside the rewritten stretch, pinned exactly, comes first.
        Problem best = null;
        long bestAt = Long.MAX_VALUE;
        for (ChainRange.Result result : results) {
            if (result.problem().isPresent() && result.noticedAt() < bestAt) {
                best = result.problem().get();
                bestAt = result.noticedAt();
            }
        }
        // Join the stretches: each session must carry on, across them, where it left off.
        boolean pruned = anchor > 0;
        Map<String, Long> lastBySession = new HashMap<>();
        for (ChainRange.Result result : results) {
            for (Map.Entry<String, ChainRange.Session> entry : result.sessions().entrySet()) {
                ChainRange.Session session = entry.getValue();
                Long before = lastBySession.put(entry.getKey(), session.last);
                Problem order = null;
                if (before == null && session.first != 1 && !pruned) {
                    order = problem(session.firstRecord, Kind.SESSION_ORDER, "record " + session.firstRecord
                            + " is event " + session.first + " of session " + entry.getKey() + ", but events 1 to "
                            + (session.first - 1) + " of that session are missing");
                } else if (before != null && session.first != before + 1) {
                    order = outOfOrder(session.firstRecord, entry.getKey(), session.first, before);
                }
                if (order != null && session.firstRecord < bestAt) {
                    best = order;
                    bestAt = session.firstRecord;
                }
            }
        }
        long checkedTo = best == null ? end : best.seq() - 1;
        long lastSigned = checkpoints.headMap(checkedTo, true).descendingMap().values().stream().filter(valid)
                .map(Checkpoint::seq).findFirst().orElse(anchor);
        Optional<Long> beyond = checkpoints.tailMap(end, false).descendingMap().values().stream().filter(valid)
                .map(Checkpoint::seq).findFirst();
        if (beyond.isPresent()) {
            long signedEnd = beyond.get();
            best = first(best, problem(end + 1, Kind.TRUNCATED, "the store ends at record " + end + " but a signed"
                    + " checkpoint vouches for records up to " + signedEnd + ": records " + (end + 1) + " to " + signedEnd
                    + " were removed"));
        }
        return new VerifyReport(count, first, last, signedCount, lastSigned, Optional.ofNullable(best));
    }

    /** Splits (anchor, end] into stretches checked at the same time, one per worker. */
    private List<ChainRange.Result> ranges(long anchor, long end, byte[] anchorHash, TreeMap<Long, Checkpoint> checkpoints,
                                           Predicate<Checkpoint> valid) throws SQLException {
        long span = end - anchor;
        int n = (int) Math.max(1, Math.min(workers, span / minRange));
        List<ChainRange> ranges = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            long lo = anchor + span * i / n;
            long hi = anchor + span * (i + 1) / n;
            ranges.add(new ChainRange(database, lo, hi, i == 0 ? anchorHash : null, anchor, checkpoints, valid));
        }
        if (n == 1) {
            return List.of(ranges.getFirst().call());
        }
        ExecutorService pool = Executors.newFixedThreadPool(n, Thread.ofPlatform().daemon(true).name("warden-verify-", 0).factory());
        try {
            List<ChainRange.Result> results = new ArrayList<>();
            for (Future<ChainRange.Result> future : pool.invokeAll(ranges)) {
                results.add(future.get());
            }
            return results;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof SQLException sql) {
                throw sql;
            }
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AuditException("interrupted while verifying " + database);
        } finally {
            pool.shutdownNow();
        }
    }

    static Problem outOfOrder(long seq, String session, long sessionSeq, long previous) {
        return new Problem(seq, Kind.SESSION_ORDER, "record " + seq + " is event " + sessionSeq + " of session " + session
                + " but follows its event " + previous + (sessionSeq > previous ? " (events in between were removed)"
                : " (events were moved)"));
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
