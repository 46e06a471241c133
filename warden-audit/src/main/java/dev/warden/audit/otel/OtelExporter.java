package dev.warden.audit.otel;

import dev.warden.audit.redact.Redactor;
import dev.warden.core.event.Event;
import dev.warden.core.event.EventSink;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.exporter.otlp.http.logs.OtlpHttpLogRecordExporter;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.exporter.otlp.logs.OtlpGrpcLogRecordExporter;
import io.opentelemetry.exporter.otlp.trace.OtlpGrpcSpanExporter;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.common.InstrumentationScopeInfo;
import io.opentelemetry.sdk.common.export.RetryPolicy;
import io.opentelemetry.sdk.logs.data.LogRecordData;
import io.opentelemetry.sdk.logs.export.LogRecordExporter;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * Sends a copy of every event to an OpenTelemetry collector: each event a log record, each session a
 * trace (a root span, a child span per tool call and per approval). The local store is the source of
 * truth, so this never slows the agent: {@link #emit} only offers the event to a bounded queue and
 * counts it as dropped when the queue is full; one thread redacts, converts and exports in batches
 * (the OTLP exporters retry transient failures with backoff), and counts what the collector refused.
 */
public final class OtelExporter implements EventSink, AutoCloseable {
    static final int QUEUE_CAPACITY = 8192;
    static final int BATCH = 512;
    static final Duration EXPORT_TIMEOUT = Duration.ofSeconds(10);
    static final Duration CLOSE_WAIT = Duration.ofSeconds(5);

    /**
     * The SDK logs export failures through java.util.logging, which would print stack traces into the
     * person's terminal; they are counted and reported once through the alarm instead. Held here because
     * java.util.logging forgets the level of a logger nobody references.
     */
    private static final java.util.logging.Logger SDK_LOGGER = java.util.logging.Logger.getLogger("io.opentelemetry");

    private final OtelSettings settings;
    private final Consumer<String> alarm;
    private final Optional<LogRecordExporter> logs;
    private final Optional<SpanExporter> spans;
    private final BlockingQueue<Event> queue;
    private final SessionSpans sessionSpans;
    private final Resource resource;
    private final InstrumentationScopeInfo scope;
    private final Thread thread;
    private final Duration closeWait;
    private final AtomicLong exported = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private volatile boolean closing;

    /** What happened to the events offered so far. */
    public record Stats(long exported, long dropped, long failed) {}

    OtelExporter(OtelSettings settings, String wardenVersion, Consumer<String> alarm, Optional<LogRecordExporter> logs,
                 Optional<SpanExporter> spans, int queueCapacity, Duration closeWait) {
        this.settings = settings;
        this.closeWait = closeWait;
        this.alarm = alarm;
        this.logs = logs;
        this.spans = spans;
        this.queue = new ArrayBlockingQueue<>(queueCapacity);
        this.resource = resource(wardenVersion, settings.environment());
        this.scope = InstrumentationScopeInfo.builder("dev.warden.audit").setVersion(wardenVersion).build();
        this.sessionSpans = new SessionSpans(resource, scope);
        this.thread = Thread.ofPlatform().name("warden-otel-exporter").daemon(true).unstarted(this::run);
    }

    /** Starts exporting as {@code settings} says; the alarm hears, once at close, what could not be sent. */
    public static OtelExporter start(OtelSettings settings, String wardenVersion, Consumer<String> alarm) {
        return start(settings, wardenVersion, alarm, QUEUE_CAPACITY, CLOSE_WAIT);
    }

    /**
     * As {@link #start(OtelSettings, String, Consumer)}, waiting at most {@code closeWait} at close for the
     * collector: a one-shot command should not outlive its agent by the exporter's whole retry schedule.
     */
    public static OtelExporter start(OtelSettings settings, String wardenVersion, Consumer<String> alarm,
                                     Duration closeWait) {
        return start(settings, wardenVersion, alarm, QUEUE_CAPACITY, closeWait);
    }

    static OtelExporter start(OtelSettings settings, String wardenVersion, Consumer<String> alarm, int queueCapacity,
                              Duration closeWait) {
        SDK_LOGGER.setLevel(java.util.logging.Level.OFF);
        OtelExporter exporter = new OtelExporter(settings, wardenVersion, alarm,
                settings.logs().map(OtelExporter::logExporter), settings.traces().map(OtelExporter::spanExporter),
                queueCapacity, closeWait);
        exporter.thread.start();
        return exporter;
    }

    private static LogRecordExporter logExporter(OtelSettings.Endpoint endpoint) {
        return switch (endpoint.transport()) {
            case HTTP_PROTOBUF -> {
                var b = OtlpHttpLogRecordExporter.builder().setEndpoint(endpoint.url().toString())
                        .setTimeout(EXPORT_TIMEOUT).setRetryPolicy(RetryPolicy.getDefault());
                endpoint.headers().forEach(b::addHeader);
                yield b.build();
            }
            case GRPC -> {
                var b = OtlpGrpcLogRecordExporter.builder().setEndpoint(endpoint.url().toString())
                        .setTimeout(EXPORT_TIMEOUT).setRetryPolicy(RetryPolicy.getDefault());
                endpoint.headers().forEach(b::addHeader);
                yield b.build();
            }
        };
    }

    private static SpanExporter spanExporter(OtelSettings.Endpoint endpoint) {
        return switch (endpoint.transport()) {
            case HTTP_PROTOBUF -> {
                var b = OtlpHttpSpanExporter.builder().setEndpoint(endpoint.url().toString())
                        .setTimeout(EXPORT_TIMEOUT).setRetryPolicy(RetryPolicy.getDefault());
                endpoint.headers().forEach(b::addHeader);
                yield b.build();
            }
            case GRPC -> {
                var b = OtlpGrpcSpanExporter.builder().setEndpoint(endpoint.url().toString())
                        .setTimeout(EXPORT_TIMEOUT).setRetryPolicy(RetryPolicy.getDefault());
                endpoint.headers().forEach(b::addHeader);
                yield b.build();
            }
        };
    }

    /** Offers the event; never waits. A full queue means the collector is too slow: the event is counted as dropped. */
    @Override
    public void emit(Event event) {
        if (closing || !queue.offer(event)) {
            dropped.incrementAndGet();
        }
    }

    /** Does not wait for the collector: durability is the local store's job. */
    @Override
    public void flush() {}

    public Stats stats() {
        return new Stats(exported.get(), dropped.get(), failed.get());
    }

    private void run() {
        List<Event> batch = new ArrayList<>(BATCH);
        while (true) {
            try {
                Event first = queue.poll(200, TimeUnit.MILLISECONDS);
                if (first == null) {
                    if (closing) {
                        return;
                    }
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, BATCH - 1);
            } catch (InterruptedException e) {
                return;
            }
            export(batch);
            batch.clear();
        }
    }

    private void export(List<Event> batch) {
        List<LogRecordData> records = new ArrayList<>(batch.size());
        List<SpanData> finished = new ArrayList<>();
        for (Event event : batch) {
            @SuppressWarnings("unchecked")
            Map<String, Object> data = (Map<String, Object>) Redactor.DEFAULT.redactJson(event.body().toJson());
            SpanContext context = SpanContext.create(event.traceId(), event.spanId(), TraceFlags.getSampled(),
                    TraceState.getDefault());
            records.add(new WardenLogRecord(resource, scope, nanos(event), context,
                    OtelMapping.severity(event.type(), data), OtelMapping.body(event.type(), data, settings.logUserPrompt()),
                    OtelMapping.attributes(event, data, settings.logUserPrompt()), event.type()));
            finished.addAll(sessionSpans.observe(event, data));
        }
        send(records, finished);
    }

    private void send(List<LogRecordData> records, List<SpanData> finished) {
        if (logs.isPresent() && !records.isEmpty()) {
            count(logs.get().export(records), records.size());
        } else {
            exported.addAndGet(records.size());
        }
        if (spans.isPresent() && !finished.isEmpty()) {
            spans.get().export(finished).join(EXPORT_TIMEOUT.toSeconds() + 5, TimeUnit.SECONDS);
        }
    }

    private void count(CompletableResultCode result, int n) {
        result.join(EXPORT_TIMEOUT.toSeconds() + 5, TimeUnit.SECONDS);
        (result.isSuccess() ? exported : failed).addAndGet(n);
    }

    static long nanos(Event event) {
        return TimeUnit.SECONDS.toNanos(event.timestamp().getEpochSecond()) + event.timestamp().getNano();
    }

    static Resource resource(String wardenVersion, String environment) {
        return Resource.getDefault().merge(Resource.create(Attributes.builder()
                .put("service.name", "warden")
                .put("service.version", wardenVersion)
                .put("deployment.environment.name", environment)
                .put("host.name", hostName())
                .build()));
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (java.io.IOException e) {
            return "unknown";
        }
    }

    /**
     * Sends what is queued, waiting at most a few seconds (a person is waiting for the prompt back), ends the
     * spans of sessions still open, shuts the exporters down, and tells the alarm how many events did not
     * reach the collector.
     */
    @Override
    public void close() {
        closing = true;
        try {
            thread.join(closeWait.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (!thread.isAlive()) {
            send(List.of(), sessionSpans.endAll());
        } else {
            thread.interrupt(); // still retrying an unreachable collector: give up on what is left
            try {
                thread.join(1000); // so the batch in flight is counted before the totals are reported
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        List<Event> left = new ArrayList<>();
        queue.drainTo(left);
        dropped.addAndGet(left.size());
        logs.ifPresent(LogRecordExporter::shutdown);
        spans.ifPresent(SpanExporter::shutdown);
        Stats s = stats();
        if (s.dropped() + s.failed() > 0) {
            alarm.accept("OpenTelemetry: " + (s.dropped() + s.failed()) + " event(s) did not reach the collector ("
                    + s.dropped() + " dropped because the queue was full, " + s.failed() + " refused or unreachable);"
                    + " the local audit store has all of them (warden audit export)");
        }
    }
}
