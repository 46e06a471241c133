package dev.warden.audit.otel;

import dev.warden.audit.query.StoredEvent;
import dev.warden.core.json.Json;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.logs.Severity;
import io.opentelemetry.sdk.resources.Resource;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Stored events as OTLP/JSON {@code ExportLogsServiceRequest} documents, one per line: the file format the
 * OpenTelemetry Collector's {@code otlpjsonfile} receiver reads. The same attributes, body and severity the
 * live exporter sends; ids hex, 64-bit integers as strings, as the OTLP JSON encoding asks.
 */
public final class OtlpJson {
    private OtlpJson() {}

    /** One request line for {@code events} (records as stored, so already redacted). */
    @SuppressWarnings("unchecked")
    public static String logsRequest(List<StoredEvent> events, String environment, boolean logUserPrompt) {
        List<Object> records = new ArrayList<>(events.size());
        String version = "unknown";
        for (StoredEvent stored : events) {
            Map<String, Object> json = stored.json();
            Map<String, Object> data = json.get("data") instanceof Map<?, ?> d ? (Map<String, Object>) d : Map.of();
            String type = String.valueOf(json.get("type"));
            version = String.valueOf(json.get("warden_version"));
            Instant at = Instant.parse(String.valueOf(json.get("timestamp")));
            String nanos = Long.toString(TimeUnit.SECONDS.toNanos(at.getEpochSecond()) + at.getNano());
            Severity severity = OtelMapping.severity(type, data);
            Map<String, Object> record = new LinkedHashMap<>();
            record.put("timeUnixNano", nanos);
            record.put("observedTimeUnixNano", nanos);
            record.put("severityNumber", severity.getSeverityNumber());
            record.put("severityText", severity.name());
            record.put("body", Map.of("stringValue", OtelMapping.body(type, data, logUserPrompt)));
            record.put("attributes", attributes(OtelMapping.attributes(OtelMapping.Envelope.of(json), data, logUserPrompt)));
            record.put("traceId", json.get("trace_id"));
            record.put("spanId", json.get("span_id"));
            record.put("eventName", type);
            records.add(record);
        }
        Resource resource = OtelExporter.resource(version, environment);
        Map<String, Object> scope = new LinkedHashMap<>();
        scope.put("name", "dev.warden.audit");
        scope.put("version", version);
        Map<String, Object> scopeLogs = new LinkedHashMap<>();
        scopeLogs.put("scope", scope);
        scopeLogs.put("logRecords", records);
        Map<String, Object> resourceLogs = new LinkedHashMap<>();
        resourceLogs.put("resource", Map.of("attributes", attributes(resource.getAttributes())));
        resourceLogs.put("scopeLogs", List.of(scopeLogs));
        return Json.write(Map.of("resourceLogs", List.of(resourceLogs)));
    }

    private static List<Object> attributes(Attributes attributes) {
        List<Object> out = new ArrayList<>();
        attributes.forEach((key, value) -> {
            Map<String, Object> keyValue = new LinkedHashMap<>(); // key first, as people and diff tools expect
            keyValue.put("key", key.getKey());
            keyValue.put("value", anyValue(key, value));
            out.add(keyValue);
        });
        return out;
    }

    private static Map<String, Object> anyValue(AttributeKey<?> key, Object value) {
        return switch (key.getType()) {
            case STRING -> Map.of("stringValue", value);
            case BOOLEAN -> Map.of("boolValue", value);
            case LONG -> Map.of("intValue", value.toString());
            case DOUBLE -> Map.of("doubleValue", value);
            case STRING_ARRAY, BOOLEAN_ARRAY, LONG_ARRAY, DOUBLE_ARRAY -> {
                List<Object> values = new ArrayList<>();
                for (Object item : (List<?>) value) {
                    values.add(switch (item) {
                        case String s -> Map.of("stringValue", s);
                        case Boolean b -> Map.of("boolValue", b);
                        case Long l -> Map.of("intValue", l.toString());
                        default -> Map.of("doubleValue", item);
                    });
                }
                yield Map.of("arrayValue", Map.of("values", values));
            }
            default -> Map.of("stringValue", String.valueOf(value));
        };
    }
}
