package dev.warden.audit.store;

import dev.warden.audit.AuditException;
import dev.warden.core.event.Event;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.sqlite.SQLiteConfig;

/**
 * One open audit database. Appends run in {@code BEGIN IMMEDIATE} transactions that read the head inside
 * the write lock, so several Warden processes can share one store and still extend a single chain.
 * WAL with {@code synchronous=FULL}: a commit that returned is on disk, and a crash at any moment leaves
 * the last committed state.
 */
public final class AuditStore implements AutoCloseable {
    static final int BUSY_TIMEOUT_MS = 10_000;

    private final Path database;
    private final Connection connection;
    private final AuditKey key;
    private final ChainHash chain = new ChainHash();
    private final PreparedStatement insertEvent;
    private final PreparedStatement insertCheckpoint;

    /** Where the chain ends: the last record's sequence and hash (0 and zeros for an empty store). */
    record Head(long seq, byte[] hash) {}

    private AuditStore(Path database, Connection connection, AuditKey key) throws SQLException {
        this.database = database;
        this.connection = connection;
        this.key = key;
        // The record arrives as UTF-8 bytes (encoded on the emitting thread, hashed as they are); CAST stores
        // them as TEXT without a second encoding, so json_extract and the generated columns read them.
        this.insertEvent = connection.prepareStatement("INSERT INTO events(seq, record, hash) VALUES (?, CAST(? AS TEXT), ?)");
        this.insertCheckpoint = connection.prepareStatement(
                "INSERT INTO checkpoints(seq, head_hash, created_at, key_id, signature) VALUES (?, ?, ?, ?, ?)");
    }

    /**
     * Opens (creating on first use, owner-only) the store at {@code database}, signing with {@code key};
     * {@code maxBytes} caps the file (0: no cap), and reaching the cap fails like a full disk.
     */
    public static AuditStore openForWriting(Path database, AuditKey key, long maxBytes) {
        try {
            createOwnerOnly(database);
        } catch (IOException e) {
            throw new AuditException("cannot create the audit store " + database + ": " + StoreFailures.of(e)
                    + "; check that its directory is writable, or set [audit] path", e);
        }
        // SQLite answers some lock conflicts at once, without its busy handler: switching a new store to WAL, or a
        // read turning into a write, while another process creates or writes the same store (two first commands at
        // the same moment). Those are retried here, so "stayed locked" is said only after the busy timeout.
        long deadline = System.nanoTime() + BUSY_TIMEOUT_MS * 1_000_000L;
        while (true) {
            Connection connection = null;
            try {
                SQLiteConfig config = new SQLiteConfig();
                config.setJournalMode(SQLiteConfig.JournalMode.WAL);
                config.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
                config.setBusyTimeout(BUSY_TIMEOUT_MS);
                // The session and time indexes take random-ish inserts; 16 MiB of cache keeps their hot pages in memory.
                config.setCacheSize(-16_000);
                connection = config.createConnection("jdbc:sqlite:" + database);
                Schema.ensure(connection, database.toString());
                if (maxBytes > 0) {
                    try (Statement statement = connection.createStatement();
                         ResultSet pageSize = statement.executeQuery("PRAGMA page_size")) {
                        long pages = Math.max(1, maxBytes / (pageSize.next() ? pageSize.getLong(1) : 4096));
                        statement.execute("PRAGMA max_page_count = " + pages);
                    }
                }
                return new AuditStore(database, connection, key);
            } catch (SQLException e) {
                closeQuietly(connection);
                int code = e.getErrorCode() & 0xff;
                if ((code == 5 || code == 6) && System.nanoTime() < deadline) {
                    pause();
                    continue;
                }
                throw StoreFailures.of(e, database, "opening it for writing");
            } catch (RuntimeException e) {
                closeQuietly(connection);
                throw e;
            }
        }
    }

    private static void pause() {
        try {
            Thread.sleep(10);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AuditException("interrupted while waiting for the audit store's lock", e);
        }
    }

    /** A read-only connection for queries and verification; a missing store is an error, never created. */
    public static Connection openForReading(Path database) {
        if (!Files.isRegularFile(database)) {
            throw new AuditException("no audit store at " + database + "; nothing has been recorded there yet"
                    + " (check [audit] path and WARDEN_HOME)");
        }
        try {
            SQLiteConfig config = new SQLiteConfig();
            config.setReadOnly(true);
            config.setBusyTimeout(BUSY_TIMEOUT_MS);
            Connection connection = config.createConnection("jdbc:sqlite:" + database);
            int version = Schema.userVersion(connection);
            if (version != Schema.VERSION) {
                connection.close();
                throw new AuditException(database + " is not a Warden audit store this version reads (store version "
                        + version + ", expected " + Schema.VERSION + ")");
            }
            return connection;
        } catch (SQLException e) {
            throw StoreFailures.of(e, database, "opening it for reading");
        }
    }

    public Path database() {
        return database;
    }

