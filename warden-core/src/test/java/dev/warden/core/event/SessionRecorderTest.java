package dev.warden.core.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.warden.core.Action;
import dev.warden.core.Decision;
import dev.warden.core.Reason;
import dev.warden.core.ReasonSource;
import dev.warden.core.Verdict;
import dev.warden.core.json.Json;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class SessionRecorderTest {

    static final EventBody.SessionStart START = new EventBody.SessionStart("exec", List.of("codex", "--full-auto"),
            "ada", "build-7", "/work/project", "ab".repeat(32), "bwrap", "full");

    /** A clock that moves 1.5 ms (and a few nanoseconds) every time it is read. */
    static InstantSource steppingClock() {
        AtomicLong reads = new AtomicLong();
        Instant base = Instant.parse("2026-03-01T09:00:00Z");
        return () -> base.plusNanos(reads.getAndIncrement() * 1_500_007L);
    }

    @Test
    void numbersEventsFromOneAndPutsToolCallsOnChildSpans() {
        List<Event> seen = new ArrayList<>();
        SessionRecorder session = SessionRecorder.start(seen::add, "0.1.0", steppingClock(), new Random(1), START);
        SessionRecorder.Span call = session.span();
        Action action = new Action.Exec(List.of("git", "push"), Path.of("/work/project"));
        Verdict verdict = new Verdict(Decision.ASK, List.of(
                Reason.of(ReasonSource.HEURISTIC, Decision.ALLOW, "git is known", 0),
                Reason.of(ReasonSource.RULE, Decision.ASK, "pushes need a person", 0)), List.of());
        call.emit(EventBody.ToolDecision.of(action, verdict));
        call.emit(new EventBody.Approval("terminal", EventBody.ApprovalScope.ONCE, Decision.ALLOW, "user", 2300));
        session.end(0, "exited");

        assertThat(seen).extracting(Event::sequence).containsExactly(1L, 2L, 3L, 4L);
        assertThat(seen).extracting(Event::type).containsExactly("warden.session_start", "warden.tool_decision",
                "warden.approval", "warden.session_end");
        assertThat(seen).extracting(Event::sessionId).containsOnly(session.sessionId());
        assertThat(seen).extracting(Event::traceId).containsOnly(session.traceId());
        assertThat(seen.get(0).spanId()).isEqualTo(session.rootSpanId());
        assertThat(seen.get(1).spanId()).isEqualTo(call.spanId()).isNotEqualTo(session.rootSpanId());
        assertThat(seen.get(1).parentSpanId()).contains(session.rootSpanId());
        assertThat(seen).extracting(Event::eventId).doesNotHaveDuplicates();
        // The rule asked, so the decision is credited to the rule, not to the heuristic that allowed.
        assertThat(((EventBody.ToolDecision) seen.get(1).body()).source()).isEqualTo(ReasonSource.RULE);
        EventBody.SessionEnd end = (EventBody.SessionEnd) seen.get(3).body();
        assertThat(end.durationMillis()).isEqualTo(Duration.ofNanos(3 * 1_500_007L).toMillis());
    }

    @Test
    void canonicalJsonHasSortedKeysFixedWidthTimesAndParsesBackToTheSameBytes() {
        List<Event> seen = new ArrayList<>();
        SessionRecorder session = SessionRecorder.start(seen::add, "0.1.0", steppingClock(), new Random(2), START);
        session.span().emit(EventBody.ToolDecision.of(
                new Action.Exec(List.of("env"), Path.of("/w"), Map.of("Z", "1", "A", "2")),
                new Verdict(Decision.ALLOW, List.of(Reason.of(ReasonSource.HEURISTIC, Decision.ALLOW, "safe", -1)),
                        List.of())));
        for (Event event : seen) {
            String canonical = event.canonicalJson();
            assertThat(canonical).doesNotContain(" \"").doesNotContain("\n");
            assertThat(EventJson.canonical(Json.parse(canonical))).isEqualTo(canonical);
            assertThat(keysInOrder(Json.parse(canonical))).isTrue();
        }
        String first = seen.getFirst().canonicalJson();
        assertThat(first).startsWith("{\"data\":{\"agent_command\":[\"codex\",\"--full-auto\"],");
        assertThat(first).contains("\"timestamp\":\"2026-03-01T09:00:00.000000Z\"");
        assertThat(seen.get(1).canonicalJson()).contains("\"timestamp\":\"2026-03-01T09:00:00.001500Z\"")
                .contains("\"env\":{\"A\":\"2\",\"Z\":\"1\"}");
    }

    @Test
    void theSameInputsGiveTheSameBytes() {
        List<Event> a = new ArrayList<>();
        List<Event> b = new ArrayList<>();
        SessionRecorder.start(a::add, "0.1.0", steppingClock(), new Random(7), START).end(3, "exited");
        SessionRecorder.start(b::add, "0.1.0", steppingClock(), new Random(7), START).end(3, "exited");
        assertThat(a).extracting(Event::canonicalJson).isEqualTo(b.stream().map(Event::canonicalJson).toList());
    }

    @Test
    void concurrentEmittersReachTheSinkInSequenceOrder() throws InterruptedException {
        List<Long> order = Collections.synchronizedList(new ArrayList<>());
        SessionRecorder session = SessionRecorder.start(e -> order.add(e.sequence()), "0.1.0", START);
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            threads.add(Thread.ofPlatform().start(() -> {
                for (int i = 0; i < 2_000; i++) {
                    session.span().emit(new EventBody.ConfigWarning("w" + i));
                }
            }));
        }
        for (Thread thread : threads) {
            thread.join();
        }
        assertThat(order).hasSize(8_001).isSorted();
        assertThat(order.getLast()).isEqualTo(8_001L);
    }

    @Test
    void anEndedSessionRefusesMoreEvents() {
        SessionRecorder session = SessionRecorder.start(EventSink.discarding(), "0.1.0", START);
        session.end(0, "exited");
        assertThatThrownBy(() -> session.emit(new EventBody.ConfigWarning("late")))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("has ended");
    }

    @Test
    void aSinkThatRefusesLeavesNoGapInTheNumbering() {
        List<Long> seen = new ArrayList<>();
        boolean[] refuse = {false};
        SessionRecorder session = SessionRecorder.start(e -> {
            if (refuse[0]) {
                throw new IllegalStateException("store down");
            }
            seen.add(e.sequence());
        }, "0.1.0", START);
        refuse[0] = true;
        assertThatThrownBy(() -> session.emit(new EventBody.ConfigWarning("x"))).hasMessage("store down");
        refuse[0] = false;
        session.emit(new EventBody.ConfigWarning("y"));
        assertThat(seen).containsExactly(1L, 2L);
    }

    @Test
    void userPromptsKeepTheTextOnlyWhenAllowed() {
        assertThat(EventBody.UserPrompt.of("fix the build", false).toJson()).isEqualTo(Map.of("length", 13));
        assertThat(EventBody.UserPrompt.of("fix the build", true).text()).contains("fix the build");
        assertThat(new EventBody.UserPrompt(3, Optional.empty()).type()).isEqualTo("warden.user_prompt");
    }

    @Test
    void badIdsAndApprovalsThatAskAreRefused() {
        assertThatThrownBy(() -> new Event("x", "0".repeat(32), "0".repeat(32), "0".repeat(16), Optional.empty(),
                Instant.EPOCH, 1, "v", new EventBody.ConfigWarning("m")))
                .hasMessageContaining("eventId");
        assertThatThrownBy(() -> new EventBody.Approval("terminal", EventBody.ApprovalScope.ONCE, Decision.ASK, "u", 1))
                .hasMessageContaining("allow or deny");
    }

    private static boolean keysInOrder(Object value) {
        if (value instanceof Map<?, ?> map) {
            List<String> keys = map.keySet().stream().map(String::valueOf).toList();
            return keys.equals(keys.stream().sorted().toList()) && map.values().stream().allMatch(SessionRecorderTest::keysInOrder);
        }
        if (value instanceof List<?> list) {
            return list.stream().allMatch(SessionRecorderTest::keysInOrder);
        }
        return true;
    }
}
