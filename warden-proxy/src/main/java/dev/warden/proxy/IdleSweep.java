package dev.warden.proxy;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Ends tunnels on which no byte moved either way for the idle timeout. One thread per proxy looks at every
 * open tunnel several times per timeout, rather than a watchdog thread per tunnel: a sleeping thread per
 * tunnel cost every short exchange a thread start, a timer set and cancelled, and an interrupt with its
 * exception, all on the path of a small request. A tunnel is closed at most an eighth of the timeout
 * (and at most 5 s) late.
 */
final class IdleSweep implements AutoCloseable {

    /** What the sweep needs from a tunnel: when it last moved a byte, and how to end it. */
    interface Watched {
        long lastActivityNanos();

        void expire(String reason);
    }

    private final long idleNanos;
    private final long periodMillis;
    private final String reason;
    private final Set<Watched> watched = ConcurrentHashMap.newKeySet();
    private final Thread thread;
    private volatile boolean closed;

    IdleSweep(Duration idle) {
        this.idleNanos = idle.toNanos();
        this.periodMillis = Math.clamp(idle.toMillis() / 8, 10, 5000);
        this.reason = "idle for " + idle.toSeconds() + " s";
        this.thread = Thread.ofVirtual().name("warden-proxy-idle").start(this::run);
    }

    void watch(Watched tunnel) {
        watched.add(tunnel);
    }

    void forget(Watched tunnel) {
        watched.remove(tunnel);
    }

    private void run() {
        while (!closed) {
            try {
                Thread.sleep(periodMillis);
            } catch (InterruptedException e) {
                return;
            }
            long now = System.nanoTime();
            for (Watched tunnel : watched) {
                if (now - tunnel.lastActivityNanos() >= idleNanos) {
                    watched.remove(tunnel);
                    tunnel.expire(reason);
                }
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        thread.interrupt();
    }
}
