package dev.warden.audit.otel;

import dev.warden.audit.query.EventLine;
import dev.warden.core.event.Event;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import io.opentelemetry.api.logs.Severity;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Event fields as OpenTelemetry attributes: semantic-convention names where the concept has one
 * ({@code process.command_args}, {@code process.exit.code}, {@code server.address}, {@code server.port},
 * {@code file.path}, {@code user.name}, {@code gen_ai.tool.name}), {@code warden.*} for the rest.
 * Works on the event's data after redaction, so nothing here can reintroduce a secret.
 */
final class OtelMapping {
    private OtelMapping() {}

    /** The envelope fields the mapping needs, from a live event or from a stored record. */
    record Envelope(String type, String eventId, String sessionId, long sequence) {
        static Envelope of(Event event) {
            return new Envelope(event.type(), event.eventId(), event.sessionId(), event.sequence());
        }

        static Envelope of(Map<String, Object> stored) {
            return new Envelope(String.valueOf(stored.get("type")), String.valueOf(stored.get("event_id")),
                    String.valueOf(stored.get("session_id")), stored.get("seq") instanceof Number n ? n.longValue() : 0);
        }
    }

    static Attributes attributes(Event event, Map<String, Object> data, boolean logUserPrompt) {
        return attributes(Envelope.of(event), data, logUserPrompt);
    }

    static Attributes attributes(Envelope event, Map<String, Object> data, boolean logUserPrompt) {
        AttributesBuilder a = Attributes.builder();
        a.put("event.name", event.type());
        a.put("warden.event.id", event.eventId());
        a.put("warden.session.id", event.sessionId());
        a.put("warden.session.seq", event.sequence());
        switch (EventLine.shortType(Map.of("type", event.type()))) {
            case "session_start" -> {
                strings(a, "process.command_args", data.get("agent_command"));
                text(a, "user.name", data.get("user"));
                text(a, "host.name", data.get("host"));
                text(a, "process.working_directory", data.get("cwd"));
                text(a, "warden.front_door", data.get("front_door"));
                text(a, "warden.config.digest", data.get("config_digest"));
                text(a, "warden.sandbox.backend", data.get("sandbox"));
                text(a, "warden.sandbox.enforcement", data.get("enforcement"));
            }
            case "user_prompt" -> {
                number(a, "warden.prompt.length", data.get("length"));
                if (logUserPrompt) {
                    text(a, "warden.prompt.text", data.get("text"));
                }
            }
            case "tool_decision" -> {
                decision(a, data);
                if (data.get("action") instanceof Map<?, ?> action) {
                    action(a, action);
                }
            }
            case "approval" -> {
                text(a, "warden.decision", data.get("decision"));
                text(a, "warden.approval.channel", data.get("channel"));
                text(a, "warden.approval.scope", data.get("scope"));
                text(a, "warden.approval.decided_by", data.get("decided_by"));
                number(a, "warden.approval.latency_ms", data.get("latency_ms"));
            }
            case "tool_result" -> {
                number(a, "process.exit.code", data.get("exit_status"));
                number(a, "warden.duration_ms", data.get("duration_ms"));
                number(a, "warden.output.stdout_bytes", data.get("stdout_bytes"));
                number(a, "warden.output.stderr_bytes", data.get("stderr_bytes"));
                text(a, "warden.output.sha256", data.get("output_sha256"));
            }
            case "sandbox_violation" -> {
                text(a, "warden.violation.kind", data.get("kind"));
                text(a, "warden.violation.target", data.get("target"));
                text(a, "warden.violation.detail", data.get("detail"));
            }
            case "network_decision" -> {
                decision(a, data);
                text(a, "server.address", data.get("host"));
                number(a, "server.port", data.get("port"));
                text(a, "network.protocol.name", data.get("protocol"));
                number(a, "warden.network.connection", data.get("connection"));
                text(a, "warden.network.command", data.get("command"));
            }
            case "network_close" -> {
                text(a, "server.address", data.get("host"));
                number(a, "server.port", data.get("port"));
                text(a, "network.protocol.name", data.get("protocol"));
                number(a, "warden.network.connection", data.get("connection"));
                text(a, "network.peer.address", data.get("address"));
                number(a, "warden.network.bytes_out", data.get("bytes_out"));
                number(a, "warden.network.bytes_in", data.get("bytes_in"));
                number(a, "warden.duration_ms", data.get("duration_ms"));
                text(a, "error.type", data.get("error"));
                text(a, "warden.network.command", data.get("command"));
            }
            case "mcp_call" -> {
                text(a, "warden.mcp.server", data.get("server"));
                text(a, "gen_ai.tool.name", data.get("tool"));
                text(a, "warden.mcp.arguments", data.get("arguments"));
            }
            case "config_warning" -> text(a, "warden.message", data.get("message"));
            case "session_end" -> {
                number(a, "process.exit.code", data.get("exit_status"));
                number(a, "warden.duration_ms", data.get("duration_ms"));
                text(a, "warden.session.end_reason", data.get("reason"));
            }
            default -> { }
        }
        return a.build();
    }

