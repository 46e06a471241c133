package dev.warden.bench.audit;

import dev.warden.core.Action;
import dev.warden.core.Decision;
import dev.warden.core.Reason;
import dev.warden.core.ReasonSource;
import dev.warden.core.Verdict;
import dev.warden.core.event.Event;
import dev.warden.core.event.EventBody;
import dev.warden.core.event.EventSink;
import dev.warden.core.event.SessionRecorder;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import org.sqlite.SQLiteConfig;

/**
 * Realistic sessions for the benchmarks: per tool call a decision on a command with its environment, for
 * asks an approval, then a result; now and then a network decision. Events are about 600 bytes of canonical
 * JSON, like a coding agent's.
 */
final class BenchEvents {
    private static final List<List<String>> COMMANDS = List.of(
            List.of("git", "status"), List.of("npm", "test"), List.of("bash", "-lc", "pytest -q tests/unit && ruff check ."),
            List.of("git", "commit", "-m", "Fix the flaky retry test"), List.of("cargo", "build", "--release"),
            List.of("rg", "-n", "TODO", "src/"), List.of("git", "push", "origin", "feature/audit"),
            List.of("curl", "-sS", "https://pypi.org/simple/requests/"));

    private BenchEvents() {}

    /** Emits {@code sessions} sessions of about {@code perSession} events each into {@code sink}, on a stepping clock. */
    static void sessions(EventSink sink, int sessions, int perSession, long seed) {
        Random random = new Random(seed);
        AtomicLong micros = new AtomicLong();
        Instant base = Instant.parse("2026-03-01T09:00:00Z");
        InstantSource clock = () -> base.plusNanos(micros.addAndGet(250) * 1000);
        for (int s = 0; s < sessions; s++) {
            SessionRecorder session = SessionRecorder.start(sink, "0.1.0-bench", clock, random,
                    new EventBody.SessionStart("exec", List.of("codex", "--full-auto"), "ada", "build-7",
                            "/home/ada/src/project", "0f".repeat(32), "bwrap", "full"));
            int emitted = 1;
            for (int call = 0; emitted < perSession - 5; call++) {
                emitted += toolCall(session, random, call); // 1 to 4 events
            }
            while (emitted < perSession - 1) { // exactly perSession events, session_end included
                session.emit(new EventBody.ConfigWarning("approval_policy \"never\" (user config:3) is not allowed"
                        + " by requirements; using \"on-request\""));
                emitted++;
            }
            session.end(0, "exited");
        }
    }

    private static int toolCall(SessionRecorder session, Random random, int call) {
        SessionRecorder.Span span = session.span();
        List<String> argv = COMMANDS.get(random.nextInt(COMMANDS.size()));
        Decision decision = switch (random.nextInt(10)) {
            case 0 -> Decision.DENY;
            case 1, 2 -> Decision.ASK;
            default -> Decision.ALLOW;
        };
        Action action = new Action.Exec(argv, Path.of("/home/ada/src/project"),
                Map.of("PATH", "/usr/local/bin:/usr/bin:/bin", "LANG", "C.UTF-8", "CI", "false"));
        span.emit(EventBody.ToolDecision.of(action, new Verdict(decision, List.of(
                Reason.of(ReasonSource.RULE, decision, "prefix_rule matched " + argv.getFirst() + " (call " + call + ")", 0)),
                List.of())));
        int n = 1;
        if (decision == Decision.ASK) {
            span.emit(new EventBody.Approval("terminal", EventBody.ApprovalScope.ONCE, Decision.ALLOW, "user", 400 + random.nextInt(5000)));
            n++;
        }
        if (decision != Decision.DENY) {
            span.emit(new EventBody.ToolResult(random.nextInt(3) == 0 ? 1 : 0, random.nextInt(4000), random.nextInt(100_000),
                    random.nextInt(2000), String.format("%016x", random.nextLong()).repeat(4)));
            n++;
        }
        if (random.nextInt(8) == 0) {
            session.emit(new EventBody.NetworkDecision("registry.npmjs.org", 443, "https", Decision.ALLOW,
                    List.of(Reason.of(ReasonSource.CONFIG, Decision.ALLOW, "in allowed_domains", -1))));
            n++;
        }
        return n;
    }

    /**
     * A plain SQLite table for the side-by-side runs: the same rows, the same generated and indexed query
     * columns, the same WAL and synchronous=FULL, but no hash, no chain, no checkpoints, no redaction.
     */
    static Connection plainSqlite(Path file) throws SQLException {
        SQLiteConfig config = new SQLiteConfig();
        config.setJournalMode(SQLiteConfig.JournalMode.WAL);
        config.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
        config.setBusyTimeout(10_000);
        config.setCacheSize(-16_000);
        Connection connection = config.createConnection("jdbc:sqlite:" + file);
        try (Statement s = connection.createStatement()) {
            s.execute("""
                    CREATE TABLE IF NOT EXISTS events (
                      seq INTEGER PRIMARY KEY,
                      record TEXT NOT NULL,
                      session_id TEXT GENERATED ALWAYS AS (json_extract(record, '$.session_id')) VIRTUAL,
                      type TEXT GENERATED ALWAYS AS (json_extract(record, '$.type')) VIRTUAL,
                      ts TEXT GENERATED ALWAYS AS (json_extract(record, '$.timestamp')) VIRTUAL,
                      decision TEXT GENERATED ALWAYS AS (json_extract(record, '$.data.decision')) VIRTUAL)""");
            s.execute("CREATE INDEX IF NOT EXISTS events_session ON events(session_id, seq)");
            s.execute("CREATE INDEX IF NOT EXISTS events_ts ON events(ts)");
        }
        return connection;
    }

    static List<Event> collect(int sessions, int perSession, long seed) {
        List<Event> out = new java.util.ArrayList<>();
        sessions(out::add, sessions, perSession, seed);
        return out;
    }
}
