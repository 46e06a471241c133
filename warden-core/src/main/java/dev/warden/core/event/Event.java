package dev.warden.core.event;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One thing that happened in a session: the envelope every event shares, and its {@link EventBody}.
 * Built by a {@link SessionRecorder}, which assigns the ids, the time and the sequence number.
 *
 * @param eventId       unique id of this event (32 hex digits)
 * @param sessionId     the session it belongs to (32 hex digits)
 * @param traceId       the OpenTelemetry trace of the session (32 hex digits)
 * @param spanId        the span it happened in: the session's root span, or a tool call's or approval's child span
 * @param parentSpanId  the root span, for events in a child span
 * @param timestamp     when, to the microsecond (finer digits are dropped so the JSON round-trips)
 * @param sequence      its position in the session, from 1 without gaps
 * @param wardenVersion the Warden that recorded it
 */
public record Event(String eventId, String sessionId, String traceId, String spanId, Optional<String> parentSpanId,
                    Instant timestamp, long sequence, String wardenVersion, EventBody body) {

    /** Fixed width, so timestamps in JSON and in the store sort as text in time order. */
    public static final DateTimeFormatter TIMESTAMP =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS'Z'").withZone(ZoneOffset.UTC);

    public Event {
        requireHex(eventId, 32, "eventId");
        requireHex(sessionId, 32, "sessionId");
        requireHex(traceId, 32, "traceId");
        requireHex(spanId, 16, "spanId");
        Objects.requireNonNull(parentSpanId, "parentSpanId");
        parentSpanId.ifPresent(p -> requireHex(p, 16, "parentSpanId"));
        timestamp = Objects.requireNonNull(timestamp, "timestamp").truncatedTo(ChronoUnit.MICROS);
        if (sequence < 1) {
            throw new IllegalArgumentException("sequence numbers start at 1, got " + sequence);
        }
        Objects.requireNonNull(wardenVersion, "wardenVersion");
        Objects.requireNonNull(body, "body");
    }

    public String type() {
        return body.type();
    }

    /** The event as JSON values; {@link EventJson#canonical} turns it into the bytes that are hashed and exported. */
    public Map<String, Object> toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("event_id", eventId);
        json.put("session_id", sessionId);
        json.put("trace_id", traceId);
        json.put("span_id", spanId);
        parentSpanId.ifPresent(p -> json.put("parent_span_id", p));
        json.put("timestamp", formatTimestamp(timestamp));
        json.put("seq", sequence);
        json.put("warden_version", wardenVersion);
        json.put("type", body.type());
        json.put("data", body.toJson());
        return json;
    }

    /** The canonical JSON of this event: sorted keys, no whitespace. */
    public String canonicalJson() {
        return EventJson.canonical(toJson());
    }

    public static String formatTimestamp(Instant instant) {
        return TIMESTAMP.format(instant);
    }

    private static void requireHex(String value, int length, String name) {
        Objects.requireNonNull(value, name);
        boolean hex = value.length() == length;
        for (int i = 0; hex && i < length; i++) {
            char c = value.charAt(i);
            hex = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
        }
        if (!hex) {
            throw new IllegalArgumentException(name + " must be " + length + " lower-case hex digits, got \"" + value + "\"");
        }
    }
}