    /**
     * Appends {@code records} (canonical JSON, already redacted) as one transaction, and signs the new head
     * when {@code checkpoint} says so. Returns the checkpoint written, if any.
     */
    Optional<Checkpoint> append(List<byte[]> records, CheckpointDue checkpoint, Instant now) throws SQLException {
        execute("BEGIN IMMEDIATE");
        try {
            Head head = head();
            long seq = head.seq();
            byte[] prev = head.hash();
            for (byte[] record : records) {
                prev = chain.next(prev, record);
                insertEvent.setLong(1, ++seq);
                insertEvent.setBytes(2, record);
                insertEvent.setBytes(3, prev);
                insertEvent.addBatch();
            }
            if (!records.isEmpty()) {
                insertEvent.executeBatch(); // one native loop instead of a JNI round trip per record
            }
            Optional<Checkpoint> signed = Optional.empty();
            long lastSigned = lastCheckpointSeq();
            if (seq > lastSigned && checkpoint.due(seq - lastSigned, now)) {
                signed = Optional.of(insertCheckpoint(seq, prev, now));
            }
            execute("COMMIT");
            return signed;
        } catch (SQLException | RuntimeException e) {
            rollbackQuietly();
            throw e;
        }
    }

    /** Signs the head if records after the last checkpoint exist (on close, so a quiet store ends signed). */
    Optional<Checkpoint> signHead(Instant now) throws SQLException {
        return append(List.of(), (unsigned, at) -> true, now);
    }

    /** When the writer wants the head signed, given the records since the last checkpoint and the time. */
    @FunctionalInterface
    interface CheckpointDue {
        boolean due(long unsignedRecords, Instant now);
    }

    Head head() throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SELECT seq, hash FROM events ORDER BY seq DESC LIMIT 1")) {
            if (rs.next()) {
                return new Head(rs.getLong(1), rs.getBytes(2));
            }
        }
        // Everything was pruned: the chain continues from the anchoring checkpoint.
        try (Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SELECT seq, head_hash FROM checkpoints ORDER BY seq DESC LIMIT 1")) {
            return rs.next() ? new Head(rs.getLong(1), rs.getBytes(2)) : new Head(0, ChainHash.GENESIS);
        }
    }

    private long lastCheckpointSeq() throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SELECT coalesce(max(seq), 0) FROM checkpoints")) {
            return rs.next() ? rs.getLong(1) : 0;
        }
    }

    private Checkpoint insertCheckpoint(long seq, byte[] head, Instant now) throws SQLException {
        Checkpoint checkpoint = Checkpoint.sign(key, seq, head, Event.formatTimestamp(now));
        insertCheckpoint.setLong(1, checkpoint.seq());
        insertCheckpoint.setBytes(2, checkpoint.headHash());
        insertCheckpoint.setString(3, checkpoint.createdAt());
        insertCheckpoint.setString(4, checkpoint.keyId());
        insertCheckpoint.setBytes(5, checkpoint.signature());
        insertCheckpoint.executeUpdate();
        return checkpoint;
    }

    /**
     * Removes the records covered by the newest checkpoint signed before {@code cutoff}, and the checkpoints
     * before it; that checkpoint stays, so what remains still verifies from a signed hash. Returns the number
     * of records removed. The delete guards are lifted only inside this one transaction.
     */
    long prune(Instant cutoff) throws SQLException {
        execute("BEGIN IMMEDIATE");
        try {
            long anchor;
            try (PreparedStatement find = connection.prepareStatement(
                    "SELECT coalesce(max(seq), 0) FROM checkpoints WHERE created_at < ?")) {
                find.setString(1, Event.formatTimestamp(cutoff));
                try (ResultSet rs = find.executeQuery()) {
                    anchor = rs.next() ? rs.getLong(1) : 0;
                }
            }
            long removed = 0;
            if (anchor > 0) {
                for (String trigger : Schema.DELETE_TRIGGERS) {
                    execute("DROP TRIGGER IF EXISTS " + trigger);
                }
                try (PreparedStatement delete = connection.prepareStatement("DELETE FROM events WHERE seq <= ?");
                     PreparedStatement deleteCheckpoints = connection.prepareStatement("DELETE FROM checkpoints WHERE seq < ?")) {
                    delete.setLong(1, anchor);
                    removed = delete.executeUpdate();
                    deleteCheckpoints.setLong(1, anchor);
                    deleteCheckpoints.executeUpdate();
                }
                for (String trigger : Schema.TRIGGERS) {
                    execute(trigger);
                }
            }
            execute("COMMIT");
            return removed;
        } catch (SQLException | RuntimeException e) {
            rollbackQuietly();
            throw e;
        }
    }

    private void execute(String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private void rollbackQuietly() {
        try {
            execute("ROLLBACK");
        } catch (SQLException ignored) {
            // no transaction left to roll back (SQLite already did, e.g. after SQLITE_FULL)
        }
    }

    private static void createOwnerOnly(Path database) throws IOException {
        Path parent = database.getParent();
        if (parent != null && !Files.isDirectory(parent)) {
            Files.createDirectories(parent, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        }
        if (!Files.exists(database)) {
            try {
                // SQLite gives the -wal and -shm files the database's mode, so the whole store stays private.
                Files.createFile(database, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } catch (java.nio.file.FileAlreadyExistsException raced) {
                // another Warden created it first
            }
        }
    }

    private static void closeQuietly(Connection connection) {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException ignored) {
                // already failing; the first error is the one to report
            }
        }
    }

    @Override
    public void close() {
        try {
            insertEvent.close();
            insertCheckpoint.close();
            connection.close();
        } catch (SQLException e) {
            throw StoreFailures.of(e, database, "closing it");
        }
    }
}
