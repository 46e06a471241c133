package dev.warden.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.warden.core.json.Json;
import java.nio.file.Path;
import java.util.List;
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
    void execActionsAreImmutableAndNeedAProgram() {
        assertThatThrownBy(() -> new Action.Exec(List.of(), Path.of("/"))).isInstanceOf(IllegalArgumentException.class);
        Action.Exec exec = new Action.Exec(List.of("ls"), Path.of("/"));
        assertThatThrownBy(() -> exec.argv().add("x")).isInstanceOf(UnsupportedOperationException.class);
    }
}
