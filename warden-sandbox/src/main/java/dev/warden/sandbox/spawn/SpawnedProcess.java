package dev.warden.sandbox.spawn;

import java.io.InputStream;
import java.io.OutputStream;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A child started by {@link PosixSpawn}, as a {@link Process}. A daemon thread waits for it, so {@link #onExit()}
 * callbacks run on an unconfined thread, never on one that restricted itself for the spawn: the waiters are kept
 * for the next children ({@link #WAITERS}), and a new one is made by the launching thread, which is never the
 * restricted one ({@link PosixSpawn.Prepared#started} runs on the caller's). Signals are sent only while the child
 * is unreaped: the waiter first waits without reaping ({@code WNOWAIT}) and reaps under the same lock
 * {@link #destroy()} takes, so a recycled pid is never signalled.
 */
public final class SpawnedProcess extends Process {
    /**
     * Waiting threads, kept a minute after their child has exited: starting a platform thread takes 0.11 to 0.17 ms
     * at the median here, handing work to an idle pooled one 0.03 ms, on every warm sandbox spawn. A thread waits in
     * {@code waitid}, and then runs the sandbox's teardown, so each child running at once holds one; the pool grows
     * with them.
     */
    private static final java.util.concurrent.ExecutorService WAITERS = new java.util.concurrent.ThreadPoolExecutor(
            0, Integer.MAX_VALUE, 60, TimeUnit.SECONDS, new java.util.concurrent.SynchronousQueue<>(),
            Thread.ofPlatform().daemon().name("warden-wait-", 0).factory());

    private final int pid;
    private final OutputStream stdin;
    private final InputStream stdout;
    private final InputStream stderr;
    private final CompletableFuture<Process> exit = new CompletableFuture<>();
    private boolean reaped;
    private volatile int exitValue = -1;

    SpawnedProcess(int pid, OutputStream stdin, InputStream stdout, InputStream stderr) {
        this.pid = pid;
        this.stdin = stdin;
        this.stdout = stdout;
        this.stderr = stderr;
        WAITERS.execute(this::await);
    }

    private void await() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = arena.allocate(Libc.CAPTURE);
            MemorySegment siginfo = arena.allocate(256);
            while (true) {
                int rc = (int) Libc.WAITID.invokeExact(state, Libc.P_PID, pid, siginfo, Libc.WEXITED | Libc.WNOWAIT);
                if (rc == 0 || (int) Libc.ERRNO.get(state, 0L) != Libc.EINTR) {
                    break;
                }
            }
            MemorySegment status = arena.allocate(ValueLayout.JAVA_INT);
            synchronized (this) {
                int rc;
                do {
                    rc = (int) Libc.WAITPID.invokeExact(state, pid, status, 0);
                } while (rc == -1 && (int) Libc.ERRNO.get(state, 0L) == Libc.EINTR);
                reaped = true;
                int raw = status.get(ValueLayout.JAVA_INT, 0);
                int signal = raw & 0x7F;
                exitValue = rc == -1 ? 255 : signal == 0 ? (raw >> 8) & 0xFF : 128 + signal;
            }
            exit.complete(this);
        } catch (Throwable t) {
            exit.completeExceptionally(t);
        }
    }

    @Override
    public OutputStream getOutputStream() {
        return stdin;
    }

    @Override
    public InputStream getInputStream() {
        return stdout;
    }

    @Override
    public InputStream getErrorStream() {
        return stderr;
    }

    @Override
    public int waitFor() throws InterruptedException {
        try {
            exit.get();
        } catch (ExecutionException e) {
            throw new IllegalStateException("waiting for pid " + pid + " failed", e.getCause());
        }
        return exitValue;
    }

    @Override
    public boolean waitFor(long timeout, TimeUnit unit) throws InterruptedException {
        try {
            exit.get(timeout, unit);
            return true;
        } catch (TimeoutException e) {
            return false;
        } catch (ExecutionException e) {
            throw new IllegalStateException("waiting for pid " + pid + " failed", e.getCause());
        }
    }

    @Override
    public int exitValue() {
        if (!exit.isDone()) {
            throw new IllegalThreadStateException("process " + pid + " has not exited");
        }
        return exitValue;
    }

    @Override
    public void destroy() {
        signal(15);
    }

    @Override
    public Process destroyForcibly() {
        signal(9);
        return this;
    }

    private synchronized void signal(int signal) {
        if (!reaped) {
            try {
                int ignored = (int) Libc.KILL.invokeExact(pid, signal);
            } catch (Throwable t) {
                throw new IllegalStateException("kill(" + pid + ") failed", t);
            }
        }
    }

    /**
     * SIGKILL to the process group this process leads (it was started with a new session), to end
     * background jobs it left behind. Safe after reaping: a pid is not reused while a group of that
     * id still has members.
     */
    public void killProcessGroup() {
        try {
            int ignored = (int) Libc.KILL.invokeExact(-pid, 9);
        } catch (Throwable t) {
            throw new IllegalStateException("kill(-" + pid + ") failed", t);
        }
    }

    /**
     * SIGKILL to every process still in the session this process led (it was started with a new
     * session): its process group, and also the jobs an interactive shell put in groups of their own.
     * Only a process that called {@code setsid} itself escapes. Safe after reaping: the kernel does not
     * hand out a pid that is still some process's session id.
     */
    public void killSession() {
        killProcessGroup();
        for (long member : Sessions.members(pid)) {
            Signals.send(member, Signals.SIGKILL);
        }
    }

    @Override
    public boolean supportsNormalTermination() {
        return true;
    }

    @Override
    public boolean isAlive() {
        return !exit.isDone();
    }

    @Override
    public long pid() {
        return pid;
    }

    @Override
    public CompletableFuture<Process> onExit() {
        return exit.copy();
    }

    @Override
    public ProcessHandle toHandle() {
        return ProcessHandle.of(pid).orElseThrow(() -> new IllegalStateException("process " + pid + " is gone"));
    }

    @Override
    public String toString() {
        return "SpawnedProcess[pid=" + pid + (exit.isDone() ? ", exitValue=" + exitValue : "") + "]";
    }
}
