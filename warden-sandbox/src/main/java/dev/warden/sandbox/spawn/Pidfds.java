package dev.warden.sandbox.spawn;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;

/**
 * Process file descriptors (Linux 5.3+): a handle on one process that stays that process's even if its pid is
 * reused, can signal it, and becomes readable the moment it exits, whether or not it is this JVM's child. Emptying a
 * pids cgroup waits on them instead of sleeping and looking again: the usual leftover, bwrap's namespace init on its
 * way out, is gone within microseconds, and a sleep from a virtual thread takes a millisecond or more to come back.
 *
 * <p>Raw syscalls (the numbers are the same on x86_64 and aarch64) rather than glibc's wrappers, which need glibc
 * 2.36; {@code poll} is libc's.
 */
public final class Pidfds {
    private static final long SYS_PIDFD_SEND_SIGNAL = 424;
    private static final long SYS_PIDFD_OPEN = 434;
    private static final int SIGKILL = 9;
    private static final short POLLIN = 1;
    private static final int ESRCH = 3;
    private static final int EINTR = 4;

    private static final Linker LINKER = Linker.nativeLinker();
    private static final MemoryLayout CAPTURE = Linker.Option.captureStateLayout();
    private static final VarHandle ERRNO = CAPTURE.varHandle(MemoryLayout.PathElement.groupElement("errno"));
    private static final MethodHandle SYSCALL = LINKER.downcallHandle(
            LINKER.defaultLookup().find("syscall").orElseThrow(),
            FunctionDescriptor.of(ValueLayout.JAVA_LONG, ValueLayout.JAVA_LONG, ValueLayout.JAVA_LONG,
                    ValueLayout.JAVA_LONG, ValueLayout.JAVA_LONG, ValueLayout.JAVA_LONG),
            Linker.Option.firstVariadicArg(1), Linker.Option.captureCallState("errno"));
    private static final MethodHandle POLL = LINKER.downcallHandle(
            LINKER.defaultLookup().find("poll").orElseThrow(),
            FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.JAVA_LONG, ValueLayout.JAVA_INT),
            Linker.Option.captureCallState("errno"));
    private static final MethodHandle CLOSE = LINKER.downcallHandle(
            LINKER.defaultLookup().find("close").orElseThrow(),
            FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT));

    /** What opening a process's descriptor came to. */
    public sealed interface Opened {
        /** A descriptor on the process. */
        record Handle(int fd) implements Opened {}

        /** The process has exited already (and been reaped). */
        record Gone() implements Opened {}

        /** The kernel gives no process descriptors here (too old, or a seccomp filter refuses them): errno. */
        record Unsupported(int errno) implements Opened {}
    }

    private Pidfds() {}

    public static Opened open(long pid) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = arena.allocate(CAPTURE);
            long fd = (long) SYSCALL.invokeExact(state, SYS_PIDFD_OPEN, pid, 0L, 0L, 0L);
            if (fd >= 0) {
                return new Opened.Handle((int) fd);
            }
            int errno = (int) ERRNO.get(state, 0L);
            return errno == ESRCH ? new Opened.Gone() : new Opened.Unsupported(errno);
        } catch (Throwable t) {
            throw new IllegalStateException("pidfd_open(" + pid + ") through FFM failed: " + t, t);
        }
    }

    /** SIGKILL to the process {@code fd} stands for, and to no other; false when it has exited already. */
    public static boolean kill(int fd) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = arena.allocate(CAPTURE);
            return (long) SYSCALL.invokeExact(state, SYS_PIDFD_SEND_SIGNAL, (long) fd, (long) SIGKILL, 0L, 0L) == 0;
        } catch (Throwable t) {
            throw new IllegalStateException("pidfd_send_signal through FFM failed: " + t, t);
        }
    }

    /** Waits until one of the processes has exited, or {@code millis} have passed. */
    public static void awaitAnyExit(int[] fds, int millis) {
        if (fds.length == 0) {
            return;
        }
        try (Arena arena = Arena.ofConfined()) {
            // struct pollfd { int fd; short events; short revents; }
            MemorySegment polls = arena.allocate(8L * fds.length, 4);
            for (int i = 0; i < fds.length; i++) {
                polls.set(ValueLayout.JAVA_INT, 8L * i, fds[i]);
                polls.set(ValueLayout.JAVA_SHORT, 8L * i + 4, POLLIN);
            }
            MemorySegment state = arena.allocate(CAPTURE);
            long deadline = System.nanoTime() + millis * 1_000_000L;
            while (true) {
                int left = (int) Math.max(0, (deadline - System.nanoTime()) / 1_000_000L);
                int ready = (int) POLL.invokeExact(state, polls, (long) fds.length, left);
                if (ready >= 0 || (int) ERRNO.get(state, 0L) != EINTR || left == 0) {
                    return;
                }
            }
        } catch (Throwable t) {
            throw new IllegalStateException("poll through FFM failed: " + t, t);
        }
    }

    public static void close(int fd) {
        try {
            int ignored = (int) CLOSE.invokeExact(fd);
        } catch (Throwable t) {
            throw new IllegalStateException("close through FFM failed: " + t, t);
        }
    }
}
