package dev.warden.sandbox.bwrap;

import dev.warden.sandbox.spawn.Pidfds;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The first process of a sandbox's pid namespace (bwrap's own init), seen from the host. When it has
 * exited, the kernel has killed and reaped every other process of the namespace (it does so before the
 * init becomes a zombie), so nothing that saw the sandbox's mounts can still act.
 *
 * <p>Why Warden watches it rather than bwrap's monitor, which is the process Java waits for: normally the
 * monitor exits after the init, but when the monitor itself is killed ({@code Process.destroy}) the init
 * only gets its parent-death SIGKILL, and the command's processes live on until the init runs and tears
 * the namespace down — under load, long enough to create a name whose mask was just removed.
 *
 * @param pid       its host pid
 * @param startTime its start time in clock ticks since boot ({@code /proc/PID/stat} field 22), which tells
 *                  it apart from a later process given the same pid
 */
record NamespaceInit(long pid, long startTime) {

    /** bwrap's child, as soon as it exists, or empty if the monitor ends first or never makes one in time. */
    static Optional<NamespaceInit> of(Process monitor, long timeoutMillis) {
        Path children = Path.of("/proc", Long.toString(monitor.pid()), "task", Long.toString(monitor.pid()), "children");
        long deadline = System.nanoTime() + timeoutMillis * 1_000_000;
        while (System.nanoTime() < deadline) {
            // Checked before reading: until Java reaps the monitor its pid cannot pass to another process,
            // whose children would then be taken for the sandbox's.
            if (!monitor.isAlive()) {
                return Optional.empty();
            }
            try {
                String list = Files.readString(children).strip();
                if (!list.isEmpty()) {
                    long pid = Long.parseLong(list.split(" ")[0]);
                    return stat(pid).map(stat -> new NamespaceInit(pid, stat.startTime()));
                }
            } catch (IOException | NumberFormatException e) {
                // not forked yet, or the monitor is ending
            }
            try {
                Thread.sleep(1);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    /** Whether it has exited: gone, a zombie, or its pid now belongs to another process. */
    boolean ended() {
        return stat(pid).map(s -> s.startTime() != startTime || s.state() == 'Z' || s.state() == 'X').orElse(true);
    }

    /**
     * Waits until it has ended; false if it still runs after {@code timeoutMillis}. With {@code descriptors}, first on
     * a process descriptor, which wakes the moment the init exits (usually within a millisecond), for 5 ms at most: a
     * wait in native code holds a virtual thread's carrier. Then, or without, or where the kernel gives no
     * descriptors, it looks again every 2 ms (the first look after 0.2 ms).
     *
     * @param descriptors whether to use process descriptors: the first one costs a JVM that has bound no native
     *                    function yet 80 to 90 ms (the FFM linker's start), ten times a whole bwrap sandbox, so a
     *                    one-shot {@code warden exec} looks instead ({@link SandboxTeardown#watch})
     */
    boolean awaitEnd(long timeoutMillis, boolean descriptors) throws InterruptedException {
        long deadline = System.nanoTime() + timeoutMillis * 1_000_000;
        if (!descriptors) {
            if (ended()) {
                return true;
            }
            Thread.sleep(java.time.Duration.ofNanos(200_000));
        } else if (Pidfds.open(pid) instanceof Pidfds.Opened.Handle handle) {
            try {
                // The descriptor is on whatever has the pid now; checked after opening, the start time says whether
                // that is still the init, so waiting on it is waiting on the init.
                if (!ended()) {
                    Pidfds.awaitAnyExit(new int[] {handle.fd()}, (int) Math.min(5, timeoutMillis));
                }
            } finally {
                Pidfds.close(handle.fd());
            }
        }
        while (!ended()) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(2);
        }
        return true;
    }

    private record Stat(char state, long startTime) {}

    /** {@code /proc/PID/stat}: the command name is in parentheses and may hold anything, so fields count from the last ')'. */
    private static Optional<Stat> stat(long pid) {
        try {
            String line = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            String[] fields = line.substring(line.lastIndexOf(')') + 2).split(" ");
            // fields[0] is field 3 (state); start time is field 22.
            return Optional.of(new Stat(fields[0].charAt(0), Long.parseLong(fields[19])));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
