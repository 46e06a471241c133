package dev.warden.bench.audit;

import dev.warden.audit.AuditConfig;
import dev.warden.audit.AuditLog;
import dev.warden.core.event.Event;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;

/**
 * Latency of one append until it is durable, with four threads appending at once (four agents' tool calls):
 * {@code warden} is {@code emit} then {@code flush} (group commit lets concurrent flushes share an fsync);
 * {@code plain-sqlite} is one INSERT committed on its own, each thread on its own connection.
 * {@code emitOnly} is what the agent waits for when nobody asks for durability: the queue hand-off.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Threads(4)
public class LatencyBench {
    @Param({"warden", "plain-sqlite"})
    public String store;

    private Path dir;
    private List<Event> events;
    private List<String> records;
    private AuditLog log;
    private final AtomicLong next = new AtomicLong();
    private final AtomicLong seq = new AtomicLong();

    /** Each thread's own connection for the plain runs (SQLite connections are not shared across threads). */
    @State(Scope.Thread)
    public static class PlainConnection {
        Connection connection;
        PreparedStatement insert;

        @Setup(Level.Trial)
        public void open(LatencyBench bench) throws Exception {
            if (bench.store.equals("plain-sqlite")) {
                connection = BenchEvents.plainSqlite(bench.dir.resolve("plain.db"));
                insert = connection.prepareStatement("INSERT INTO events(seq, record) VALUES (?, ?)");
            }
        }

        @TearDown(Level.Trial)
        public void close() throws Exception {
            if (connection != null) {
                connection.close();
            }
        }
    }

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        dir = Files.createTempDirectory("warden-bench-latency");
        events = BenchEvents.collect(20, 100, 7);
        records = events.stream().map(Event::canonicalJson).toList();
        if (store.equals("warden")) {
            log = AuditLog.open(AuditConfig.defaults(dir), message -> {
                throw new IllegalStateException(message);
            });
        } else {
            BenchEvents.plainSqlite(dir.resolve("plain.db")).close();
        }
    }

    @Benchmark
    public void appendDurable(PlainConnection plain) throws Exception {
        int i = (int) (next.getAndIncrement() % events.size());
        if (log != null) {
            log.emit(events.get(i));
            log.flush();
        } else {
            plain.insert.setLong(1, seq.incrementAndGet());
            plain.insert.setString(2, records.get(i));
            plain.insert.executeUpdate();
        }
    }

    @Benchmark
    @Threads(1)
    public void emitOnly() {
        if (log != null) {
            log.emit(events.get((int) (next.getAndIncrement() % events.size())));
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() throws Exception {
        if (log != null) {
            log.close();
        }
        try (var files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
