package dev.warden.bench.audit;

import dev.warden.audit.AuditConfig;
import dev.warden.audit.AuditLog;
import dev.warden.audit.store.AuditKey;
import dev.warden.audit.store.AuditStore;
import dev.warden.audit.store.BatchWriter;
import dev.warden.core.event.Event;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.InstantSource;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Durable batched append, events per second: 1,000 events appended then made durable (one flush), the
 * way a busy session's events are group-committed. Side by side in one run:
 * <ul>
 *   <li>{@code warden}: the whole path a front door takes, {@code AuditLog.emit} (redaction, canonical JSON,
 *       queue) and {@code flush} (hash chain, checkpoints, commit with fsync);</li>
 *   <li>{@code chain-only}: the writer alone, fed canonical records (hash chain, checkpoints, commit);</li>
 *   <li>{@code plain-sqlite}: the same rows inserted in one transaction into the same schema and indexes,
 *       no hash, no checkpoints.</li>
 * </ul>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class AppendBench {
    static final int BATCH = 1000;

    @Param({"warden", "chain-only", "plain-sqlite"})
    public String store;

    private Path dir;
    private List<Event> events;
    private List<String> records;
    private AuditLog log;
    private BatchWriter writer;
    private Connection plain;
    private PreparedStatement insert;
    private long seq;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        dir = Files.createTempDirectory("warden-bench-append");
        events = BenchEvents.collect(10, 100, 42).subList(0, BATCH);
        records = events.stream().map(Event::canonicalJson).toList();
        switch (store) {
            case "warden" -> log = AuditLog.open(AuditConfig.defaults(dir), message -> {
                throw new IllegalStateException(message);
            });
            case "chain-only" -> writer = BatchWriter.start(
                    AuditStore.openForWriting(dir.resolve("audit.db"), AuditKey.loadOrCreate(dir.resolve("keys")), 0),
                    AuditConfig.Tuning.DEFAULT, InstantSource.system(), 30, e -> {
                        throw new IllegalStateException(e);
                    }, m -> { });
            default -> {
                plain = BenchEvents.plainSqlite(dir.resolve("plain.db"));
                insert = plain.prepareStatement("INSERT INTO events(seq, record) VALUES (?, ?)");
            }
        }
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public void append() throws Exception {
        switch (store) {
            case "warden" -> {
                for (Event e : events) {
                    log.emit(e);
                }
                log.flush();
            }
            case "chain-only" -> {
                for (String r : records) {
                    writer.append(r, false);
                }
                writer.flush();
            }
            default -> {
                try (Statement s = plain.createStatement()) {
                    s.execute("BEGIN IMMEDIATE");
                    for (String r : records) {
                        insert.setLong(1, ++seq);
                        insert.setString(2, r);
                        insert.addBatch();
                    }
                    insert.executeBatch();
                    s.execute("COMMIT");
                }
            }
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() throws Exception {
        if (log != null) {
            log.close();
        }
        if (writer != null) {
            writer.close();
        }
        if (plain != null) {
            plain.close();
        }
        try (var files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
