package dev.warden.sandbox.limits;

import dev.warden.sandbox.spawn.Pidfds;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A cgroup with a {@code pids.max} for one sandboxed command: a fork bomb inside hits the limit instead of
 * the host's process table, and every process the command leaves behind — also one that escaped its
 * session with {@code setsid} or a double fork — can be found and killed when the command ends.
 *
 * <p>The command must be born inside the cgroup; moving it in after it started would race with its
 * first fork. The cgroup v1 {@code pids} hierarchy places <em>threads</em> ({@code tasks}), and a
 * child is born in its creating thread's cgroup, so the thread that calls {@code posix_spawn} lives in the
 * cgroup it spawns into ({@link Spawner}'s stations), the Landlock thread enters it for good ({@link #enter}), and the
 * shell trampoline writes its own pid to {@link #procsFile}. The unified (v2) hierarchy places
 * only whole processes, so this is not available there yet; {@link #create} says so and the sandbox
 * records the missing limit.
 */
public final class PidsCgroup implements AutoCloseable {
    private static final Path V1_PIDS = Path.of("/sys/fs/cgroup/pids");
    private static final AtomicLong SEQUENCE = new AtomicLong();

    private final Path dir;
    private final int maxProcesses;

    private PidsCgroup(Path dir, int maxProcesses) {
        this.dir = dir;
        this.maxProcesses = maxProcesses;
    }

    /** A cgroup, or why there is none. */
    public sealed interface Outcome {
        record Created(PidsCgroup cgroup) implements Outcome {}

        record Unavailable(String why) implements Outcome {}
    }

    /** Creates a cgroup under this process's own {@code pids} cgroup allowing at most {@code maxProcesses}. */
    public static Outcome create(int maxProcesses) {
        if (maxProcesses < 1) {
            throw new IllegalArgumentException("maxProcesses must be at least 1, got " + maxProcesses);
        }
        return createLimited(maxProcesses);
    }

    /** A cgroup with no limit yet (pids.max "max"), for a spawner station to live in; {@link #limit} sets one. */
    static Outcome createUnlimited() {
        return createLimited(0);
    }

    private static Outcome createLimited(int maxProcesses) {
        if (!Files.isRegularFile(V1_PIDS.resolve("tasks"))) {
            return new Outcome.Unavailable("no cgroup v1 pids hierarchy at " + V1_PIDS
                    + " (placing a command in a cgroup v2 before it starts is not supported yet)");
        }
        try {
            Path parent = V1_PIDS.resolve(relative(ownCgroup()));
            Path dir = parent.resolve("warden-" + ProcessHandle.current().pid() + "-" + SEQUENCE.incrementAndGet());
            Files.createDirectory(dir);
            try {
                if (maxProcesses > 0) {
                    write(dir.resolve("pids.max"), Integer.toString(maxProcesses));
                }
            } catch (IOException e) {
                Files.deleteIfExists(dir);
                throw e;
            }
            return new Outcome.Created(new PidsCgroup(dir, maxProcesses));
        } catch (IOException | RuntimeException e) {
            return new Outcome.Unavailable("cannot create a pids cgroup under " + V1_PIDS + ": " + e.getMessage()
                    + " (needs root or a delegated cgroup)");
        }
    }

    /** Allows at most {@code tasks} tasks in the cgroup from now on (no task moves: cheap). */
    void limit(int tasks) throws IOException {
        write(dir.resolve("pids.max"), Integer.toString(tasks));
    }

    /** The same cgroup, described as allowing {@code maxProcesses} (what a command asked for). */
    PidsCgroup describedAs(int maxProcesses) {
        return new PidsCgroup(dir, maxProcesses);
    }

    /** Moves thread {@code tid} of this process back to the process's own pids cgroup. */
    static void sendHome(String tid) throws IOException {
        write(V1_PIDS.resolve(relative(ownCgroup())).resolve("tasks"), tid);
    }

    public int maxProcesses() {
        return maxProcesses;
    }

    public Path directory() {
        return dir;
    }

    /**
     * Moves the calling thread into this cgroup for good, for a thread that spawns one command and ends
     * (the Landlock backend's: once restricted, it could not write its way back out).
     */
    public void enter() throws IOException {
        if (Thread.currentThread().isVirtual()) {
            throw new IllegalStateException("enter needs a platform thread");
        }
        write(dir.resolve("tasks"), threadId());
    }

    /** The file a single-threaded process writes its own pid to, to move itself in before it execs a command. */
    public Path procsFile() {
        return dir.resolve("cgroup.procs");
    }

    /**
     * The tasks the limit counts now ({@code pids.current}): unlike the task lists, it still counts a process that has
     * exited but not been reaped yet, which is what a fork is refused against. -1 when it cannot be read.
     */
    long counted() {
        try {
            return Long.parseLong(Files.readString(dir.resolve("pids.current")).strip());
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /** The live tasks (threads) in the cgroup now; a process that has exited is no longer listed. */
    long liveTasks() {
        try {
            return Files.readAllLines(dir.resolve("tasks")).stream().filter(line -> !line.isBlank()).count();
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /** The processes in the cgroup now. */
    public List<Long> processes() {
        try {
            return Files.readAllLines(dir.resolve("cgroup.procs")).stream()
                    .filter(line -> !line.isBlank()).map(Long::parseLong).toList();
        } catch (IOException | RuntimeException e) {
            return List.of();
        }
    }

    /** Emptying gives up after this long: what is left is stuck in the kernel, and the cgroup is kept with it. */
    private static final long KILL_DEADLINE_NANOS = 1_000_000_000L;

    /**
     * Kills every process in the cgroup until none is left (a fork bomb refills it while it is being emptied).
     * Never this JVM: in cgroup v1 a thread of it inside (a spawner station's) lists the whole process.
     *
     * <p>Each process gets a process descriptor, and SIGKILL goes through it only if the process is still listed after
     * the descriptor was opened: a pid read from the list may have been reused by then, and the descriptor makes sure
     * the signal reaches the process that was checked, not another one. Then it waits on the descriptors until one has
     * exited, which wakes it the moment that happens (a sleep to look again takes a millisecond or more to come back
     * on a virtual thread, where teardowns run), for the first three rounds. After them, or where the kernel gives no
     * process descriptors, it looks again after 0.1 ms, then twice as long each round up to 2 ms, then every 20 ms.
     */
    public void killAll() {
        long self = ProcessHandle.current().pid();
        long deadline = System.nanoTime() + KILL_DEADLINE_NANOS;
        long pauseMicros = 100;
        for (int round = 0; ; round++) {
            List<Long> pids = others(self);
            if (pids.isEmpty()) {
                return;
            }
            if (System.nanoTime() > deadline) {
                return;
            }
            // The first rounds wait on the descriptors (what is killed is usually gone within a millisecond); later
            // ones only look, then sleep as without descriptors: a wait in native code holds a virtual thread's carrier.
            boolean waited = round < 3;
            if (!killThroughDescriptors(self, pids, waited ? 5 : 0)) {
                for (long pid : pids) {
                    ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
                }
            } else if (waited) {
                continue;
            }
            try {
                Thread.sleep(java.time.Duration.ofNanos(pauseMicros * 1_000));
                pauseMicros = round < 10 ? Math.min(2_000, pauseMicros * 2) : 20_000;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private List<Long> others(long self) {
        return processes().stream().filter(pid -> pid != self).toList();
    }

    /**
     * One round through process descriptors: opens one per listed process, kills those still listed, and waits until
     * one of them has exited ({@code waitMillis} at most). False, having killed nothing, when the kernel gives no
     * descriptors.
     */
    private boolean killThroughDescriptors(long self, List<Long> pids, int waitMillis) {
        long[] opened = new long[pids.size()];
        int[] fds = new int[pids.size()];
        int count = 0;
        try {
            for (long pid : pids) {
                switch (Pidfds.open(pid)) {
                    case Pidfds.Opened.Handle handle -> {
                        opened[count] = pid;
                        fds[count++] = handle.fd();
                    }
                    case Pidfds.Opened.Gone gone -> {
                        // exited since the list was read
                    }
                    case Pidfds.Opened.Unsupported unsupported -> {
                        return false;
                    }
                }
            }
            Set<Long> listed = new HashSet<>(others(self));
            int[] killed = new int[count];
            int signalled = 0;
            for (int i = 0; i < count; i++) {
                if (listed.contains(opened[i]) && Pidfds.kill(fds[i])) {
                    killed[signalled++] = fds[i];
                }
            }
            Pidfds.awaitAnyExit(Arrays.copyOf(killed, signalled), waitMillis);
            return true;
        } finally {
            for (int i = 0; i < count; i++) {
                Pidfds.close(fds[i]);
            }
        }
    }

    /** Kills what is left and removes the cgroup. */
    @Override
    public void close() {
        killAll();
        for (int attempt = 0; attempt < 50; attempt++) {
            try {
                Files.deleteIfExists(dir);
                return;
            } catch (IOException busy) {
                // A killed process is gone from cgroup.procs a moment before the cgroup can be removed.
                try {
                    Thread.sleep(10);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    /** This thread's id, as the cgroup files name it. */
    static String threadId() throws IOException {
        // /proc/thread-self -> "PID/task/TID"
        return Files.readSymbolicLink(Path.of("/proc/thread-self")).getFileName().toString();
    }

    private static String ownCgroup() throws IOException {
        return pidsLine(Path.of("/proc/self/cgroup"));
    }


    /** The path in the pids hierarchy from a /proc cgroup file ("8:pids:/some/path"). */
    private static String pidsLine(Path file) throws IOException {
        for (String line : Files.readAllLines(file)) {
            String[] parts = line.split(":", 3);
            if (parts.length == 3 && List.of(parts[1].split(",")).contains("pids")) {
                return parts[2];
            }
        }
        throw new IOException("no pids controller in " + file);
    }

    private static String relative(String cgroupPath) {
        String p = cgroupPath.startsWith("/") ? cgroupPath.substring(1) : cgroupPath;
        if (p.contains("..")) {
            throw new IllegalArgumentException("unexpected cgroup path " + cgroupPath);
        }
        return p;
    }

    private static void write(Path file, String value) throws IOException {
        Files.write(file, value.getBytes(StandardCharsets.US_ASCII));
    }

    @Override
    public String toString() {
        return "PidsCgroup[" + dir + ", max " + maxProcesses + "]";
    }
}
