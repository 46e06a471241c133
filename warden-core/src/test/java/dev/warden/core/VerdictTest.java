package dev.warden.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.warden.core.json.Json;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class VerdictTest {

    @Test
    void strictestDecisionWins() {
        assertThat(Decision.ALLOW.strictest(Decision.ASK)).isEqualTo(Decision.ASK);
        assertThat(Decision.DENY.strictest(Decision.ASK)).isEqualTo(Decision.DENY);
        assertThat(Decision.ALLOW.strictest(Decision.ALLOW)).isEqualTo(Decision.ALLOW);
    }

    @Test
    void aVerdictWithoutAReasonCannotBeBuilt() {
        assertThatThrownBy(() -> new Verdict(Decision.ALLOW, List.of(), List.of()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void jsonHasDecisionReasonsAndSegments() {
        Verdict verdict = new Verdict(Decision.ASK,
                List.of(Reason.of(ReasonSource.HEURISTIC, Decision.ASK, "not known-safe", 0)),
                List.of(new Segment(List.of("rm", "-rf", "x"), Decision.ASK, "unmatched")));
        assertThat(Json.write(verdict.toJson())).isEqualTo(
                "{\"decision\":\"ask\",\"reasons\":[{\"source\":\"heuristic\",\"decision\":\"ask\",\"message\":\"not known-safe\",\"segment\":0}],"
                        + "\"segments\":[{\"argv\":[\"rm\",\"-rf\",\"x\"],\"decision\":\"ask\",\"classification\":\"unmatched\"}]}");
    }

    @Test
    void riskIsPartOfTheJsonWhenAssessed() {
        Map<String, String> categories = new LinkedHashMap<>();
        categories.put("data_exfiltration", "high");
        categories.put("destructive_action", "low");
        Verdict verdict = new Verdict(Decision.ASK,
                List.of(Reason.of(ReasonSource.HEURISTIC, Decision.ASK, "not known-safe", -1)), List.of())
                .withRisk(new Risk("high", categories, "data exfiltration high: uploads a file: x"));
        assertThat(Json.write(verdict.toJson())).endsWith(",\"segments\":[],\"risk\":{\"level\":\"high\","
                + "\"categories\":{\"data_exfiltration\":\"high\",\"destructive_action\":\"low\"},"
                + "\"rationale\":\"data exfiltration high: uploads a file: x\"}}");
        assertThat(new Verdict(Decision.ALLOW, verdict.reasons(), List.of()).toJson()).doesNotContainKey("risk");
    }

    @Test
    void aRiskNeedsAKnownLevelAndARationale() {
        assertThatThrownBy(() -> new Risk("severe", Map.of(), "x")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Risk("low", Map.of("data_exfiltration", "huge"), "x"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Risk("low", Map.of(), " ")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void execActionsAreImmutableAndNeedAProgram() {
        assertThatThrownBy(() -> new Action.Exec(List.of(), Path.of("/"))).isInstanceOf(IllegalArgumentException.class);
        Action.Exec exec = new Action.Exec(List.of("ls"), Path.of("/"));
        assertThatThrownBy(() -> exec.argv().add("x")).isInstanceOf(UnsupportedOperationException.class);
    }
}
