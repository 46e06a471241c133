package dev.warden.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.audit.AuditConfig;
import dev.warden.audit.AuditLog;
import dev.warden.core.Action;
import dev.warden.core.Decision;
import dev.warden.core.Reason;
import dev.warden.core.ReasonSource;
import dev.warden.core.Verdict;
import dev.warden.core.event.EventBody;
import dev.warden.core.event.SessionRecorder;
import dev.warden.core.json.Json;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code warden audit ...} as a person runs it, on a store the test fills through the front doors' API. */
class AuditIT {
    @TempDir
    Path tmp;

    WardenProcess warden;
    List<String> sessions = new ArrayList<>();

    @BeforeEach
    void setUp() {
        warden = new WardenProcess(tmp);
        record(AuditConfig.defaults(warden.home), "codex", 6);
        record(AuditConfig.defaults(warden.home), "/opt/bin/claude", 3);
    }

    /** One session of {@code calls} tool calls: allow, ask (approved), deny, in turn. */
    void record(AuditConfig config, String agent, int calls) {
        try (AuditLog log = AuditLog.open(config, m -> { throw new AssertionError(m); })) {
            SessionRecorder s = log.startSession("0.1.0", new EventBody.SessionStart("exec", List.of(agent, "--yolo"),
                    "ada", "build-7", warden.project.toString(), "00".repeat(32), "bwrap", "full"));
            for (int i = 0; i < calls; i++) {
                Decision d = Decision.values()[i % 3];
                SessionRecorder.Span span = s.span();
                span.emit(EventBody.ToolDecision.of(new Action.Exec(List.of("git", "push", "origin", "b" + i), warden.project),
                        new Verdict(d, List.of(Reason.of(ReasonSource.RULE, d, "pushes are reviewed", 0)), List.of())));
                if (d == Decision.ASK) {
                    span.emit(new EventBody.Approval("terminal", EventBody.ApprovalScope.ONCE, Decision.ALLOW, "user", 900));
                }
            }
            s.emit(new EventBody.SandboxViolation("filesystem", "/etc/shadow\u001b[2J", "open denied"));
            s.end(0, "exited");
            sessions.add(s.sessionId());
        }
    }

