package dev.warden.sandbox.landlock;

import dev.warden.sandbox.seccomp.Arch;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;

/**
 * Raw Linux syscalls through libc's {@code syscall(2)} with errno captured. Raw calls rather than
 * libc wrappers on purpose: {@code prctl}, {@code seccomp} and {@code capset} must act on the
 * calling thread only, and glibc wrappers for some credentials calls broadcast to every thread.
 */
public final class LinuxCalls {
    private static final Linker LINKER = Linker.nativeLinker();
    private static final MethodHandle SYSCALL = LINKER.downcallHandle(
            LINKER.defaultLookup().find("syscall").orElseThrow(),
            FunctionDescriptor.of(ValueLayout.JAVA_LONG, ValueLayout.JAVA_LONG, ValueLayout.JAVA_LONG,
                    ValueLayout.JAVA_LONG, ValueLayout.JAVA_LONG, ValueLayout.JAVA_LONG, ValueLayout.JAVA_LONG),
            Linker.Option.firstVariadicArg(1), Linker.Option.captureCallState("errno"));
    private static final MemoryLayout CAPTURE = Linker.Option.captureStateLayout();
    private static final VarHandle ERRNO = CAPTURE.varHandle(MemoryLayout.PathElement.groupElement("errno"));

    /** Syscall numbers Warden needs, per architecture. */
    enum Nr {
        PRCTL(157, 167), SECCOMP(317, 277), OPENAT(257, 56), CLOSE(3, 57), CAPSET(126, 91),
        LANDLOCK_CREATE_RULESET(444, 444), LANDLOCK_ADD_RULE(445, 445), LANDLOCK_RESTRICT_SELF(446, 446);

        final int x86_64;
        final int aarch64;

        Nr(int x86_64, int aarch64) {
            this.x86_64 = x86_64;
            this.aarch64 = aarch64;
        }

        long number() {
            return Arch.current() == Arch.X86_64 ? x86_64 : aarch64;
        }
    }

    /** A failed syscall: the name and errno, for an actionable message one level up. */
    public static final class SyscallException extends Exception {
        private final int errno;

        SyscallException(String call, int errno) {
            super(call + " failed with errno " + errno);
            this.errno = errno;
        }

        public int errno() {
            return errno;
        }
    }

    private LinuxCalls() {}

    static long call(Nr nr, long a1, long a2, long a3, long a4, long a5) throws SyscallException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = arena.allocate(CAPTURE);
            long result = (long) SYSCALL.invokeExact(state, nr.number(), a1, a2, a3, a4, a5);
            if (result == -1) {
                throw new SyscallException(nr.name().toLowerCase(), (int) ERRNO.get(state, 0L));
            }
            return result;
        } catch (SyscallException e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException("FFM call " + nr + " failed: " + t, t);
        }
    }

    static long prctl(long option, long arg2, long arg3) throws SyscallException {
        return call(Nr.PRCTL, option, arg2, arg3, 0, 0);
    }

    /** {@code openat(AT_FDCWD, path, O_PATH | O_CLOEXEC | O_NOFOLLOW)}: a handle for a Landlock rule. */
    static int openPath(String path) throws SyscallException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment cPath = arena.allocateFrom(path);
            int noFollow = Arch.current() == Arch.X86_64 ? 0400000 : 0100000;
            return (int) call(Nr.OPENAT, -100, cPath.address(), 010000000 | 02000000 | noFollow, 0, 0);
        }
    }

    static void close(int fd) {
        try {
            call(Nr.CLOSE, fd, 0, 0, 0, 0);
        } catch (SyscallException e) {
            // Nothing to do about a failed close of an O_PATH handle.
        }
    }
}
