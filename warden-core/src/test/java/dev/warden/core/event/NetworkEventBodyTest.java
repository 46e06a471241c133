package dev.warden.core.event;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.core.Decision;
import dev.warden.core.Reason;
import dev.warden.core.ReasonSource;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** The proxy's events on the wire: older records keep their exact JSON, new fields appear only when known. */
class NetworkEventBodyTest {
    private static final List<Reason> REASONS = List.of(Reason.of(ReasonSource.CONFIG, Decision.DENY,
            "pypi.org:443 is on neither list", -1));

    @Test
    void aDecisionWithoutAttributionIsWrittenAsBefore() {
        var decision = new EventBody.NetworkDecision("pypi.org", 443, "connect", Decision.DENY, REASONS);
        assertThat(EventJson.canonical(decision.toJson())).isEqualTo("{\"decision\":\"deny\",\"host\":\"pypi.org\","
                + "\"port\":443,\"protocol\":\"connect\",\"reasons\":[{\"decision\":\"deny\","
                + "\"message\":\"pypi.org:443 is on neither list\",\"source\":\"config\"}]}");
    }

    @Test
    void aDecisionCarriesItsConnectionAndCommand() {
        var decision = new EventBody.NetworkDecision("pypi.org", 443, "connect", Decision.ALLOW, REASONS,
                OptionalLong.of(7), Optional.of("pip install x"));
        assertThat(decision.toJson()).containsEntry("connection", 7L).containsEntry("command", "pip install x");
    }

    @Test
    void aCloseSaysWhatTheConnectionCarried() {
        var close = new EventBody.NetworkClose("pypi.org", 443, "connect", 7, Optional.of("127.0.0.1"), 120, 4096, 35,
                Optional.empty(), Optional.of("pip install x"));
        assertThat(close.type()).isEqualTo("warden.network_close");
        assertThat(close.toJson()).containsEntry("bytes_out", 120L).containsEntry("bytes_in", 4096L)
                .containsEntry("duration_ms", 35L).containsEntry("address", "127.0.0.1").doesNotContainKey("error");
    }
}
