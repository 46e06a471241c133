package dev.warden.audit;

import dev.warden.audit.redact.Redactor;
import dev.warden.audit.store.AuditKey;
import dev.warden.audit.store.AuditStore;
import dev.warden.audit.store.BatchWriter;
import dev.warden.core.event.Event;
import dev.warden.core.event.EventBody;
import dev.warden.core.event.EventJson;
import dev.warden.core.event.EventSink;
import dev.warden.core.event.SessionRecorder;
import java.nio.file.Path;
import java.util.Map;
import java.time.InstantSource;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * The audit trail as the front doors see it: an {@link EventSink} that redacts each event, writes it to
 * the tamper-evident store through a group-committing writer, and says loudly when it cannot.
 *
 * <pre>{@code
 * try (AuditLog audit = AuditLog.open(config, message -> System.err.println("warden: " + message))) {
 *     SessionRecorder session = audit.startSession(version, new EventBody.SessionStart(...));
 *     session.span().emit(EventBody.ToolDecision.of(action, verdict));
 *     ...
 *     session.end(exitStatus, "exited");   // emits session_end, signs a checkpoint, flushes
 * }
 * }</pre>
 *
 * <p>On failure (full disk, read-only or locked store) the alarm is called once, on the writer thread,
 * with a one-line message. With {@link OnFailure#STOP}, {@link #emit} and {@link #flush} then throw
 * {@link AuditException}, so the next decision fails closed and the front door stops the agent; with
 * {@link OnFailure#WARN} events are dropped and counted ({@link #dropped()}) and the alarm repeats at close.
 */
public final class AuditLog implements EventSink, AutoCloseable {
    private final AuditConfig config;
    private final Consumer<String> alarm;
    private final Optional<BatchWriter> writer;
    private final Redactor redactor = Redactor.DEFAULT;
    private final AtomicLong droppedAfterFailure = new AtomicLong();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final AuditException openFailure;

    private AuditLog(AuditConfig config, Consumer<String> alarm, Optional<BatchWriter> writer, AuditException openFailure) {
        this.config = config;
        this.alarm = alarm;
        this.writer = writer;
        this.openFailure = openFailure;
    }

    /** Opens the store of {@code config} on the system clock. */
    public static AuditLog open(AuditConfig config, Consumer<String> alarm) {
        return open(config, alarm, InstantSource.system());
    }

    /**
     * Opens (creating on first use) the store and its signing key, prunes what retention allows, and starts
     * the writer. If the store cannot be opened: with {@code STOP} this throws {@link AuditException}; with
     * {@code WARN} the alarm is raised and the returned log drops and counts every event.
     */
    public static AuditLog open(AuditConfig config, Consumer<String> alarm, InstantSource clock) {
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(alarm, "alarm");
        AuditStore store;
        try {
            AuditKey key = AuditKey.loadOrCreate(config.keyDirectory());
            store = AuditStore.openForWriting(config.database(), key, config.tuning().maxStoreBytes());
        } catch (AuditException e) {
            if (config.onFailure() == OnFailure.STOP) {
                throw e;
            }
            alarm.accept(warning(e));
            return new AuditLog(config, alarm, Optional.empty(), e);
        }
        // The writer reports failures of appends, and nothing is appended before the log exists.
        AuditLog[] self = new AuditLog[1];
        BatchWriter writer = BatchWriter.start(store, config.tuning(), clock, config.retentionDays(),
                failure -> self[0].raise(failure), alarm);
        self[0] = new AuditLog(config, alarm, Optional.of(writer), null);
        return self[0];
    }

    /** Starts a session recorded here: emits its {@code session_start} and returns the recorder. */
    public SessionRecorder startSession(String wardenVersion, EventBody.SessionStart start) {
        return SessionRecorder.start(this, wardenVersion, start);
    }

    /** Redacts, serialises and queues the event; returns without waiting for the disk. */
    @Override
    public void emit(Event event) {
        Optional<AuditException> failed = failure();
        if (failed.isPresent()) {
            if (config.onFailure() == OnFailure.STOP) {
                throw failed.get();
            }
            droppedAfterFailure.incrementAndGet(); // never reaches the writer
            return;
        }
        // The envelope is ids, times and names Warden made; what the agent and the person said is in data.
        Map<String, Object> json = event.toJson();
        json.put("data", redactor.redactJson(json.get("data")));
        String record = EventJson.canonical(json);
        writer.orElseThrow().append(record, event.body() instanceof EventBody.SessionEnd);
    }

    /** Returns once every event emitted before the call is committed and synced to disk. */
    @Override
    public void flush() {
        if (writer.isEmpty()) {
            rethrowIfStopping();
            return;
        }
        try {
            writer.get().flush();
        } catch (AuditException e) {
            if (config.onFailure() == OnFailure.STOP) {
                throw e;
            }
        }
    }

    /** Why the store stopped recording, if it did. */
    public Optional<AuditException> failure() {
        if (openFailure != null) {
            return Optional.of(openFailure);
        }
        return writer.flatMap(BatchWriter::failure);
    }

    /** Events accepted but not recorded because the store had failed (only ever non-zero after an alarm). */
    public long dropped() {
        return droppedAfterFailure.get() + writer.map(BatchWriter::dropped).orElse(0L);
    }

    public Path database() {
        return config.database();
    }

    public OnFailure onFailure() {
        return config.onFailure();
    }

    private void raise(AuditException failure) {
        alarm.accept(config.onFailure() == OnFailure.STOP
                ? failure.getMessage() + "; stopping the agent ([audit] on_failure = \"stop\")"
                : warning(failure));
    }

    private static String warning(AuditException failure) {
        return failure.getMessage() + "; the agent keeps running WITHOUT an audit trail ([audit] on_failure = \"warn\")";
    }

    private void rethrowIfStopping() {
        if (openFailure != null && config.onFailure() == OnFailure.STOP) {
            throw openFailure;
        }
    }

    /** Commits what is queued, signs the head, and closes the store; repeats the alarm if events were lost. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        writer.ifPresent(BatchWriter::close);
        long lost = dropped();
        if (lost > 0) {
            alarm.accept(lost + " audit event(s) were not recorded in " + config.database() + " ("
                    + failure().map(Throwable::getMessage).orElse("the store failed") + ")");
        }
    }
}
