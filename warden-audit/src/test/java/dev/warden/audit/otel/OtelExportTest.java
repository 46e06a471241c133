package dev.warden.audit.otel;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.audit.AuditHome;
import dev.warden.audit.redact.FakeSecrets;
import dev.warden.core.Action;
import dev.warden.core.Decision;
import dev.warden.core.Reason;
import dev.warden.core.ReasonSource;
import dev.warden.core.Verdict;
import dev.warden.core.event.Event;
import dev.warden.core.event.EventBody;
import dev.warden.core.event.SessionRecorder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Events and sessions exported over OTLP/HTTP to a collector on loopback, checked on the decoded wire payloads. */
class OtelExportTest {
    OtlpReceiver collector;
    final List<String> alarms = Collections.synchronizedList(new ArrayList<>());
    final List<Event> sent = new ArrayList<>();

    @BeforeEach
    void startCollector() throws Exception {
        collector = new OtlpReceiver();
    }

    @AfterEach
    void stopCollector() {
        collector.close();
    }

    OtelSettings settings(boolean logPrompt) {
        return OtelSettings.parse(Map.of("environment", "staging", "log_user_prompt", logPrompt,
                "exporter", Map.of("otlp-http", Map.of("endpoint", collector.url() + "/v1/logs",
                        "headers", Map.of("x-otlp-api-key", "k-123"))),
                "trace_exporter", Map.of("otlp-http", Map.of("endpoint", collector.url()))));
    }

    /** A session: an allowed command with its result, a command asked and approved, a denied connection. */
    SessionRecorder session(OtelExporter exporter, String secret) {
        SessionRecorder s = SessionRecorder.start(e -> {
            sent.add(e);
            exporter.emit(e);
        }, "0.1.0-test", AuditHome.start("codex"));
        SessionRecorder.Span call = s.span();
        call.emit(EventBody.ToolDecision.of(new Action.Exec(List.of("git", "status"), Path.of("/work/project")),
                verdict(Decision.ALLOW, "git status is known safe")));
        call.emit(new EventBody.ToolResult(0, 15, 120, 0, "cd".repeat(32)));
        SessionRecorder.Span asked = s.span();
        asked.emit(EventBody.ToolDecision.of(new Action.Exec(List.of("bash", "-lc", "GITHUB_TOKEN=" + secret + " git push"),
                Path.of("/work/project")), verdict(Decision.ASK, "pushes need a person")));
        asked.emit(new EventBody.Approval("terminal", EventBody.ApprovalScope.ONCE, Decision.ALLOW, "user", 1500));
        asked.emit(new EventBody.ToolResult(1, 900, 10, 40, "ef".repeat(32)));
        s.emit(new EventBody.NetworkDecision("pypi.org", 443, "https", Decision.DENY,
                List.of(Reason.of(ReasonSource.CONFIG, Decision.DENY, "pypi.org is not in allowed_domains", -1))));
        s.emit(EventBody.UserPrompt.of("deploy with token " + secret, true));
        return s;
    }

    static Verdict verdict(Decision d, String why) {
        return new Verdict(d, List.of(Reason.of(ReasonSource.RULE, d, why, 0)), List.of());
    }

