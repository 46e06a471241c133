package dev.warden.proxy;

import java.nio.ByteBuffer;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The direct buffers tunnels relay through, in two sizes. Every direction starts with a small one, which
 * is all an idle tunnel or a small exchange ever holds (a thousand idle tunnels must not pin a gigabyte).
 * A direction whose read fills the small buffer is streaming, and moves to a large one so that each read
 * takes everything the kernel has queued: at 1 MiB a bulk transfer costs the proxy about half the CPU
 * it did at 64 KiB (fewer system calls and fewer virtual thread park and unpark cycles per byte).
 * Large buffers are a fixed budget: when none is free a direction simply keeps its small one.
 */
final class RelayBuffers {
    private RelayBuffers() {}

    static final int SMALL = 32 * 1024;
    static final int LARGE = 1024 * 1024;
    /** Small buffers kept for reuse (direct buffers are costly to allocate: zeroed, tracked by a cleaner). */
    private static final int SMALL_KEPT = 512;
    /** At most this many large buffers exist at once: 32 MiB. */
    private static final int LARGE_BUDGET = 32;

    private static final ConcurrentLinkedQueue<ByteBuffer> SMALL_POOL = new ConcurrentLinkedQueue<>();
    private static final AtomicInteger SMALL_POOLED = new AtomicInteger();
    private static final ConcurrentLinkedQueue<ByteBuffer> LARGE_POOL = new ConcurrentLinkedQueue<>();
    private static final AtomicInteger LARGE_CREATED = new AtomicInteger();

    static ByteBuffer small() {
        ByteBuffer buffer = SMALL_POOL.poll();
        if (buffer == null) {
            return ByteBuffer.allocateDirect(SMALL);
        }
        SMALL_POOLED.decrementAndGet();
        return buffer.clear();
    }

    /** A large buffer, or null when the budget is spent. */
    static ByteBuffer large() {
        ByteBuffer buffer = LARGE_POOL.poll();
        if (buffer != null) {
            return buffer.clear();
        }
        if (LARGE_CREATED.incrementAndGet() > LARGE_BUDGET) {
            LARGE_CREATED.decrementAndGet();
            return null;
        }
        return ByteBuffer.allocateDirect(LARGE);
    }

    /** Called only once no channel operation can still be using the buffer. */
    static void give(ByteBuffer buffer) {
        if (buffer.capacity() == LARGE) {
            LARGE_POOL.offer(buffer);
        } else if (SMALL_POOLED.incrementAndGet() <= SMALL_KEPT) {
            SMALL_POOL.offer(buffer);
        } else {
            SMALL_POOLED.decrementAndGet();
        }
    }
}
