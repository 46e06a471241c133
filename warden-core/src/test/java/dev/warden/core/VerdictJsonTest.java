package dev.warden.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.warden.core.json.Json;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class VerdictJsonTest {
    private static final Verdict FULL = new Verdict(Decision.ASK,
            List.of(new Reason(ReasonSource.RULE, Decision.ASK, "git push needs approval", Optional.of("prefix_rule([\"git\",\"push\"])"),
                            Optional.of("/home/a/.warden/rules/default.rules:3"), Optional.of("pushes leave the machine"), 1),
                    Reason.of(ReasonSource.HEURISTIC, Decision.ALLOW, "git status only reads", 0)),
            List.of(new Segment(List.of("git", "status"), Decision.ALLOW, "known-safe"),
                    new Segment(List.of("git", "push", "origin", "ünïcode \"quoted\""), Decision.ASK, "rule")),
            Optional.of(new Risk("medium", Map.of("data_exfiltration", "medium", "destructive", "low"), "pushes to a remote")));

    @Test
    void aVerdictSurvivesItsJsonOnTheWire() {
        assertThat(VerdictJson.read(Json.parse(Json.write(FULL.toJson())))).isEqualTo(FULL);
        Verdict plain = new Verdict(Decision.DENY, List.of(Reason.of(ReasonSource.CONFIG, Decision.DENY, "no", -1)), List.of());
        assertThat(VerdictJson.read(Json.parse(Json.write(plain.toJson())))).isEqualTo(plain);
    }

    @Test
    void anythingMissingOrUnknownIsRefusedByName() {
        String json = Json.write(FULL.toJson());
        assertThatThrownBy(() -> VerdictJson.read(Json.parse(json.replace("\"decision\":\"ask\"", "\"decision\":\"maybe\""))))
                .hasMessageContaining("decision").hasMessageContaining("maybe");
        assertThatThrownBy(() -> VerdictJson.read(Json.parse(json.replace("\"source\":\"rule\"", "\"source\":\"oracle\""))))
                .hasMessageContaining("reasons[].source");
        assertThatThrownBy(() -> VerdictJson.read(Json.parse(json.replace("\"segments\":", "\"segs\":"))))
                .hasMessageContaining("segments: expected a list");
        assertThatThrownBy(() -> VerdictJson.read(Json.parse(json.replace("\"level\":\"medium\"", "\"level\":\"apocalyptic\""))))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> VerdictJson.read("not an object")).hasMessageContaining("verdict: expected an object");
        // A verdict with no reason cannot be built, whatever the wire says.
        assertThatThrownBy(() -> VerdictJson.read(Json.parse("{\"decision\":\"allow\",\"reasons\":[],\"segments\":[]}")))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
