package dev.warden.sandbox.limits;

import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * The process-count limit of one sandboxed command: a {@link PidsCgroup} where the host lets Warden make
 * one, otherwise none, said in words for the session's enforcement record. Disk use is not limited here:
 * writes to writable roots are bounded by the host's filesystems, the private {@code /tmp} by its tmpfs.
 *
 * <p>Two kinds: {@link #of} makes the cgroup at once, for a launcher that places the command in it itself
 * (the shell trampoline's {@link #procsFile}, the Landlock thread's {@code enter}); {@link #forSpawn} takes
 * an idle {@link Spawner} station's cgroup when {@link #spawn} starts the command on the station's thread.
 */
public final class ProcessLimit implements AutoCloseable {
    private final int maxProcesses;
    private final boolean staged;
    private volatile Optional<PidsCgroup> cgroup;
    private volatile String note;
    /** Frees the station the command was started on, once it is over (staged limits only). */
    private volatile Runnable release;
    private boolean closed;

    private ProcessLimit(int maxProcesses, boolean staged, Optional<PidsCgroup> cgroup, String note) {
        this.maxProcesses = maxProcesses;
        this.staged = staged;
        this.cgroup = cgroup;
        this.note = note;
    }

    /** A limit of {@code maxProcesses} (0: none asked for), its cgroup made now. */
    public static ProcessLimit of(int maxProcesses) {
        if (maxProcesses == 0) {
            return none();
        }
        return switch (PidsCgroup.create(maxProcesses)) {
            case PidsCgroup.Outcome.Created created -> new ProcessLimit(maxProcesses, false,
                    Optional.of(created.cgroup()), limited(maxProcesses, created.cgroup()));
            case PidsCgroup.Outcome.Unavailable unavailable -> new ProcessLimit(maxProcesses, false, Optional.empty(),
                    unlimited(unavailable.why()));
        };
    }

    /** A limit of {@code maxProcesses} (0: none asked for) whose cgroup {@link #spawn} takes from a spawner station. */
    public static ProcessLimit forSpawn(int maxProcesses) {
        if (maxProcesses == 0) {
            return none();
        }
        return new ProcessLimit(maxProcesses, true, Optional.empty(), "not started yet");
    }

    private static ProcessLimit none() {
        return new ProcessLimit(0, false, Optional.empty(), "no limit on process count (the configuration asks for"
                + " none); disk use is bounded only by the host's filesystems");
    }

    private static String limited(int maxProcesses, PidsCgroup cgroup) {
        return "at most " + maxProcesses + " processes at once (pids cgroup " + cgroup.directory()
                + "); disk use is bounded only by the host's filesystems";
    }

    private static String unlimited(String why) {
        return "no limit on process count: " + why + "; disk use is bounded only by the host's filesystems";
    }

    public Optional<PidsCgroup> cgroup() {
        return cgroup;
    }

    /** What this limit contains, or why there is none, for {@code Enforcement.limits()}. */
    public String note() {
        return note;
    }

    /**
     * Runs {@code spawn} on a spawner station's thread, so that what it starts is born inside the limit and is not
     * killed when the caller's thread (a virtual thread's carrier, a request thread) ends.
     */
    public <T> T spawn(Callable<T> spawn) throws Exception {
        if (!staged) {
            if (cgroup.isPresent()) {
                throw new IllegalStateException("a limit made at once is entered by its launcher (procsFile, enter);"
                        + " spawn needs ProcessLimit.forSpawn");
            }
            return Spawner.run(spawn);
        }
        Spawner.Staged<T> started = Spawner.spawnStaged(maxProcesses, spawn);
        // In this order: a close() that sees the cgroup must also see how to free it.
        release = started.release();
        cgroup = started.cgroup();
        note = cgroup.map(c -> limited(maxProcesses, c)).orElseGet(() -> unlimited(started.unavailable()));
        return started.result();
    }

    /**
     * Runs {@code start} on the long-lived launcher thread, never in a cgroup, for a launcher that places
     * itself in it before it execs the command ({@link #procsFile()}).
     */
    public <T> T startOnSpawner(Callable<T> start) throws Exception {
        return Spawner.run(start);
    }

    /** The cgroup's {@code cgroup.procs}: a process that writes its pid there is inside the limit, with all it starts. */
    public Optional<Path> procsFile() {
        return cgroup.map(PidsCgroup::procsFile);
    }

    /**
     * Kills whatever the command left in the limit. A cgroup made at once is then removed; a station's ({@link #spawn})
     * is kept for the next command once only the station's thread is left in it ({@link Spawner}). Idempotent.
     */
    @Override
    public synchronized void close() {
        Optional<PidsCgroup> limit = cgroup;
        if (limit.isEmpty() || closed) {
            return;
        }
        closed = true;
        Runnable free = release;
        if (free != null) {
            release = null;
            free.run();
        } else {
            limit.get().close();
        }
    }
}
