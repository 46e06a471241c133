package dev.warden.sandbox.limits;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The long-lived platform threads that start limited commands, each living in a pids cgroup of its own.
 *
 * <p>A spawning thread must outlive what it starts: bubblewrap's {@code --die-with-parent} (PR_SET_PDEATHSIG) fires
 * when the <em>thread</em> that started it ends. And what it starts must be born inside the command's cgroup, which in
 * cgroup v1 means the thread is in it at the moment of the spawn. Moving a thread between cgroups is what costs:
 * the kernel takes its global cgroup mutex, then waits for an RCU grace period (7 to 16 ms on a 2-core VM) while
 * holding it, and every other cgroup operation — the next command's limit, a cgroup removed — waits behind it.
 *
 * <p>So nothing moves on the way to a command. A <em>station</em> is a thread that moved into a cgroup of its own once,
 * when it was made, and stays there: a spawn takes an idle station, sets its cgroup's {@code pids.max} to the
 * command's limit plus one (the station's thread is one of the cgroup's tasks), and starts the command on its
 * thread. When the command is over, {@link Staged#release} kills what is left in the cgroup and, once only the
 * station's thread is in it, makes the station idle again for the next command. Commands running at once each have
 * a station; a new one is made (one move, on the caller's time) only when more run at once than ever before in this
 * JVM. A station whose cgroup cannot be emptied is retired: its thread goes home and ends, its cgroup stays with what
 * could not be killed.
 *
 * <p>A station's thread creates no threads: what it starts is posix_spawn through FFM, and it hands its result to the
 * {@code warden-launcher} thread to pass on, since waking a waiting virtual thread can make the JDK start a carrier
 * thread, which would be born in the station's cgroup. When the JVM exits, a shutdown hook sends every station's
 * thread home and removes the cgroups. A JVM that is killed leaves its stations' empty cgroups behind.
 */
final class Spawner {
    /**
     * The thread that is never in a cgroup: for starts that may create threads (the JDK's {@code ProcessBuilder}
     * starts its process-reaper threads from the calling thread), for commands started with no limit, and for handing
     * the stations' results on.
     */
    private static final ExecutorService PLAIN = plainThread();
    /** Idle stations kept for the next commands; more are retired when they come back. */
    private static final int MAX_IDLE = 8;

    private static final Deque<Station> IDLE = new ArrayDeque<>();
    private static final List<Station> ALL = new ArrayList<>();
    private static boolean hookInstalled;

    private Spawner() {}

    /**
     * Started now, from the thread that first uses Spawner (never a station's): an executor creates its thread on
     * the first task, and a station handing a result on would otherwise create it inside the station's cgroup.
     */
    private static ExecutorService plainThread() {
        java.util.concurrent.ThreadPoolExecutor plain = new java.util.concurrent.ThreadPoolExecutor(1, 1, 0,
                java.util.concurrent.TimeUnit.MILLISECONDS, new java.util.concurrent.LinkedBlockingQueue<>(),
                Thread.ofPlatform().name("warden-launcher").daemon(true).factory());
        plain.prestartAllCoreThreads();
        return plain;
    }

    /**
     * A command started inside {@code cgroup} (empty: the host gives none, and {@code unavailable} says why);
     * {@code release} ends what the command left and frees its station, once it is over.
     */
    record Staged<T>(T result, Optional<PidsCgroup> cgroup, String unavailable, Runnable release) {}

    /** Runs {@code call} on the long-lived thread that is never in a cgroup. */
    static <T> T run(Callable<T> call) throws Exception {
        try {
            return PLAIN.submit(call).get();
        } catch (ExecutionException e) {
            throw unwrap(e);
        }
    }

    /**
     * Starts a command on an idle station's thread, inside the station's cgroup allowing {@code maxProcesses}; without
     * a cgroup (the host gives none) it is started all the same, on the plain thread, and {@link Staged#unavailable}
     * says why. {@code spawn} must not create threads (posix_spawn through FFM does not): they would stay in the cgroup.
     */
    static <T> Staged<T> spawnStaged(int maxProcesses, Callable<T> spawn) throws Exception {
        Station station;
        String unavailable;
        synchronized (Spawner.class) {
            station = IDLE.pollFirst();
        }
        if (station == null) {
            Station.Made made = Station.make();
            station = made.station();
            unavailable = made.unavailable();
        } else {
            unavailable = "";
        }
        if (station == null) {
            return new Staged<>(run(spawn), Optional.empty(), unavailable, () -> { });
        }
        Station chosen = station;
        CompletableFuture<T> started = new CompletableFuture<>();
        chosen.thread.execute(() -> {
            try {
                // The station's thread counts, and so do processes an earlier command left that were killed but are
                // not reaped yet (their parent went first; the host's init reaps them when it gets to it).
                long dead = chosen.deadBesideIdle();
                chosen.cgroup.limit(maxProcesses + 1 + (int) dead);
                T result = spawn.call();
                // From the plain thread: a thread started from this one (a virtual thread's carrier, too) would be
                // born in the cgroup.
                PLAIN.execute(() -> {
                    if (dead > 0) {
                        chosen.tightenAsTheyAreReaped(maxProcesses, dead);
                    }
                    started.complete(result);
                });
            } catch (Throwable t) {
                PLAIN.execute(() -> started.completeExceptionally(t));
            }
        });
        try {
            T result = started.get();
            return new Staged<>(result, Optional.of(chosen.cgroup.describedAs(maxProcesses)), "", chosen::release);
        } catch (ExecutionException e) {
            chosen.release();
            throw unwrap(e);
        }
    }

    /** A thread that lives in a pids cgroup of its own and starts one limited command at a time there. */
    private static final class Station {
        final ExecutorService thread;
        final PidsCgroup cgroup;
        final String threadId;
        /** The tightening in progress for the current command, if any; cleared when the command is over. */
        volatile Object tightening;
        /** Released with its own thread the only live task, which an idle station's cgroup stays at. */
        volatile boolean aloneAtRelease;

        private Station(ExecutorService thread, PidsCgroup cgroup, String threadId) {
            this.thread = thread;
            this.cgroup = cgroup;
            this.threadId = threadId;
        }

        record Made(Station station, String unavailable) {}

        /** A new station: a cgroup made, a thread started and moved into it (the one move it ever makes). */
        static Made make() throws Exception {
            PidsCgroup cgroup;
            switch (PidsCgroup.createUnlimited()) {
                case PidsCgroup.Outcome.Created created -> cgroup = created.cgroup();
                case PidsCgroup.Outcome.Unavailable why -> {
                    return new Made(null, why.why());
                }
            }
            ExecutorService thread = Executors.newSingleThreadExecutor(
                    Thread.ofPlatform().name("warden-spawner").daemon(true).factory());
            try {
                String tid = thread.submit(() -> {
                    cgroup.enter();
                    return PidsCgroup.threadId();
                }).get();
                Station station = new Station(thread, cgroup, tid);
                synchronized (Spawner.class) {
                    ALL.add(station);
                    if (!hookInstalled) {
                        hookInstalled = true;
                        Runtime.getRuntime().addShutdownHook(new Thread(Spawner::cleanUp, "warden-spawner-cleanup"));
                    }
                }
                return new Made(station, "");
            } catch (ExecutionException e) {
                thread.shutdown();
                cgroup.close();
                return new Made(null, "cannot use the pids cgroup " + cgroup.directory() + ": "
                        + e.getCause().getMessage());
            }
        }

        /**
         * Kills what the command left in the cgroup; idle again once only this station's thread is in it, retired
         * otherwise (or when enough stations are idle already).
         */
        void release() {
            tightening = null;
            // Usually the station's thread is the only live task left (the teardown waited for bwrap's init): then
            // there is nothing to kill, and one read says so.
            boolean empty = cgroup.liveTasks() == 1;
            if (!empty) {
                cgroup.killAll();
                empty = cgroup.liveTasks() == 1;
            }
            aloneAtRelease = empty;
            synchronized (Spawner.class) {
                if (empty && IDLE.size() < MAX_IDLE && !IDLE.contains(this)) {
                    IDLE.addFirst(this);
                    return;
                }
                ALL.remove(this);
            }
            retire();
        }

        /**
         * Processes the limit still counts that are no longer alive: killed, but not reaped yet, because their parent
         * went first (bwrap's namespace init when its monitor exits a moment before it) and the host's init reaps them
         * when it gets to it (about every 2 s on some VMs). They cannot fork; they only hold a place in the count.
         */
        long deadButCounted() {
            long counted = cgroup.counted();
            long live = cgroup.liveTasks();
            return counted < 0 || live < 0 ? 0 : Math.max(0, counted - live);
        }

        /**
         * {@link #deadButCounted} for a station about to start a command. An idle station's cgroup gains no live task
         * (its thread starts nothing between commands), so one released alone is still alone and the live need not be
         * counted again.
         */
        long deadBesideIdle() {
            if (!aloneAtRelease) {
                return deadButCounted();
            }
            aloneAtRelease = false;
            long counted = cgroup.counted();
            return counted < 0 ? 0 : Math.max(0, counted - 1);
        }

        /**
         * While such dead processes are reaped, lowers the limit with them, every 5 ms until none is left or the
         * command is over. Only ever lowers: what the command itself leaves dead (children it does not reap) counts
         * against its own allowance, so at no time can it have more than {@code maxProcesses} plus the dead it was
         * started beside, and that surplus shrinks as they are reaped.
         */
        void tightenAsTheyAreReaped(int maxProcesses, long deadAtStart) {
            Object mine = new Object();
            tightening = mine;
            Thread.ofVirtual().name("warden-pids-tighten").start(() -> {
                long limit = maxProcesses + 1 + deadAtStart;
                long deadline = System.nanoTime() + 30_000_000_000L;
                while (tightening == mine && limit > maxProcesses + 1 && System.nanoTime() < deadline) {
                    try {
                        Thread.sleep(5);
                        long lower = Math.min(limit, maxProcesses + 1 + deadButCounted());
                        if (tightening != mine) {
                            return;
                        }
                        if (lower < limit) {
                            cgroup.limit((int) lower);
                            limit = lower;
                        }
                    } catch (IOException e) {
                        return;
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                }
                if (tightening == mine && limit > maxProcesses + 1) {
                    // Not reaped in 30 s: the command gets exactly its allowance, the dead ones counted in it.
                    try {
                        cgroup.limit(maxProcesses + 1);
                    } catch (IOException e) {
                        // The cgroup is going with its command.
                    }
                }
            });
        }

        /** The thread goes home and ends; the cgroup is removed if nothing is left in it. */
        void retire() {
            try {
                PidsCgroup.sendHome(threadId);
            } catch (IOException e) {
                // Still inside: killAll never signals this JVM, and the rmdir below then fails and leaves it.
            }
            thread.shutdown();
            cgroup.close();
        }
    }

    /** At exit: every station's thread goes home and its cgroup, now empty, is removed. */
    private static void cleanUp() {
        List<Station> stations;
        synchronized (Spawner.class) {
            stations = List.copyOf(ALL);
        }
        stations.forEach(Station::retire);
    }

    private static Exception unwrap(ExecutionException e) {
        if (e.getCause() instanceof Exception cause) {
            return cause;
        }
        return e;
    }
}
