package dev.warden.audit.query;

import dev.warden.audit.store.AuditStore;
import dev.warden.core.event.Event;
import dev.warden.core.json.Json;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Reads the audit store through a read-only connection. Filters become SQL on the columns generated from
 * each record (session, type, time, decision), which are indexed, so one session among a million events
 * is a short index range, not a scan.
 */
public final class AuditReader implements AutoCloseable {
    private final Path database;
    private final Connection connection;

    private AuditReader(Path database, Connection connection) {
        this.database = database;
        this.connection = connection;
    }

    /** Opens the store for reading; a missing store is an {@link dev.warden.audit.AuditException}. */
    public static AuditReader open(Path database) {
        return new AuditReader(database, AuditStore.openForReading(database));
    }

    /** Calls {@code each} for the matching events after {@code afterSeq}, oldest first, at most {@code limit} (0: all). */
    public void forEach(EventFilter filter, long afterSeq, long limit, Consumer<StoredEvent> each) {
        forEach(filter, afterSeq, Long.MAX_VALUE, limit, each);
    }

    /** As {@link #forEach(EventFilter, long, long, Consumer)}, up to and including record {@code upToSeq}. */
    public void forEach(EventFilter filter, long afterSeq, long upToSeq, long limit, Consumer<StoredEvent> each) {
        Where where = where(filter, afterSeq);
        if (upToSeq < Long.MAX_VALUE) {
            where = new Where(where.sql() + (where.sql().isEmpty() ? " WHERE " : " AND ") + "seq <= ?",
                    append(where.params(), upToSeq));
        }
        String sql = "SELECT seq, record FROM events" + where.sql() + " ORDER BY seq" + (limit > 0 ? " LIMIT " + limit : "");
        run(sql, where.params(), rs -> each.accept(new StoredEvent(rs.getLong(1), rs.getString(2))));
    }

    /** The matching events after {@code afterSeq}, oldest first, at most {@code limit} (0: all). */
    public List<StoredEvent> query(EventFilter filter, long afterSeq, long limit) {
        List<StoredEvent> out = new ArrayList<>();
        forEach(filter, afterSeq, limit, out::add);
        return out;
    }

    /** The newest {@code n} matching events up to record {@code upToSeq}, oldest first (what {@code tail} shows). */
    public List<StoredEvent> last(EventFilter filter, long upToSeq, int n) {
        Where where = where(filter, 0);
        where = new Where(where.sql() + (where.sql().isEmpty() ? " WHERE " : " AND ") + "seq <= ?",
                append(where.params(), upToSeq));
        List<StoredEvent> out = new ArrayList<>();
        run("SELECT seq, record FROM events" + where.sql() + " ORDER BY seq DESC LIMIT " + Math.max(0, n), where.params(),
                rs -> out.add(new StoredEvent(rs.getLong(1), rs.getString(2))));
        Collections.reverse(out);
        return out;
    }

    /** The newest record's sequence number, 0 for an empty store. */
    public long lastSeq() {
        long[] last = {0};
        run("SELECT coalesce(max(seq), 0) FROM events", List.of(), rs -> last[0] = rs.getLong(1));
        return last[0];
    }

    /** One summary per session with events in the time window, in the order the sessions started. */
    public List<SessionSummary> sessions(EventFilter filter) {
        Where where = where(filter, 0);
        String sql = """
                SELECT session_id, min(seq), min(ts), max(ts),
                  max(CASE WHEN type = 'warden.session_start' THEN record END),
                  max(CASE WHEN type = 'warden.session_end' THEN record END),
                  sum(type = 'warden.tool_decision' AND decision = 'allow'),
                  sum(type = 'warden.tool_decision' AND decision = 'ask'),
                  sum(type = 'warden.tool_decision' AND decision = 'deny'),
                  sum(type = 'warden.sandbox_violation'),
                  count(*)
                FROM events""" + where.sql() + " GROUP BY session_id ORDER BY min(seq)";
        List<SessionSummary> out = new ArrayList<>();
        run(sql, where.params(), rs -> {
            Map<String, Object> start = data(rs.getString(5));
            Map<String, Object> end = data(rs.getString(6));
            String agent = "?";
            if (start.get("agent_command") instanceof List<?> argv && !argv.isEmpty()) {
                String program = String.valueOf(argv.getFirst());
                agent = program.substring(program.lastIndexOf('/') + 1);
            }
            out.add(new SessionSummary(rs.getString(1), agent, String.valueOf(start.getOrDefault("front_door", "?")),
                    rs.getString(3), rs.getString(4), number(end.get("duration_ms")), number(end.get("exit_status")),
                    rs.getLong(7), rs.getLong(8), rs.getLong(9), rs.getLong(10), rs.getLong(11)));
        });
        return out;
    }

    private record Where(String sql, List<Object> params) {}

    private static Where where(EventFilter filter, long afterSeq) {
        StringBuilder sql = new StringBuilder();
        List<Object> params = new ArrayList<>();
        if (afterSeq > 0) {
            clause(sql, "seq > ?");
            params.add(afterSeq);
        }
        filter.session().ifPresent(s -> {
            if (s.length() == 32) {
                clause(sql, "session_id = ?");
                params.add(s);
            } else {
                // A hex prefix is the index range [prefix, prefix + 'g'): 'g' sorts after every hex digit.
                clause(sql, "session_id >= ? AND session_id < ?");
                params.add(s);
                params.add(s + "g");
            }
        });
        if (!filter.types().isEmpty()) {
            clause(sql, "type IN (" + String.join(",", Collections.nCopies(filter.types().size(), "?")) + ")");
            params.addAll(filter.types());
        }
        filter.decision().ifPresent(d -> {
            clause(sql, "decision = ?");
            params.add(d);
        });
        filter.since().ifPresent(t -> {
            clause(sql, "ts >= ?");
            params.add(Event.formatTimestamp(t));
        });
        filter.until().ifPresent(t -> {
            clause(sql, "ts < ?");
            params.add(Event.formatTimestamp(t));
        });
        filter.grep().ifPresent(g -> {
            clause(sql, "record LIKE ? ESCAPE '\\'");
            params.add("%" + g.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%");
        });
        return new Where(sql.toString(), params);
    }

    private static List<Object> append(List<Object> params, Object value) {
        List<Object> out = new ArrayList<>(params);
        out.add(value);
        return out;
    }

    private static void clause(StringBuilder sql, String condition) {
        sql.append(sql.isEmpty() ? " WHERE " : " AND ").append(condition);
    }

    @FunctionalInterface
    private interface Row {
        void read(ResultSet rs) throws SQLException;
    }

    private void run(String sql, List<Object> params, Row row) {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < params.size(); i++) {
                statement.setObject(i + 1, params.get(i));
            }
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    row.read(rs);
                }
            }
        } catch (SQLException e) {
            throw new dev.warden.audit.AuditException("audit store " + database + ": " + e.getMessage()
                    + " while reading; run 'warden audit verify'", e);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> data(String record) {
        if (record == null) {
            return Map.of();
        }
        Object json = Json.parse(record);
        return json instanceof Map<?, ?> map && map.get("data") instanceof Map<?, ?> data
                ? (Map<String, Object>) data : Map.of();
    }

    private static Optional<Long> number(Object value) {
        return value instanceof Number n ? Optional.of(n.longValue()) : Optional.empty();
    }

    @Override
    public void close() {
        try {
            connection.close();
        } catch (SQLException e) {
            // read-only: nothing to lose
        }
    }
}
