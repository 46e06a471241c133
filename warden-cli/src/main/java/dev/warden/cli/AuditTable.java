package dev.warden.cli;

import dev.warden.audit.query.EventLine;
import dev.warden.audit.query.SessionSummary;
import dev.warden.audit.query.StoredEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Events and sessions as aligned columns for people. Event columns have fixed widths, so a followed tail
 * stays aligned with what was printed before; every cell is made terminal-safe (an agent's text cannot
 * move the cursor or reorder the line).
 */
final class AuditTable {
    static final String EVENT_HEADER = row("SEQ", "TIME (UTC)", "SESSION", "TYPE", "DECISION", "WHAT");
    private static final int WHAT_WIDTH = 110;

    private AuditTable() {}

    static String event(StoredEvent stored, boolean wide) {
        Map<String, Object> json = stored.json();
        String what = EventLine.printable(EventLine.describe(json));
        if (!wide && what.length() > WHAT_WIDTH) {
            what = what.substring(0, WHAT_WIDTH - 1) + "…";
        }
        String ts = String.valueOf(json.get("timestamp"));
        String time = ts.length() >= 19 ? ts.substring(0, 10) + " " + ts.substring(11, 19) : ts;
        String session = String.valueOf(json.get("session_id"));
        return row(Long.toString(stored.seq()), time, session.substring(0, Math.min(8, session.length())),
                EventLine.printable(EventLine.shortType(json)), EventLine.decision(json), what);
    }

    private static String row(String seq, String time, String session, String type, String decision, String what) {
        return String.format("%7s  %-19s  %-8s  %-17s  %-8s  %s", seq, time, session, type, decision, what).stripTrailing();
    }

    static String sessions(List<SessionSummary> sessions) {
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"SESSION", "AGENT", "VIA", "START (UTC)", "DURATION", "ALLOW", "ASK", "DENY", "VIOLATIONS", "EVENTS"});
        for (SessionSummary s : sessions) {
            String start = s.started().length() >= 19 ? s.started().substring(0, 10) + " " + s.started().substring(11, 19) : s.started();
            rows.add(new String[] {s.sessionId().substring(0, Math.min(12, s.sessionId().length())),
                EventLine.printable(s.agent()), EventLine.printable(s.frontDoor()), start,
                s.durationMillis().map(AuditTable::duration).orElse("no end"),
                Long.toString(s.allowed()), Long.toString(s.asked()), Long.toString(s.denied()),
                Long.toString(s.violations()), Long.toString(s.events())});
        }
        return aligned(rows);
    }

    static String duration(long millis) {
        if (millis < 60_000) {
            return String.format("%.1fs", millis / 1000.0);
        }
        long seconds = millis / 1000;
        if (seconds < 3600) {
            return String.format("%dm%02ds", seconds / 60, seconds % 60);
        }
        return String.format("%dh%02dm", seconds / 3600, (seconds % 3600) / 60);
    }

    /** Columns padded to their widest cell; numbers (all columns after the fifth) right-aligned. */
    static String aligned(List<String[]> rows) {
        int columns = rows.getFirst().length;
        int[] width = new int[columns];
        for (String[] row : rows) {
            for (int i = 0; i < columns; i++) {
                width[i] = Math.max(width[i], row[i].length());
            }
        }
        StringBuilder out = new StringBuilder();
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < columns; i++) {
                String cell = row[i];
                String pad = " ".repeat(width[i] - cell.length());
                line.append(i >= 5 ? pad + cell : cell + pad).append(i == columns - 1 ? "" : "  ");
            }
            out.append(line.toString().stripTrailing()).append('\n');
        }
        return out.toString();
    }
}
