package dev.warden.audit.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.warden.audit.AuditException;
import dev.warden.audit.AuditHome;
import dev.warden.audit.AuditLog;
import dev.warden.core.Decision;
import dev.warden.core.event.EventBody;
import dev.warden.core.event.SessionRecorder;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuditReaderTest {
    @TempDir
    Path tmp;

    static final Instant T0 = Instant.parse("2026-03-01T09:00:00Z");
    final AtomicReference<Instant> now = new AtomicReference<>(T0);
    AuditHome home;
    String first;
    String second;

    /** Two sessions an hour apart: 10 tool calls each (4 allow, 3 ask, 3 deny), the second with a violation. */
    @BeforeEach
    void fill() {
        home = new AuditHome(tmp);
        InstantSource clock = now::get;
        Random ids = new Random(5);
        try (AuditLog log = AuditLog.open(home.config(), home.alarms::add, clock)) {
            SessionRecorder a = SessionRecorder.start(log, "t", clock, ids, AuditHome.start("/usr/bin/codex"));
            for (int i = 0; i < 10; i++) {
                AuditHome.toolCall(a, i);
            }
            now.set(T0.plusSeconds(42));
            a.end(0, "exited");
            now.set(T0.plus(Duration.ofHours(1)));
            SessionRecorder b = SessionRecorder.start(log, "t", clock, ids, AuditHome.start("claude"));
            for (int i = 0; i < 10; i++) {
                AuditHome.toolCall(b, i);
            }
            b.emit(new EventBody.SandboxViolation("filesystem", "/etc/shadow", "open denied by Landlock"));
            first = a.sessionId();
            second = b.sessionId();
        }
    }

    @Test
    void filtersBySessionPrefixTypeAndDecision() {
        try (AuditReader reader = AuditReader.open(home.database())) {
            assertThat(reader.query(EventFilter.ALL, 0, 0)).hasSize(22 + 22);
            assertThat(reader.query(EventFilter.ALL.withSession(second.substring(0, 6)), 0, 0))
                    .allSatisfy(e -> assertThat(e.json().get("session_id")).isEqualTo(second)).hasSize(22);
            List<StoredEvent> denies = reader.query(EventFilter.ALL.withTypes(List.of("tool_decision")).withDecision("deny"), 0, 0);
            assertThat(denies).hasSize(6).allSatisfy(e -> assertThat(EventLine.decision(e.json())).isEqualTo("deny"));
            assertThat(reader.query(EventFilter.ALL.withTypes(List.of("approval", "warden.sandbox_violation")), 0, 0))
                    .extracting(e -> EventLine.shortType(e.json())).containsOnly("approval", "sandbox_violation").hasSize(7);
            assertThat(reader.query(EventFilter.ALL.withDecision("ask"), 0, 3)).hasSize(3);
        }
    }

    @Test
    void filtersByTimeAndText() {
        try (AuditReader reader = AuditReader.open(home.database())) {
            List<StoredEvent> late = reader.query(EventFilter.ALL.withSince(T0.plus(Duration.ofMinutes(30))), 0, 0);
            assertThat(late).hasSize(22).allSatisfy(e -> assertThat(e.json().get("session_id")).isEqualTo(second));
            List<StoredEvent> early = reader.query(EventFilter.ALL.withUntil(T0.plusSeconds(42)), 0, 0);
            assertThat(early).hasSize(21); // the first session but its end, which came at +42 s
            assertThat(reader.query(EventFilter.ALL.withGrep("CHANGE 7"), 0, 0)).hasSize(2); // the decision of call 7 in each session
            assertThat(reader.query(EventFilter.ALL.withGrep("100%_"), 0, 0)).isEmpty();
        }
    }

    @Test
    void tailIsTheNewestEventsOldestFirstAndFollowsFromASequence() {
        try (AuditReader reader = AuditReader.open(home.database())) {
            List<StoredEvent> last = reader.last(EventFilter.ALL, 44, 3);
            assertThat(last).extracting(StoredEvent::seq).containsExactly(42L, 43L, 44L);
            assertThat(reader.lastSeq()).isEqualTo(44);
            assertThat(reader.query(EventFilter.ALL, 40, 0)).extracting(StoredEvent::seq).containsExactly(41L, 42L, 43L, 44L);
            List<Long> window = new java.util.ArrayList<>();
            reader.forEach(EventFilter.ALL, 40, 42, 0, e -> window.add(e.seq()));
            assertThat(window).containsExactly(41L, 42L);
            assertThat(reader.last(EventFilter.ALL, 10, 2)).extracting(StoredEvent::seq).containsExactly(9L, 10L);
        }
    }

    @Test
    void sessionsSummariseAgentTimesCountsAndEnd() {
        try (AuditReader reader = AuditReader.open(home.database())) {
            List<SessionSummary> sessions = reader.sessions(EventFilter.ALL);
            assertThat(sessions).hasSize(2);
            SessionSummary a = sessions.get(0);
            assertThat(a.sessionId()).isEqualTo(first);
            assertThat(a.agent()).isEqualTo("codex");
            assertThat(a.started()).isEqualTo("2026-03-01T09:00:00.000000Z");
            assertThat(a.durationMillis()).contains(42_000L);
            assertThat(a.exitStatus()).contains(0L);
            assertThat(List.of(a.allowed(), a.asked(), a.denied(), a.violations())).containsExactly(4L, 3L, 3L, 0L);
            SessionSummary b = sessions.get(1);
            assertThat(b.agent()).isEqualTo("claude");
            assertThat(b.ended()).as("closed without session_end").isFalse();
            assertThat(b.violations()).isEqualTo(1);
        }
    }

    @Test
    void describesEventsOnOneSafeLine() {
        try (AuditReader reader = AuditReader.open(home.database())) {
            Map<String, Object> decision = reader.query(EventFilter.ALL.withTypes(List.of("tool_decision")), 0, 1).getFirst().json();
            assertThat(EventLine.describe(decision)).isEqualTo("exec: git commit -m 'change 0' [rule: rule for git commit]");
        }
        assertThat(EventLine.printable("a\nb\u001b[2Jc\u202Ed")).isEqualTo("a\\nb\\x1b[2Jc\\x202ed");
        assertThat(Decision.DENY.wireName()).isEqualTo("deny");
    }

    @Test
    void aMissingStoreAndBadFiltersAreClearErrors() {
        assertThatThrownBy(() -> AuditReader.open(tmp.resolve("nope.db"))).isInstanceOf(AuditException.class)
                .hasMessageContaining("no audit store at " + tmp.resolve("nope.db"));
        assertThatThrownBy(() -> EventFilter.ALL.withSession("xyz")).hasMessageContaining("hex");
        assertThatThrownBy(() -> EventFilter.ALL.withDecision("maybe")).hasMessageContaining("allow, ask or deny");
        assertThat(TimeBound.parse("2h", T0)).isEqualTo(T0.minus(Duration.ofHours(2)));
        assertThat(TimeBound.parse("2026-03-01", T0)).isEqualTo(T0.minus(Duration.ofHours(9)));
        assertThat(TimeBound.parse("2026-03-01T10:00:00+01:00", T0)).isEqualTo(T0);
        assertThatThrownBy(() -> TimeBound.parse("yesterday", T0)).hasMessageContaining("15m, 2h, 7d");
    }
}