    /** Denials, violations and warnings are what a security team filters for. */
    static Severity severity(String type, Map<String, Object> data) {
        return switch (EventLine.shortType(Map.of("type", type))) {
            case "sandbox_violation", "config_warning" -> Severity.WARN;
            case "tool_decision", "network_decision", "approval" -> "deny".equals(data.get("decision")) ? Severity.WARN : Severity.INFO;
            default -> Severity.INFO;
        };
    }

    /** The same one line {@code warden audit query} shows, with prompt text only if it may leave the machine. */
    static String body(String type, Map<String, Object> data, boolean logUserPrompt) {
        Map<String, Object> shown = data;
        if (!logUserPrompt && data.containsKey("text") && type.equals("warden.user_prompt")) {
            shown = new LinkedHashMap<>(data);
            shown.remove("text");
        }
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("type", type);
        json.put("data", shown);
        return EventLine.describe(json);
    }

    private static void decision(AttributesBuilder a, Map<String, Object> data) {
        text(a, "warden.decision", data.get("decision"));
        text(a, "warden.decision.source", data.get("source"));
        if (data.get("reasons") instanceof List<?> reasons) {
            List<String> messages = new ArrayList<>();
            Object rule = null;
            for (Object reason : reasons) {
                if (reason instanceof Map<?, ?> r) {
                    messages.add(String.valueOf(r.get("message")));
                    rule = rule == null ? r.get("rule") : rule;
                }
            }
            a.put(AttributeKey.stringArrayKey("warden.reasons"), messages);
            text(a, "warden.rule", rule);
        }
    }

    private static void action(AttributesBuilder a, Map<?, ?> action) {
        String kind = String.valueOf(action.get("kind"));
        a.put("warden.action.kind", kind);
        switch (kind) {
            case "exec" -> {
                strings(a, "process.command_args", action.get("argv"));
                text(a, "process.working_directory", action.get("cwd"));
            }
            case "file_read", "file_write" -> text(a, "file.path", action.get("path"));
            case "network_connect" -> {
                text(a, "server.address", action.get("host"));
                number(a, "server.port", action.get("port"));
                text(a, "network.protocol.name", action.get("protocol"));
            }
            case "mcp_call" -> {
                text(a, "warden.mcp.server", action.get("server"));
                text(a, "gen_ai.tool.name", action.get("tool"));
                text(a, "warden.mcp.arguments", action.get("arguments"));
            }
            default -> { }
        }
    }

    private static void text(AttributesBuilder a, String key, Object value) {
        if (value != null) {
            a.put(key, String.valueOf(value));
        }
    }

    private static void number(AttributesBuilder a, String key, Object value) {
        if (value instanceof Number n) {
            a.put(key, n.longValue());
        }
    }

    private static void strings(AttributesBuilder a, String key, Object value) {
        if (value instanceof List<?> list) {
            a.put(AttributeKey.stringArrayKey(key), list.stream().map(String::valueOf).toList());
        }
    }
}