    @Test
    void everyEventArrivesAsALogRecordWithSemanticAttributesAndItsOwnIds() {
        String secret = FakeSecrets.all(4).getFirst().secret(); // a GitHub-shaped token
        OtelExporter exporter = OtelExporter.start(settings(false), "0.1.0-test", alarms::add);
        session(exporter, secret).end(1, "exited");
        exporter.close();

        List<Protobuf> records = collector.logRecords();
        assertThat(records).hasSize(sent.size());
        Map<String, Protobuf> byId = records.stream().collect(Collectors.toMap(
                r -> (String) Protobuf.attributes(r.messages(6)).get("warden.event.id"), Function.identity()));
        for (Event e : sent) {
            Protobuf r = byId.get(e.eventId());
            assertThat(r.hex(9)).as("trace id").isEqualTo(e.traceId());
            assertThat(r.hex(10)).as("span id").isEqualTo(e.spanId());
            assertThat(r.number(1)).as("time").isEqualTo(OtelExporter.nanos(e));
            assertThat(r.string(12)).as("event name").isEqualTo(e.type());
            assertThat(Protobuf.attributes(r.messages(6))).containsEntry("event.name", e.type())
                    .containsEntry("warden.session.id", e.sessionId()).containsEntry("warden.session.seq", e.sequence());
        }
        Map<String, Object> start = attributesOf(byId, sent.getFirst());
        assertThat(start).containsEntry("process.command_args", List.of("codex", "--model", "o4"))
                .containsEntry("user.name", "ada").containsEntry("warden.sandbox.backend", "bwrap");
        Map<String, Object> allowed = attributesOf(byId, sent.get(1));
        assertThat(allowed).containsEntry("process.command_args", List.of("git", "status"))
                .containsEntry("process.working_directory", "/work/project").containsEntry("warden.decision", "allow")
                .containsEntry("warden.decision.source", "rule").containsEntry("warden.reasons", List.of("git status is known safe"));
        assertThat(attributesOf(byId, sent.get(2))).containsEntry("process.exit.code", 0L).containsEntry("warden.duration_ms", 15L);
        Protobuf denied = byId.get(sent.get(6).eventId());
        assertThat(Protobuf.attributes(denied.messages(6))).containsEntry("server.address", "pypi.org")
                .containsEntry("server.port", 443L).containsEntry("network.protocol.name", "https");
        assertThat(denied.string(3)).isEqualTo("WARN");
        assertThat(Protobuf.anyValue(denied.message(5))).isEqualTo("https pypi.org:443 [pypi.org is not in allowed_domains]");

        assertThat(collector.logResource()).containsEntry("service.name", "warden")
                .containsEntry("service.version", "0.1.0-test").containsEntry("deployment.environment.name", "staging");
        assertThat(collector.on("/v1/logs").getFirst().headers().get("X-otlp-api-key")).containsExactly("k-123");
        assertThat(exporter.stats()).isEqualTo(new OtelExporter.Stats(sent.size(), 0, 0));
        assertThat(alarms).isEmpty();
    }

    @Test
    void secretsAndPromptTextNeverReachTheWire() {
        FakeSecrets fixture = FakeSecrets.all(5).getFirst();
        OtelExporter exporter = OtelExporter.start(settings(false), "0.1.0-test", alarms::add);
        session(exporter, fixture.secret()).end(0, "exited");
        exporter.close();
        for (OtlpReceiver.Request r : collector.requests) {
            String wire = new String(r.body(), StandardCharsets.ISO_8859_1);
            assertThat(wire).doesNotContain(fixture.secret()).doesNotContain(fixture.core()).doesNotContain("deploy with token");
        }
        Protobuf prompt = collector.logRecords().stream()
                .filter(r -> "warden.user_prompt".equals(r.string(12))).findFirst().orElseThrow();
        assertThat(Protobuf.attributes(prompt.messages(6))).containsKey("warden.prompt.length").doesNotContainKey("warden.prompt.text");
    }

    @Test
    void promptTextIsSentWhenLogUserPromptAllowsItStillRedacted() {
        FakeSecrets fixture = FakeSecrets.all(6).getFirst();
        OtelExporter exporter = OtelExporter.start(settings(true), "0.1.0-test", alarms::add);
        session(exporter, fixture.secret()).end(0, "exited");
        exporter.close();
        Protobuf prompt = collector.logRecords().stream()
                .filter(r -> "warden.user_prompt".equals(r.string(12))).findFirst().orElseThrow();
        assertThat(Protobuf.attributes(prompt.messages(6)).get("warden.prompt.text"))
                .isEqualTo("deploy with token [REDACTED:github-token]");
    }

    @Test
    void aSessionIsATraceWithASpanPerToolCallAndPerApproval() {
        OtelExporter exporter = OtelExporter.start(settings(false), "0.1.0-test", alarms::add);
        SessionRecorder s = session(exporter, "x");
        s.end(0, "exited");
        exporter.close();

        List<Protobuf> spans = collector.spans();
        assertThat(spans).extracting(p -> p.string(5)).containsExactlyInAnyOrder(
                "warden.session", "warden.tool_call", "warden.tool_call", "warden.approval");
        assertThat(spans).allSatisfy(p -> assertThat(p.hex(1)).isEqualTo(s.traceId()));
        Protobuf root = named(spans, "warden.session").getFirst();
        assertThat(root.hex(2)).isEqualTo(s.rootSpanId());
        assertThat(root.hex(4)).as("the root has no parent").isEmpty();
        assertThat(root.number(7)).isEqualTo(OtelExporter.nanos(sent.getFirst()));
        assertThat(root.number(8)).isEqualTo(OtelExporter.nanos(sent.getLast()));
        assertThat(Protobuf.attributes(root.messages(9))).containsEntry("process.command_args", List.of("codex", "--model", "o4"))
                .containsEntry("warden.session.ended", true).containsEntry("process.exit.code", 0L);
        List<Protobuf> calls = named(spans, "warden.tool_call");
        assertThat(calls).allSatisfy(c -> assertThat(c.hex(4)).isEqualTo(s.rootSpanId()));
        assertThat(calls).extracting(c -> c.hex(2)).containsExactlyInAnyOrder(sent.get(1).spanId(), sent.get(3).spanId());
        Protobuf approval = named(spans, "warden.approval").getFirst();
        assertThat(approval.hex(4)).as("under its tool call").isEqualTo(sent.get(3).spanId());
        assertThat(approval.number(8) - approval.number(7)).as("as long as the person took").isEqualTo(1_500_000_000L);
        assertThat(Protobuf.attributes(approval.messages(9))).containsEntry("warden.approval.channel", "terminal");
    }

