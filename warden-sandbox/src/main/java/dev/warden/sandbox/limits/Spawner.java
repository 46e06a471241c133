package dev.warden.sandbox.limits;

import java.io.IOException;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The long-lived platform threads that start limited commands, and the pids cgroup one of them waits in.
 *
 * <p>It must outlive what it starts: bubblewrap's {@code --die-with-parent} (PR_SET_PDEATHSIG) fires when the
 * <em>thread</em> that started it ends. And what it starts must be born inside the command's cgroup, which in
 * cgroup v1 means the thread is in it at the moment of the spawn. Moving a thread between cgroups takes the
 * kernel's global cgroup lock for writing, which first waits for an RCU grace period when no move happened
 * lately: on a 2-core VM, about 10 ms, which a move on every spawn paid before bwrap could start. So for
 * {@link #spawnStaged} the thread waits <em>in</em> the next command's cgroup: a spawn only sets that cgroup's
 * {@code pids.max} and starts the command; afterwards, while the caller already goes on, the thread moves on
 * into a fresh cgroup for the command after that (right after a move, so without the wait), and says so
 * ({@link Staged#left}): until then it is one of the cgroup's tasks, and its limit counts it.
 *
 * <p>When the JVM exits, a shutdown hook sends the thread home and removes the cgroup it was waiting in. A JVM
 * that is killed leaves that one empty cgroup behind, as it would leave a command's.
 */
final class Spawner {
    private static final ExecutorService THREAD = Executors.newSingleThreadExecutor(
            Thread.ofPlatform().name("warden-spawner").daemon(true).factory());
    /**
     * The other long-lived thread, which never waits in a cgroup: for starts that may create threads (the JDK's
     * {@code ProcessBuilder} starts its process-reaper threads from the calling thread, and a thread is born in
     * its creator's cgroup: in the staged one they would count against, and outlive into, the next command's
     * limit), and for commands started with no limit.
     */
    private static final ExecutorService PLAIN = Executors.newSingleThreadExecutor(
            Thread.ofPlatform().name("warden-launcher").daemon(true).factory());

    /** The cgroup the thread waits in; written on the thread, read by the shutdown hook. */
    private static volatile PidsCgroup waitingIn;
    private static volatile String threadId;
    private static boolean hookInstalled;

    private Spawner() {}

    /** A command started inside {@code cgroup}; {@code left} completes once the spawner thread is out of it. */
    record Staged<T>(T result, Optional<PidsCgroup> cgroup, String unavailable, CompletableFuture<Void> left) {}

    /** Runs {@code call} on the long-lived thread that is never in a staged cgroup. */
    static <T> T run(Callable<T> call) throws Exception {
        try {
            return PLAIN.submit(call).get();
        } catch (ExecutionException e) {
            throw unwrap(e);
        }
    }

    /**
     * Starts a command on the spawner thread inside a cgroup of its own allowing {@code maxProcesses}; without a
     * cgroup (the host gives none) it is started all the same and {@link Staged#unavailable} says why.
     * {@code spawn} must not create threads (posix_spawn through FFM does not): they would stay in the cgroup.
     */
    static <T> Staged<T> spawnStaged(int maxProcesses, Callable<T> spawn) throws Exception {
        CompletableFuture<Staged<T>> started = new CompletableFuture<>();
        THREAD.execute(() -> {
            CompletableFuture<Void> left = new CompletableFuture<>();
            PidsCgroup cgroup = null;
            boolean handedOver = false;
            try {
                String unavailable = "";
                PidsCgroup waiting = waitingIn;
                waitingIn = null;
                if (waiting != null) {
                    try {
                        // This thread is one of its tasks until it moves on below.
                        waiting.limit(maxProcesses + 1);
                    } catch (IOException e) {
                        // Gone or broken (removed from outside?): start over with a fresh one.
                        abandon(waiting);
                        waiting = null;
                    }
                }
                if (waiting == null) {
                    // The first spawn of this JVM (or after a failed move): into a cgroup now, on the caller's time.
                    switch (PidsCgroup.createUnlimited()) {
                        case PidsCgroup.Outcome.Created created -> {
                            try {
                                created.cgroup().enter();
                                created.cgroup().limit(maxProcesses + 1);
                                waiting = created.cgroup();
                                remember();
                            } catch (IOException e) {
                                abandon(created.cgroup());
                                unavailable = "cannot use the pids cgroup " + created.cgroup().directory()
                                        + ": " + e.getMessage();
                            }
                        }
                        case PidsCgroup.Outcome.Unavailable why -> unavailable = why.why();
                    }
                }
                if (waiting != null) {
                    cgroup = waiting.describedAs(maxProcesses);
                }
                T result = spawn.call();
                started.complete(new Staged<>(result, Optional.ofNullable(cgroup), unavailable, left));
                handedOver = cgroup != null;
            } catch (Throwable t) {
                started.completeExceptionally(t);
            } finally {
                if (cgroup != null) {
                    moveOn(cgroup, maxProcesses, handedOver);
                }
                left.complete(null);
            }
        });
        try {
            return started.get();
        } catch (ExecutionException e) {
            throw unwrap(e);
        }
    }

    /**
     * The command's limit down to what it asked for, then out of its cgroup into a fresh one for the next command
     * (home when none can be made). A cgroup nobody took is removed.
     */
    private static void moveOn(PidsCgroup cgroup, int maxProcesses, boolean handedOver) {
        try {
            // Lowered first: until this thread is out, the command has one slot less, never one more.
            cgroup.limit(maxProcesses);
        } catch (IOException e) {
            // Then at most one process more than asked for; the cgroup goes with the command.
        }
        PidsCgroup next = null;
        if (PidsCgroup.createUnlimited() instanceof PidsCgroup.Outcome.Created created) {
            try {
                created.cgroup().enter();
                next = created.cgroup();
            } catch (IOException e) {
                created.cgroup().close();
            }
        }
        if (next == null) {
            try {
                PidsCgroup.leave();
            } catch (IOException e) {
                // Still inside: ProcessLimit.close and killAll never signal this JVM, and the next spawn moves it.
            }
        }
        waitingIn = next;
        if (!handedOver) {
            cgroup.close();
        }
    }

    /** Out of {@code cgroup} (home) and the cgroup removed: for one this thread can no longer use. */
    private static void abandon(PidsCgroup cgroup) {
        try {
            PidsCgroup.leave();
        } catch (IOException e) {
            // Still inside: killAll never signals this JVM, and the rmdir below then fails and leaves it.
        }
        cgroup.close();
    }

    private static synchronized void remember() throws IOException {
        threadId = PidsCgroup.threadId();
        if (!hookInstalled) {
            hookInstalled = true;
            Runtime.getRuntime().addShutdownHook(new Thread(Spawner::cleanUp, "warden-spawner-cleanup"));
        }
    }

    /** At exit: the thread goes home and the cgroup it waited in, now empty, is removed. */
    private static void cleanUp() {
        PidsCgroup waiting = waitingIn;
        String tid = threadId;
        if (waiting == null || tid == null) {
            return;
        }
        try {
            PidsCgroup.sendHome(tid);
        } catch (IOException e) {
            return;
        }
        waiting.close();
    }

    private static Exception unwrap(ExecutionException e) {
        if (e.getCause() instanceof Exception cause) {
            return cause;
        }
        return e;
    }
}
