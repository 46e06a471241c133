package dev.warden.core.event;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;

/**
 * Emits the events of one session: gives each its id, the session's trace, a span, the time from an
 * injectable clock and the next sequence number, then hands it to the sink. A session is a trace; the
 * session's own events sit on the root span, each tool call and approval gets a child {@link Span}.
 *
 * <p>Numbering and handing over happen under one lock, so the sink sees a session's events in sequence
 * order even when several threads emit (a verifier treats a gap or a step back as tampering).
 */
public final class SessionRecorder {
    private static final HexFormat HEX = HexFormat.of();

    private final EventSink sink;
    private final InstantSource clock;
    private final RandomGenerator random;
    private final String wardenVersion;
    private final String sessionId;
    private final String traceId;
    private final String rootSpanId;
    private final Instant started;
    private long sequence;
    private boolean ended;

    private SessionRecorder(EventSink sink, String wardenVersion, InstantSource clock, RandomGenerator random) {
        this.sink = Objects.requireNonNull(sink, "sink");
        this.wardenVersion = Objects.requireNonNull(wardenVersion, "wardenVersion");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.random = Objects.requireNonNull(random, "random");
        this.sessionId = hex(16);
        this.traceId = hex(16);
        this.rootSpanId = hex(8);
        this.started = clock.instant();
    }

    /**
     * Starts a session with the system clock and random ids, and emits its {@code session_start}. Ids must be
     * unique, not secret: a fast generator seeded from {@link SecureRandom} per session is enough, and keeps a
     * lock on the system's entropy source off the path of every event.
     */
    public static SessionRecorder start(EventSink sink, String wardenVersion, EventBody.SessionStart start) {
        return start(sink, wardenVersion, InstantSource.system(),
                new SplittableRandom(new SecureRandom().nextLong()), start);
    }

    /** Starts a session on the given clock and id source (tests pin both), and emits its {@code session_start}. */
    public static SessionRecorder start(EventSink sink, String wardenVersion, InstantSource clock,
                                        RandomGenerator random, EventBody.SessionStart start) {
        SessionRecorder recorder = new SessionRecorder(sink, wardenVersion, clock, random);
        recorder.emit(start, recorder.rootSpanId, Optional.empty(), recorder.started);
        return recorder;
    }

    public String sessionId() {
        return sessionId;
    }

    public String traceId() {
        return traceId;
    }

    public String rootSpanId() {
        return rootSpanId;
    }

    /** Emits a session-level event (on the root span). */
    public synchronized Event emit(EventBody body) {
        return emit(body, rootSpanId, Optional.empty(), clock.instant());
    }

    /** A new child span, for one tool call or one approval. */
    public Span span() {
        synchronized (this) {
            return new Span(hex(8));
        }
    }

    /**
     * Emits {@code session_end} with the time since the start, then flushes the sink so the session's
     * record is durable before the front door exits.
     */
    public Event end(int exitStatus, String reason) {
        Event event;
        synchronized (this) {
            Instant now = clock.instant();
            long millis = Math.max(0, Duration.between(started, now).toMillis());
            event = emit(new EventBody.SessionEnd(exitStatus, millis, reason), rootSpanId, Optional.empty(), now);
            ended = true;
        }
        sink.flush();
        return event;
    }

    /** Returns once every event emitted so far is durable in the sink. */
    public void flush() {
        sink.flush();
    }

    private synchronized Event emit(EventBody body, String spanId, Optional<String> parent, Instant at) {
        if (ended) {
            throw new IllegalStateException("session " + sessionId + " has ended; " + body.type() + " was not recorded");
        }
        Event event = new Event(hex(16), sessionId, traceId, spanId, parent, at, sequence + 1,
                wardenVersion, body);
        sink.emit(event);
        sequence++;
        return event;
    }

    private String hex(int bytes) {
        byte[] b = new byte[bytes];
        random.nextBytes(b);
        return HEX.formatHex(b);
    }

    /** A child span of the session's trace: one tool call, or one approval. */
    public final class Span {
        private final String spanId;

        private Span(String spanId) {
            this.spanId = spanId;
        }

        public String spanId() {
            return spanId;
        }

        public Event emit(EventBody body) {
            synchronized (SessionRecorder.this) { // the clock is read under the lock, so time follows sequence
                return SessionRecorder.this.emit(body, spanId, Optional.of(rootSpanId), clock.instant());
            }
        }
    }
}
