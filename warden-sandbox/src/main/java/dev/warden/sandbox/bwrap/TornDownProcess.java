package dev.warden.sandbox.bwrap;

import java.io.InputStream;
import java.io.OutputStream;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

/**
 * bwrap's monitor as the caller sees it: it counts as exited only once the sandbox is torn down
 * (its namespace empty, the mount points Warden made for it removed when nothing else relies on them).
 * ({@link #waitFor} and {@link #onExit}; {@link #isAlive} and {@link #exitValue} are the monitor's). So a
 * {@code waitFor()} followed by {@code exit} — what {@code warden exec} does — does not leave
 * empty directories in the workspace because the JVM ended before the cleanup ran.
 */
final class TornDownProcess extends Process {
    private final Process monitor;
    private final CompletableFuture<Process> tornDown;
    /** Told before the monitor is destroyed, so the teardown knows the sandbox may outlive it for a moment. */
    private final Runnable onDestroy;

    /** @param tornDown completes (with anything) when the teardown after the monitor's exit is over */
    TornDownProcess(Process monitor, CompletableFuture<?> tornDown, Runnable onDestroy) {
        this.monitor = monitor;
        this.onDestroy = onDestroy;
        this.tornDown = tornDown.handle((ignored, failure) -> (Process) this);
    }

    @Override
    public OutputStream getOutputStream() {
        return monitor.getOutputStream();
    }

    @Override
    public InputStream getInputStream() {
        return monitor.getInputStream();
    }

    @Override
    public InputStream getErrorStream() {
        return monitor.getErrorStream();
    }

    @Override
    public int waitFor() throws InterruptedException {
        try {
            tornDown.get();
        } catch (java.util.concurrent.ExecutionException e) {
            // handle() above never completes exceptionally
        }
        return monitor.exitValue();
    }

    @Override
    public boolean waitFor(long timeout, TimeUnit unit) throws InterruptedException {
        try {
            tornDown.get(timeout, unit);
            return true;
        } catch (TimeoutException e) {
            return false;
        } catch (java.util.concurrent.ExecutionException e) {
            return true;
        }
    }

    @Override
    public int exitValue() {
        return monitor.exitValue();
    }

    /**
     * The monitor's own liveness, not the teardown's: signals go to its pid only while it has not been
     * reaped (a reaped pid may already belong to another process).
     */
    @Override
    public boolean isAlive() {
        return monitor.isAlive();
    }

    @Override
    public CompletableFuture<Process> onExit() {
        return tornDown.copy();
    }

    @Override
    public void destroy() {
        onDestroy.run();
        monitor.destroy();
    }

    @Override
    public Process destroyForcibly() {
        onDestroy.run();
        monitor.destroyForcibly();
        return this;
    }

    @Override
    public boolean supportsNormalTermination() {
        return monitor.supportsNormalTermination();
    }

    @Override
    public long pid() {
        return monitor.pid();
    }

    @Override
    public ProcessHandle toHandle() {
        return monitor.toHandle();
    }

    @Override
    public ProcessHandle.Info info() {
        return monitor.info();
    }

    @Override
    public Stream<ProcessHandle> children() {
        return monitor.children();
    }

    @Override
    public Stream<ProcessHandle> descendants() {
        return monitor.descendants();
    }
}
