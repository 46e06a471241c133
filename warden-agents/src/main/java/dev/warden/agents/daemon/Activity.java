package dev.warden.agents.daemon;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * When the daemon last answered anything on any of its doors, and how many requests it is in the middle of: what an
 * idle exit ({@code warden daemon --idle-exit}) waits for. A command served through the exec door is one request
 * from its connection to its teardown, so a daemon never stops under a running command.
 */
final class Activity {
    private final LongSupplier nanoClock;
    private final AtomicLong last;
    private final AtomicInteger busy = new AtomicInteger();

    Activity() {
        this(System::nanoTime);
    }

    Activity(LongSupplier nanoClock) {
        this.nanoClock = nanoClock;
        this.last = new AtomicLong(nanoClock.getAsLong());
    }

    /** Marks a request begun; {@link Request#close} marks it done. */
    Request begin() {
        busy.incrementAndGet();
        last.set(nanoClock.getAsLong());
        return new Request();
    }

    /** True when nothing is in flight and the last request ended at least {@code quiet} ago. */
    boolean idleFor(Duration quiet) {
        return busy.get() == 0 && nanoClock.getAsLong() - last.get() >= quiet.toNanos();
    }

    /** One request in flight. */
    final class Request implements AutoCloseable {
        private boolean closed;

        private Request() {}

        @Override
        public void close() {
            if (!closed) {
                closed = true;
                last.set(nanoClock.getAsLong());
                busy.decrementAndGet();
            }
        }
    }
}
