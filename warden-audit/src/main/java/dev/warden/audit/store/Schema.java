package dev.warden.audit.store;

import dev.warden.audit.AuditException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * The store's tables. {@code events.record} is the canonical JSON that is hashed; every other column a
 * query filters on is generated from it, so there is no second copy of a fact that could be altered on
 * its own. Triggers refuse UPDATE and DELETE, so a bug or a careless tool cannot rewrite history; a
 * determined attacker can drop them, which is what the hash chain and the signed checkpoints catch.
 */
final class Schema {
    static final int VERSION = 1;

    static final List<String> TABLES = List.of("""
            CREATE TABLE IF NOT EXISTS events (
              seq INTEGER PRIMARY KEY,
              record TEXT NOT NULL,
              hash BLOB NOT NULL,
              session_id TEXT GENERATED ALWAYS AS (json_extract(record, '$.session_id')) VIRTUAL,
              type TEXT GENERATED ALWAYS AS (json_extract(record, '$.type')) VIRTUAL,
              ts TEXT GENERATED ALWAYS AS (json_extract(record, '$.timestamp')) VIRTUAL,
              decision TEXT GENERATED ALWAYS AS (json_extract(record, '$.data.decision')) VIRTUAL
            )""",
            "CREATE INDEX IF NOT EXISTS events_session ON events(session_id, seq)",
            "CREATE INDEX IF NOT EXISTS events_ts ON events(ts)",
            """
            CREATE TABLE IF NOT EXISTS checkpoints (
              seq INTEGER PRIMARY KEY,
              head_hash BLOB NOT NULL,
              created_at TEXT NOT NULL,
              key_id TEXT NOT NULL,
              signature BLOB NOT NULL
            )""");

    /** The append-only guards; dropped and recreated only inside the retention transaction. */
    static final List<String> TRIGGERS = List.of(
            guard("events_no_update", "UPDATE", "events"),
            guard("events_no_delete", "DELETE", "events"),
            guard("checkpoints_no_update", "UPDATE", "checkpoints"),
            guard("checkpoints_no_delete", "DELETE", "checkpoints"));

    static final List<String> DELETE_TRIGGERS = List.of("events_no_delete", "checkpoints_no_delete");

    private Schema() {}

    private static String guard(String name, String operation, String table) {
        return "CREATE TRIGGER IF NOT EXISTS " + name + " BEFORE " + operation + " ON " + table
                + " BEGIN SELECT RAISE(ABORT, 'audit records are append-only'); END";
    }

    /** Creates the tables on first use, inside a write transaction so two processes cannot race. */
    static void ensure(Connection connection, String where) throws SQLException {
        int version = userVersion(connection);
        if (version == VERSION) {
            // A write now, so a store that cannot be written fails at start, not at the agent's first action.
            try (Statement statement = connection.createStatement()) {
                statement.execute("PRAGMA user_version = " + VERSION);
            }
            return;
        }
        if (version > VERSION) {
            throw new AuditException(where + " was written by a newer Warden (store version " + version
                    + ", this Warden reads " + VERSION + "); upgrade Warden or point [audit] path elsewhere");
        }
        try (Statement statement = connection.createStatement()) {
            statement.execute("BEGIN IMMEDIATE");
            if (userVersion(connection) == 0) {
                for (String sql : TABLES) {
                    statement.execute(sql);
                }
                for (String sql : TRIGGERS) {
                    statement.execute(sql);
                }
                statement.execute("PRAGMA user_version = " + VERSION);
            }
            statement.execute("COMMIT");
        } catch (SQLException | RuntimeException e) {
            try (Statement statement = connection.createStatement()) {
                statement.execute("ROLLBACK");
            } catch (SQLException ignored) {
                // nothing to roll back
            }
            throw e;
        }
    }

    static int userVersion(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("PRAGMA user_version")) {
            return rs.next() ? rs.getInt(1) : 0;
        }
    }
}