    @Test
    void anUnreachableCollectorNeverSlowsTheAgentAndIsReportedAtClose() {
        collector.close();
        OtelExporter exporter = OtelExporter.start(settings(false), "0.1.0-test", alarms::add, 64, java.time.Duration.ofSeconds(1));
        SessionRecorder s = SessionRecorder.start(e -> {
            sent.add(e);
            exporter.emit(e);
        }, "t", AuditHome.start("codex"));
        long start = System.nanoTime();
        for (int i = 0; i < 5_000; i++) {
            s.emit(new EventBody.ConfigWarning("w" + i));
        }
        long micros = (System.nanoTime() - start) / 1_000 / 5_000;
        assertThat(micros).as("emit stays in microseconds while the collector is down").isLessThan(200);
        exporter.close();
        OtelExporter.Stats stats = exporter.stats();
        assertThat(stats.exported()).isZero();
        assertThat(stats.dropped() + stats.failed()).isEqualTo(5_001);
        assertThat(stats.dropped()).as("the bounded queue overflowed").isPositive();
        assertThat(alarms).singleElement().asString().contains("5001 event(s) did not reach the collector")
                .contains("the local audit store has all of them");
    }

    @Test
    void aCollectorThatRefusesIsCountedNotRetriedForever() {
        collector.statusByPath.put("/v1/logs", 400); // a permanent error: not retried
        OtelExporter exporter = OtelExporter.start(settings(false), "0.1.0-test", alarms::add);
        session(exporter, "x").end(0, "exited");
        exporter.close();
        assertThat(exporter.stats().failed()).isEqualTo(sent.size());
        assertThat(alarms).singleElement().asString().contains(sent.size() + " refused or unreachable");
    }

    @Test
    void logsAndSpansAlsoTravelOverGrpc() throws Exception {
        try (GrpcReceiver logsCollector = new GrpcReceiver(); GrpcReceiver tracesCollector = new GrpcReceiver()) {
            OtelSettings grpc = OtelSettings.parse(Map.of(
                    "log_exporter", Map.of("otlp-grpc", Map.of("endpoint", logsCollector.url())),
                    "trace_exporter", Map.of("otlp-grpc", Map.of("endpoint", tracesCollector.url()))));
            OtelExporter exporter = OtelExporter.start(grpc, "0.1.0-test", alarms::add);
            SessionRecorder s = session(exporter, "x");
            s.end(0, "exited");
            exporter.close();

            List<Protobuf> records = new ArrayList<>();
            for (byte[] message : logsCollector.messages) {
                for (Protobuf resourceLogs : Protobuf.parse(message).messages(1)) {
                    resourceLogs.messages(2).forEach(scope -> records.addAll(scope.messages(2)));
                }
            }
            assertThat(records).extracting(r -> r.string(12)).isEqualTo(sent.stream().map(Event::type).toList());
            assertThat(records).extracting(r -> r.hex(10)).isEqualTo(sent.stream().map(Event::spanId).toList());
            List<Protobuf> spans = new ArrayList<>();
            for (byte[] message : tracesCollector.messages) {
                for (Protobuf resourceSpans : Protobuf.parse(message).messages(1)) {
                    resourceSpans.messages(2).forEach(scope -> spans.addAll(scope.messages(2)));
                }
            }
            assertThat(spans).extracting(p -> p.string(5)).containsExactlyInAnyOrder(
                    "warden.session", "warden.tool_call", "warden.tool_call", "warden.approval");
            assertThat(spans).allSatisfy(p -> assertThat(p.hex(1)).isEqualTo(s.traceId()));
            assertThat(exporter.stats()).isEqualTo(new OtelExporter.Stats(sent.size(), 0, 0));
            assertThat(alarms).isEmpty();
        }
    }

    private static Map<String, Object> attributesOf(Map<String, Protobuf> byId, Event e) {
        return Protobuf.attributes(byId.get(e.eventId()).messages(6));
    }

    private static List<Protobuf> named(List<Protobuf> spans, String name) {
        return spans.stream().filter(p -> name.equals(p.string(5))).toList();
    }
}
