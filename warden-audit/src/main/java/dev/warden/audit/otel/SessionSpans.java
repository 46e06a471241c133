package dev.warden.audit.otel;

import dev.warden.core.event.Event;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.sdk.common.InstrumentationScopeInfo;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns a stream of events into finished spans: a session's root span ends with {@code session_end}, a tool
 * call's span (the events sharing a child span id) with its {@code tool_result} or the session's end, and an
 * approval becomes a span of its own, under its tool call, lasting as long as the person took.
 * Used by the exporter thread only.
 */
final class SessionSpans {
    private final Resource resource;
    private final InstrumentationScopeInfo scope;
    private final Map<String, Session> sessions = new HashMap<>();

    private static final class Open {
        final String name;
        final String spanId;
        final long start;
        long end;
        final AttributesBuilder attributes = Attributes.builder();

        Open(String name, String spanId, long start) {
            this.name = name;
            this.spanId = spanId;
            this.start = start;
            this.end = start;
        }
    }

    private static final class Session {
        final String traceId;
        final Open root;
        final Map<String, Open> calls = new LinkedHashMap<>();

        Session(String traceId, Open root) {
            this.traceId = traceId;
            this.root = root;
        }
    }

    SessionSpans(Resource resource, InstrumentationScopeInfo scope) {
        this.resource = resource;
        this.scope = scope;
    }

    /** Records what the event says about its spans; returns the spans it finished. */
    List<SpanData> observe(Event event, Map<String, Object> data) {
        long at = OtelExporter.nanos(event);
        String rootId = event.parentSpanId().orElse(event.spanId());
        Session session = sessions.computeIfAbsent(event.sessionId(),
                id -> new Session(event.traceId(), new Open("warden.session", rootId, at)));
        session.root.end = Math.max(session.root.end, at);
        session.root.attributes.put("warden.session.id", event.sessionId());
        List<SpanData> finished = new ArrayList<>();
        boolean child = event.parentSpanId().isPresent();
        Open call = null;
        if (child) {
            call = session.calls.computeIfAbsent(event.spanId(), id -> new Open("warden.tool_call", id, at));
            call.end = Math.max(call.end, at);
        }
        switch (event.type()) {
            case "warden.session_start" -> {
                copy(session.root.attributes, "process.command_args", data.get("agent_command"));
                copy(session.root.attributes, "warden.front_door", data.get("front_door"));
                copy(session.root.attributes, "warden.sandbox.backend", data.get("sandbox"));
                copy(session.root.attributes, "warden.sandbox.enforcement", data.get("enforcement"));
            }
            case "warden.tool_decision" -> {
                if (call != null) {
                    copy(call.attributes, "warden.decision", data.get("decision"));
                    if (data.get("action") instanceof Map<?, ?> action) {
                        copy(call.attributes, "warden.action.kind", action.get("kind"));
                        copy(call.attributes, "process.command_args", action.get("argv"));
                        copy(call.attributes, "file.path", action.get("path"));
                        copy(call.attributes, "server.address", action.get("host"));
                        copy(call.attributes, "gen_ai.tool.name", action.get("tool"));
                    }
                }
            }
            case "warden.approval" -> {
                long latency = data.get("latency_ms") instanceof Number n ? n.longValue() * 1_000_000L : 0;
                Open approval = new Open("warden.approval", event.eventId().substring(0, 16), Math.max(0, at - latency));
                approval.end = at;
                copy(approval.attributes, "warden.decision", data.get("decision"));
                copy(approval.attributes, "warden.approval.channel", data.get("channel"));
                copy(approval.attributes, "warden.approval.scope", data.get("scope"));
                copy(approval.attributes, "warden.approval.decided_by", data.get("decided_by"));
                finished.add(span(session.traceId, approval, child ? event.spanId() : rootId));
            }
            case "warden.tool_result" -> {
                if (call != null) {
                    copy(call.attributes, "process.exit.code", data.get("exit_status"));
                    session.calls.remove(call.spanId);
                    finished.add(span(session.traceId, call, rootId));
                }
            }
            case "warden.session_end" -> {
                copy(session.root.attributes, "process.exit.code", data.get("exit_status"));
                copy(session.root.attributes, "warden.session.end_reason", data.get("reason"));
                finished.addAll(finish(session, true));
                sessions.remove(event.sessionId());
            }
            default -> { }
        }
        return finished;
    }

    /** Ends the spans of every session still open (the exporter is closing), marked as not ended by the agent. */
    List<SpanData> endAll() {
        List<SpanData> finished = new ArrayList<>();
        for (Session session : sessions.values()) {
            finished.addAll(finish(session, false));
        }
        sessions.clear();
        return finished;
    }

    private List<SpanData> finish(Session session, boolean ended) {
        List<SpanData> out = new ArrayList<>();
        for (Open call : session.calls.values()) {
            session.root.end = Math.max(session.root.end, call.end);
            out.add(span(session.traceId, call, session.root.spanId));
        }
        session.calls.clear();
        session.root.attributes.put("warden.session.ended", ended);
        out.add(span(session.traceId, session.root, null));
        return out;
    }

    private SpanData span(String traceId, Open open, String parentSpanId) {
        SpanContext context = SpanContext.create(traceId, open.spanId, TraceFlags.getSampled(), TraceState.getDefault());
        SpanContext parent = parentSpanId == null ? SpanContext.getInvalid()
                : SpanContext.create(traceId, parentSpanId, TraceFlags.getSampled(), TraceState.getDefault());
        return new WardenSpan(resource, scope, open.name, context, parent, open.start, open.end, open.attributes.build());
    }

    private static void copy(AttributesBuilder attributes, String key, Object value) {
        switch (value) {
            case null -> { }
            case Number n -> attributes.put(key, n.longValue());
            case Boolean b -> attributes.put(key, b);
            case List<?> list -> attributes.put(AttributeKey.stringArrayKey(key), list.stream().map(String::valueOf).toList());
            default -> attributes.put(key, String.valueOf(value));
        }
    }
}
