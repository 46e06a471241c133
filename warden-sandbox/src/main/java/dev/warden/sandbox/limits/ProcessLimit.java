package dev.warden.sandbox.limits;

import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The process-count limit of one sandboxed command: a {@link PidsCgroup} where the host lets Warden make
 * one, otherwise none, said in words for the session's enforcement record. Disk use is not limited here:
 * writes to writable roots are bounded by the host's filesystems, the private {@code /tmp} by its tmpfs.
 */
public final class ProcessLimit implements AutoCloseable {
    private final Optional<PidsCgroup> cgroup;
    private final String note;

    private ProcessLimit(Optional<PidsCgroup> cgroup, String note) {
        this.cgroup = cgroup;
        this.note = note;
    }

    /** A limit of {@code maxProcesses} (0: none asked for). */
    public static ProcessLimit of(int maxProcesses) {
        if (maxProcesses == 0) {
            return new ProcessLimit(Optional.empty(), "no limit on process count (the configuration asks for none);"
                    + " disk use is bounded only by the host's filesystems");
        }
        return switch (PidsCgroup.create(maxProcesses)) {
            case PidsCgroup.Outcome.Created created -> new ProcessLimit(Optional.of(created.cgroup()),
                    "at most " + maxProcesses + " processes at once (pids cgroup " + created.cgroup().directory()
                            + "); disk use is bounded only by the host's filesystems");
            case PidsCgroup.Outcome.Unavailable unavailable -> new ProcessLimit(Optional.empty(),
                    "no limit on process count: " + unavailable.why() + "; disk use is bounded only by the host's"
                            + " filesystems");
        };
    }

    public Optional<PidsCgroup> cgroup() {
        return cgroup;
    }

    /** What this limit contains, or why there is none, for {@code Enforcement.limits()}. */
    public String note() {
        return note;
    }

    /**
     * One long-lived platform thread starts every limited command. It must outlive them: bubblewrap's
     * {@code --die-with-parent} (PR_SET_PDEATHSIG) fires when the <em>thread</em> that started it ends, so a
     * thread per spawn would kill each sandbox as soon as it was started.
     */
    private static final ExecutorService SPAWNER = Executors.newSingleThreadExecutor(
            Thread.ofPlatform().name("warden-spawner").daemon(true).factory());

    /**
     * Runs {@code spawn} on the spawner thread, so that what it starts is born inside the limit and is not
     * killed when the caller's thread (a virtual thread's carrier, a request thread) ends.
     */
    public <T> T spawn(Callable<T> spawn) throws Exception {
        try {
            return SPAWNER.submit(() -> cgroup.isPresent() ? cgroup.get().spawnInside(spawn) : spawn.call()).get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof Exception cause) {
                throw cause;
            }
            throw e;
        }
    }

    /**
     * Runs {@code start} on the spawner thread without entering the cgroup, for a launcher that places
     * itself in it before it execs the command ({@link #procsFile()}).
     */
    public <T> T startOnSpawner(Callable<T> start) throws Exception {
        try {
            return SPAWNER.submit(start).get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof Exception cause) {
                throw cause;
            }
            throw e;
        }
    }

    /** The cgroup's {@code cgroup.procs}: a process that writes its pid there is inside the limit, with all it starts. */
    public Optional<java.nio.file.Path> procsFile() {
        return cgroup.map(PidsCgroup::procsFile);
    }

    /** Kills whatever the command left in the limit and removes it. */
    @Override
    public void close() {
        cgroup.ifPresent(PidsCgroup::close);
    }
}