    @Test
    void verifyReportsIntactThenTheFirstBadRecordWithExitOne() throws Exception {
        var ok = warden.run("audit", "verify");
        assertThat(ok.exit()).as(ok.toString()).isZero();
        assertThat(ok.out()).contains("audit.db: intact").containsPattern("records +1 to 18 \\(18\\)");

        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + warden.home.resolve("audit.db"));
             Statement s = c.createStatement()) {
            s.execute("DROP TRIGGER events_no_delete");
            s.executeUpdate("DELETE FROM events WHERE seq = 5");
        }
        var bad = warden.run("audit", "verify");
        assertThat(bad.exit()).as(bad.toString()).isEqualTo(1);
        assertThat(bad.out()).contains("NOT INTACT").containsPattern("first bad record +5 \\(deleted\\)");
        var json = warden.run("audit", "verify", "--json");
        @SuppressWarnings("unchecked")
        Map<String, Object> report = (Map<String, Object>) Json.parse(json.out());
        assertThat(report.get("intact")).isEqualTo(false);
        assertThat(report.get("problem")).isEqualTo(Map.of("seq", 5L, "kind", "deleted", "message", "record 5 is missing (deleted)"));
    }

    @Test
    void queryPrintsAnAlignedTableOrJson() {
        var table = warden.run("audit", "query", "--decision", "deny", "--type", "tool_decision");
        assertThat(table.exit()).as(table.toString()).isZero();
        List<String> lines = table.out().lines().toList();
        assertThat(lines.getFirst()).startsWith("    SEQ  TIME (UTC)");
        assertThat(lines).hasSize(1 + 3);
        int what = lines.getFirst().indexOf("WHAT");
        assertThat(lines.subList(1, lines.size())).allSatisfy(l -> {
            assertThat(l.indexOf("exec: git push origin")).isEqualTo(what);
            assertThat(l).contains(" deny ");
        });
        var jsonl = warden.run("audit", "query", "--session", sessions.get(1).substring(0, 8), "--jsonl");
        assertThat(jsonl.out().lines().map(l -> (Object) ((Map<?, ?>) Json.parse(l)).get("session_id")).distinct().toList())
                .containsExactly((Object) sessions.get(1));
        var json = warden.run("audit", "query", "--grep", "\"b4\"", "--json");
        assertThat((List<?>) Json.parse(json.out())).hasSize(1);
    }

    @Test
    void textAnAgentWroteCannotDriveTheTerminal() {
        var r = warden.run("audit", "query", "--type", "sandbox_violation");
        assertThat(r.out()).doesNotContain("\u001b").contains("/etc/shadow\\x1b[2J");
    }

    @Test
    void sessionsShowOneLinePerSessionWithCounts() {
        var r = warden.run("audit", "sessions");
        assertThat(r.exit()).as(r.toString()).isZero();
        List<String> lines = r.out().lines().toList();
        assertThat(lines).hasSize(3);
        assertThat(lines.get(0)).containsPattern("SESSION +AGENT +VIA +START \\(UTC\\) +DURATION +ALLOW +ASK +DENY +VIOLATIONS +EVENTS");
        assertThat(lines.get(1)).startsWith(sessions.get(0).substring(0, 12)).containsPattern("codex +exec .* +2 +2 +2 +1 +11$");
        assertThat(lines.get(2)).containsPattern("claude +exec .* +1 +1 +1 +1 +7$");
    }

    @Test
    void exportWritesTheStoredRecords() throws Exception {
        Path out = tmp.resolve("export.jsonl");
        var r = warden.run("audit", "export", "--format", "jsonl", "--since", "1d", "--output", out.toString());
        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(Files.readAllLines(out)).hasSize(18).allSatisfy(l -> assertThat(Json.parse(l)).isInstanceOf(Map.class));
        warden.write(warden.home.resolve("config.toml"), "[otel]\nenvironment = \"ci\"\n");
        var otlp = warden.run("audit", "export", "--format", "otlp-json");
        assertThat(otlp.exit()).as(otlp.toString()).isZero();
        assertThat(otlp.out().lines().toList()).singleElement().satisfies(line -> {
            @SuppressWarnings("unchecked")
            Map<String, Object> request = (Map<String, Object>) Json.parse(line);
            assertThat(line).contains("\"deployment.environment.name\",\"value\":{\"stringValue\":\"ci\"}")
                    .contains("\"eventName\":\"warden.tool_decision\"");
            assertThat(request).containsKey("resourceLogs");
        });
        var bad = warden.run("audit", "export", "--format", "csv");
        assertThat(bad.exit()).isEqualTo(2);
        assertThat(bad.err()).contains("--format csv: unknown format");
    }

    @Test
    void tailFollowsNewEvents() throws Exception {
        ProcessBuilder pb = new ProcessBuilder(ProcessHandle.current().info().command().orElse("java"),
                "--enable-native-access=ALL-UNNAMED", "-jar", System.getProperty("warden.jar", "target/warden-cli.jar"),
                "audit", "tail", "-n", "2", "-f", "--interval", "100")
                .directory(warden.project.toFile()).redirectErrorStream(true);
        pb.environment().put("WARDEN_HOME", warden.home.toString());
        pb.environment().put("WARDEN_SYSTEM_DIR", warden.system.toString());
        pb.environment().put("HOME", warden.home.getParent().toString());
        Process tail = pb.start();
        tail.getOutputStream().close();
        // Read while the reader thread appends: streaming a synchronizedList is not synchronized (a CI run threw
        // ConcurrentModificationException here); a copy-on-write list iterates over a snapshot.
        List<String> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
        Thread reader = Thread.ofPlatform().start(() -> {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(tail.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = lines.readLine()) != null; ) {
                    seen.add(line);
                }
            } catch (java.io.IOException ignored) {
                // killed
            }
        });
        try {
            waitFor(() -> seen.size() >= 3, seen);
            assertThat(seen.get(2)).contains("session_end");
            record(AuditConfig.defaults(warden.home), "aider", 1);
            waitFor(() -> seen.stream().anyMatch(l -> l.contains("exec: aider --yolo")), seen);
            waitFor(() -> seen.getLast().contains("session_end"), seen);
        } finally {
            tail.destroyForcibly();
            tail.waitFor(10, TimeUnit.SECONDS);
            reader.join();
        }
    }

    @Test
    void theConfiguredPathIsWhereCommandsLook() throws Exception {
        Path elsewhere = tmp.resolve("logs/warden-audit.db");
        record(AuditConfig.defaults(warden.home).withDatabase(elsewhere), "goose", 1);
        warden.write(warden.home.resolve("config.toml"), "[audit]\npath = \"" + elsewhere + "\"\n");
        var r = warden.run("audit", "sessions");
        assertThat(r.out().lines().toList()).hasSize(2).anySatisfy(l -> assertThat(l).contains("goose"));
        var explain = warden.run("config", "explain");
        assertThat(explain.out()).containsPattern("audit.path +" + elsewhere);
    }

    @Test
    void aMissingStoreOrBadFilterIsAUsageError() {
        var missing = warden.run("audit", "query", "--path", tmp.resolve("none.db").toString());
        assertThat(missing.exit()).isEqualTo(2);
        assertThat(missing.err()).startsWith("warden: no audit store at " + tmp.resolve("none.db"));
        var since = warden.run("audit", "query", "--since", "yesterday");
        assertThat(since.exit()).isEqualTo(2);
        assertThat(since.err()).contains("\"yesterday\" is not a time");
    }

    private static void waitFor(java.util.function.BooleanSupplier condition, List<String> seen) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("tail -f did not print what was expected; it printed:\n" + String.join("\n", seen));
            }
            Thread.sleep(20);
        }
    }
}
