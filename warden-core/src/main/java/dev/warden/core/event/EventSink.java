package dev.warden.core.event;

import java.util.List;

/**
 * Where events go: the audit store, an exporter, a test's list. Every part of Warden emits through this
 * one interface (usually via a {@link SessionRecorder}, which fills in ids, sequence numbers and times).
 *
 * <p>{@link #emit} must return quickly and must not reorder the events of one session: a store may
 * write them later, on its own thread, but in the order they were emitted.
 */
public interface EventSink {

    void emit(Event event);

    /**
     * Returns once every event emitted before the call is as durable as this sink can make it (for the
     * audit store: committed and synced). Sinks without durability have nothing to do.
     */
    default void flush() {}

    /** A sink that keeps nothing, for code paths that run without an audit trail (tests, {@code check}). */
    static EventSink discarding() {
        return event -> { };
    }

    /** Emits to each sink in turn, the first one (the source of truth) first. */
    static EventSink all(List<EventSink> sinks) {
        List<EventSink> copy = List.copyOf(sinks);
        return new EventSink() {
            @Override
            public void emit(Event event) {
                for (EventSink sink : copy) {
                    sink.emit(event);
                }
            }

            @Override
            public void flush() {
                for (EventSink sink : copy) {
                    sink.flush();
                }
            }
        };
    }
}
