package dev.warden.audit;

import dev.warden.audit.store.AuditKey;
import dev.warden.audit.store.Verifier;
import dev.warden.audit.store.VerifyReport;
import dev.warden.core.Action;
import dev.warden.core.Decision;
import dev.warden.core.Reason;
import dev.warden.core.ReasonSource;
import dev.warden.core.Verdict;
import dev.warden.core.event.EventBody;
import dev.warden.core.event.SessionRecorder;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** A Warden home in a temporary directory with an audit store, and ways to fill it and to attack it. */
public final class AuditHome {
    public final Path home;
    public final List<String> alarms = Collections.synchronizedList(new ArrayList<>());
    private AuditConfig config;

    public AuditHome(Path home) {
        this.home = home;
        this.config = AuditConfig.defaults(home);
    }

    public AuditConfig config() {
        return config;
    }

    public AuditHome with(AuditConfig newConfig) {
        this.config = newConfig;
        return this;
    }

    public Path database() {
        return config.database();
    }

    public AuditLog open() {
        return AuditLog.open(config, alarms::add);
    }

    public static EventBody.SessionStart start(String agent) {
        return new EventBody.SessionStart("exec", List.of(agent, "--model", "o4"), "ada", "build-7", "/work/project",
                "0f".repeat(32), "bwrap", "full");
    }

    /** One tool call: the decision, for asks an approval, then the result. */
    public static void toolCall(SessionRecorder session, int i) {
        SessionRecorder.Span span = session.span();
        Action action = new Action.Exec(List.of("git", "commit", "-m", "change " + i), Path.of("/work/project"));
        Decision decision = switch (i % 3) {
            case 0 -> Decision.ALLOW;
            case 1 -> Decision.ASK;
            default -> Decision.DENY;
        };
        span.emit(EventBody.ToolDecision.of(action, new Verdict(decision,
                List.of(Reason.of(ReasonSource.RULE, decision, "rule for git commit", 0)), List.of())));
        if (decision == Decision.ASK) {
            span.emit(new EventBody.Approval("terminal", EventBody.ApprovalScope.ONCE, Decision.ALLOW, "user", 800 + i));
        }
        if (decision != Decision.DENY) {
            span.emit(new EventBody.ToolResult(0, 12, 100 + i, 0, "ab".repeat(32)));
        }
    }

    /** Writes {@code sessions} whole sessions of {@code calls} tool calls each; returns their ids. */
    public List<String> writeSessions(int sessions, int calls) {
        List<String> ids = new ArrayList<>();
        try (AuditLog log = open()) {
            for (int s = 0; s < sessions; s++) {
                SessionRecorder session = log.startSession("0.1.0-test", start("agent-" + s));
                for (int i = 0; i < calls; i++) {
                    toolCall(session, i);
                }
                session.end(0, "exited");
                ids.add(session.sessionId());
            }
        }
        return ids;
    }

    public VerifyReport verify() {
        return Verifier.verify(database(), AuditKey.loadPublic(config.keyDirectory()));
    }

    /** A plain JDBC connection with the append-only triggers dropped: what an attacker with the file can do. */
    public Connection tamper() throws SQLException {
        Connection connection = DriverManager.getConnection("jdbc:sqlite:" + database());
        try (Statement statement = connection.createStatement()) {
            for (String trigger : List.of("events_no_update", "events_no_delete", "checkpoints_no_update",
                    "checkpoints_no_delete")) {
                statement.execute("DROP TRIGGER IF EXISTS " + trigger);
            }
        }
        return connection;
    }
}
