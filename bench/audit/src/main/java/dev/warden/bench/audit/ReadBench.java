package dev.warden.bench.audit;

import dev.warden.audit.query.AuditReader;
import dev.warden.audit.query.EventFilter;
import dev.warden.audit.store.AuditStore;
import dev.warden.audit.store.Verifier;
import dev.warden.audit.store.VerifyReport;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Reading a store of 1,000,000 events: {@code verify} (events per second through the whole check) against
 * {@code readAll} (the same rows read with no hashing, the floor), and the events of one session (1,000 of
 * the million) through the session index against a scan of plain SQLite without that index.
 */
@State(Scope.Benchmark)
public class ReadBench {
    private MillionEvents store;
    private AuditReader reader;
    private Connection plain;
    private final AtomicLong next = new AtomicLong();

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        store = MillionEvents.get();
        reader = AuditReader.open(store.database);
        plain = AuditStore.openForReading(store.database);
    }

    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    @OperationsPerInvocation(1_000_000)
    public VerifyReport verify() {
        VerifyReport report = Verifier.verify(store.database, store.key);
        if (!report.intact()) {
            throw new IllegalStateException(report.toString());
        }
        return report;
    }

    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    @OperationsPerInvocation(1_000_000)
    public long readAll() throws Exception {
        long bytes = 0;
        try (PreparedStatement s = plain.prepareStatement("SELECT seq, record, hash FROM events ORDER BY seq");
             ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
                bytes += rs.getLong(1) + rs.getBytes(2).length + rs.getBytes(3).length;
            }
        }
        return bytes;
    }

    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    public int querySession() {
        String session = store.sessionIds.get((int) (next.getAndIncrement() % store.sessionIds.size()));
        int n = reader.query(EventFilter.ALL.withSession(session), 0, 0).size();
        if (n != MillionEvents.PER_SESSION) {
            throw new IllegalStateException("session " + session + " has " + n + " events");
        }
        return n;
    }

    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    public int querySessionWithoutIndex() throws Exception {
        String session = store.sessionIds.get((int) (next.getAndIncrement() % store.sessionIds.size()));
        int n = 0;
        try (PreparedStatement s = plain.prepareStatement(
                "SELECT seq, record FROM events NOT INDEXED WHERE json_extract(record, '$.session_id') = ? ORDER BY seq")) {
            s.setString(1, session);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    n++;
                }
            }
        }
        return n;
    }

    @TearDown(Level.Trial)
    public void tearDown() throws Exception {
        reader.close();
        plain.close();
    }
}
