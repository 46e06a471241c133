package dev.warden.audit.store;

import dev.warden.audit.AuditConfig;
import dev.warden.audit.AuditException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * Group commit: callers put records on a bounded queue and return; one writer thread takes whatever is
 * waiting (and, for at most {@code maxBatchWait}, what arrives next) and commits it as one transaction,
 * so one fsync covers many events. A {@link #flush()} rides the queue behind the records it must cover
 * and completes once their transaction has committed: that completion is the acknowledgement.
 *
 * <p>When the store fails the writer keeps draining (so callers never block on a dead store), counts
 * what it could not write, reports the failure once, and fails every pending and later flush.
 */
public final class BatchWriter implements AutoCloseable {
    private static final Duration ANSWER_WITHIN = Duration.ofSeconds(60);

    private sealed interface Item {}

    private record Append(byte[] record, boolean sessionEnd) implements Item {}

    private record Flush(CompletableFuture<Void> done) implements Item {}

    private record Close(CompletableFuture<Void> done) implements Item {}

    private final AuditStore store;
    private final AuditConfig.Tuning tuning;
    private final InstantSource clock;
    private final Consumer<AuditException> onFailure;
    private final BlockingQueue<Item> queue;
    private final Thread thread;
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong written = new AtomicLong();
    private volatile AuditException failure;
    private Instant lastCheckpoint;

    private BatchWriter(AuditStore store, AuditConfig.Tuning tuning, InstantSource clock,
                        Consumer<AuditException> onFailure) {
        this.store = store;
        this.tuning = tuning;
        this.clock = clock;
        this.onFailure = onFailure;
        this.queue = new ArrayBlockingQueue<>(tuning.queueCapacity());
        this.lastCheckpoint = clock.instant();
        this.thread = Thread.ofPlatform().name("warden-audit-writer").daemon(true).unstarted(this::run);
    }

    /**
     * Starts the writer on {@code store}; first it prunes records older than {@code retentionDays}
     * (a pruning failure is reported through {@code warn}, it does not stop the store).
     */
    public static BatchWriter start(AuditStore store, AuditConfig.Tuning tuning, InstantSource clock, int retentionDays,
                                    Consumer<AuditException> onFailure, Consumer<String> warn) {
        BatchWriter writer = new BatchWriter(store, tuning, clock, onFailure);
        try {
            store.prune(clock.instant().minus(Duration.ofDays(retentionDays)));
        } catch (SQLException e) {
            warn.accept(StoreFailures.of(e, store.database(), "pruning records older than " + retentionDays
                    + " days").getMessage());
        }
        writer.thread.start();
        return writer;
    }

    /** Queues one canonical, redacted record; blocks only while the queue is full (back-pressure, never loss). */
    public void append(String record, boolean sessionEnd) {
        // Encoded here, on the emitting thread: the writer's single thread only hashes and inserts.
        put(new Append(record.getBytes(StandardCharsets.UTF_8), sessionEnd));
    }

    /** Returns once everything appended before the call is committed; throws the store's failure if it failed. */
    public void flush() {
        CompletableFuture<Void> done = new CompletableFuture<>();
        put(new Flush(done));
        await(done);
    }

    public Optional<AuditException> failure() {
        return Optional.ofNullable(failure);
    }

    /** Records that were accepted but could not be written because the store had failed. */
    public long dropped() {
        return dropped.get();
    }

    /** Records committed by this writer. */
    public long written() {
        return written.get();
    }

    private void put(Item item) {
        if (!thread.isAlive() && !(item instanceof Close)) {
            throw new IllegalStateException("the audit writer is closed");
        }
        try {
            queue.put(item);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AuditException("interrupted while queueing an audit event; it was not recorded", e);
        }
    }

    /** Waits for the writer's answer; a writer that does not answer within a minute is a failure, not a hang. */
    private void await(CompletableFuture<Void> done) {
        try {
            done.get(ANSWER_WITHIN.toSeconds(), TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof AuditException a ? a : new AuditException(e.getCause().toString(), e.getCause());
        } catch (TimeoutException e) {
            throw new AuditException("audit store " + store.database() + ": the writer did not commit within "
                    + ANSWER_WITHIN.toSeconds() + " s" + (thread.isAlive() ? " (the disk may be stalled)" : " (it stopped)"), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AuditException("interrupted while waiting for the audit store", e);
        }
    }

    private void run() {
        List<Item> batch = new ArrayList<>();
        List<byte[]> records = new ArrayList<>();
        boolean closing = false;
        while (!closing) {
            batch.clear();
            records.clear();
            try {
                collect(batch);
            } catch (InterruptedException e) {
                return;
            }
            boolean sessionEnd = false;
            for (Item item : batch) {
                switch (item) {
                    case Append append -> {
                        records.add(append.record());
                        sessionEnd |= append.sessionEnd();
                    }
                    case Flush ignored -> { }
                    case Close ignored -> closing = true;
                }
            }
            Optional<Checkpoint> signed = commit(records, sessionEnd, closing);
            for (Item item : batch) {
                switch (item) {
                    case Flush flush -> complete(flush.done());
                    case Close close -> { } // after the head copy below: close means everything is written
                    case Append ignored -> { }
                }
            }
            // The events are durable once committed; the copy of the head is written after the acknowledgements,
            // so its fsync is not on the path of the agents waiting for them.
            signed.ifPresent(this::copyHead);
            for (Item item : batch) {
                if (item instanceof Close close) {
                    complete(close.done());
                }
            }
        }
    }

    /**
     * Takes the next item and everything already queued behind it (other threads' events and flushes share
     * the transaction and its fsync); then, unless someone is waiting (a flush or close is in the batch),
     * waits up to {@code maxBatchWait} for more.
     */
    private void collect(List<Item> batch) throws InterruptedException {
        batch.add(queue.take());
        queue.drainTo(batch, tuning.maxBatchSize() - 1);
        if (batch.stream().anyMatch(item -> !(item instanceof Append))) {
            return;
        }
        long deadline = System.nanoTime() + tuning.maxBatchWait().toNanos();
        while (batch.size() < tuning.maxBatchSize()) {
            long left = deadline - System.nanoTime();
            Item next = left <= 0 ? null : queue.poll(left, TimeUnit.NANOSECONDS);
            if (next == null) {
                return;
            }
            batch.add(next);
            if (!(next instanceof Append)) {
                return;
            }
        }
    }

    private Optional<Checkpoint> commit(List<byte[]> records, boolean sessionEnd, boolean closing) {
        if (failure != null) {
            dropped.addAndGet(records.size());
            return Optional.empty();
        }
        if (records.isEmpty() && !closing) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        Optional<Checkpoint> signed;
        try {
            signed = closing && records.isEmpty()
                    ? store.signHead(now)
                    : store.append(records, (unsigned, at) -> sessionEnd || closing
                            || unsigned >= tuning.checkpointRecords()
                            || !at.isBefore(lastCheckpoint.plus(tuning.checkpointEvery())), now);
            written.addAndGet(records.size());
        } catch (SQLException e) {
            fail(StoreFailures.of(e, store.database(), "appending " + records.size() + " event(s)"), records.size());
            return Optional.empty();
        } catch (RuntimeException e) {
            fail(new AuditException("audit store " + store.database() + ": " + e + " while appending", e), records.size());
            return Optional.empty();
        }
        if (signed.isPresent()) {
            lastCheckpoint = now;
        }
        return signed;
    }

    private void copyHead(Checkpoint checkpoint) {
        try {
            HeadFile.advance(store.database(), checkpoint);
        } catch (IOException | RuntimeException e) {
            // The records are committed; what is missing is the copy of the head that catches a cut tail.
            fail(new AuditException("audit store " + store.database() + ": cannot write "
                    + HeadFile.of(store.database()) + " (" + (e instanceof IOException io ? StoreFailures.of(io) : e)
                    + "); free space or fix permissions", e), 0);
        }
    }

    private void fail(AuditException e, int lost) {
        dropped.addAndGet(lost);
        failure = e;
        try {
            onFailure.accept(e);
        } catch (RuntimeException ignored) {
            // a broken alarm must not kill the writer: flushes still need their answer
        }
    }

    private void complete(CompletableFuture<Void> done) {
        AuditException f = failure;
        if (f == null) {
            done.complete(null);
        } else {
            done.completeExceptionally(f);
        }
    }

    /** Commits what is queued, signs the head, stops the thread and closes the store. */
    @Override
    public void close() {
        if (thread.isAlive()) {
            CompletableFuture<Void> done = new CompletableFuture<>();
            try {
                put(new Close(done));
                done.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (ExecutionException | AuditException e) {
                // already reported through onFailure
            }
            try {
                thread.join(TimeUnit.SECONDS.toMillis(30));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        store.close();
    }
}
