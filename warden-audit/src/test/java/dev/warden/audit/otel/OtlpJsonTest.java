package dev.warden.audit.otel;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.audit.AuditHome;
import dev.warden.audit.query.AuditReader;
import dev.warden.audit.query.EventFilter;
import dev.warden.audit.query.StoredEvent;
import dev.warden.core.json.Json;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OtlpJsonTest {
    @TempDir
    Path tmp;

    @Test
    @SuppressWarnings("unchecked")
    void storedEventsBecomeAnOtlpJsonLogsRequest() {
        AuditHome home = new AuditHome(tmp);
        home.writeSessions(1, 3);
        List<StoredEvent> events;
        try (AuditReader reader = AuditReader.open(home.database())) {
            events = reader.query(EventFilter.ALL, 0, 0);
        }
        String line = OtlpJson.logsRequest(events, "staging", false);
        assertThat(line).doesNotContain("\n");
        Map<String, Object> request = (Map<String, Object>) Json.parse(line);
        Map<String, Object> resourceLogs = ((List<Map<String, Object>>) request.get("resourceLogs")).getFirst();
        List<Map<String, Object>> resource = (List<Map<String, Object>>) ((Map<String, Object>) resourceLogs.get("resource")).get("attributes");
        assertThat(resource).contains(Map.of("key", "service.name", "value", Map.of("stringValue", "warden")),
                Map.of("key", "deployment.environment.name", "value", Map.of("stringValue", "staging")),
                Map.of("key", "service.version", "value", Map.of("stringValue", "0.1.0-test")));
        Map<String, Object> scopeLogs = ((List<Map<String, Object>>) resourceLogs.get("scopeLogs")).getFirst();
        List<Map<String, Object>> records = (List<Map<String, Object>>) scopeLogs.get("logRecords");
        assertThat(records).hasSize(events.size());
        Map<String, Object> decision = records.get(1);
        Map<String, Object> stored = events.get(1).json();
        assertThat(decision.get("traceId")).isEqualTo(stored.get("trace_id"));
        assertThat(decision.get("spanId")).isEqualTo(stored.get("span_id"));
        assertThat(decision.get("eventName")).isEqualTo("warden.tool_decision");
        assertThat((String) decision.get("timeUnixNano")).matches("\\d{19}");
        assertThat((List<Object>) decision.get("attributes")).contains(
                Map.of("key", "process.command_args", "value", Map.of("arrayValue", Map.of("values", List.of(
                        Map.of("stringValue", "git"), Map.of("stringValue", "commit"), Map.of("stringValue", "-m"),
                        Map.of("stringValue", "change 0"))))),
                Map.of("key", "warden.session.seq", "value", Map.of("intValue", "2")));
        assertThat(decision.get("body")).isEqualTo(Map.of("stringValue", "exec: git commit -m 'change 0' [rule: rule for git commit]"));
    }
}
