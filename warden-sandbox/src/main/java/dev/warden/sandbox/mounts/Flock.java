package dev.warden.sandbox.mounts;

import dev.warden.sandbox.seccomp.Arch;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;
import java.nio.file.Path;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;

/**
 * One open file description holding a {@code flock(2)} lock. Not {@code FileChannel.lock}: those are
 * POSIX record locks, owned by the whole JVM (a second lock on the file in the same JVM throws, and
 * closing any descriptor of the file drops them all). {@code flock} locks belong to the open file
 * description, so every sandbox in every JVM holds its own shared lock and an exclusive request
 * conflicts with each of them, in this JVM too.
 */
final class Flock implements AutoCloseable {
    private static final Linker LINKER = Linker.nativeLinker();
    private static final MemoryLayout CAPTURE = Linker.Option.captureStateLayout();
    private static final VarHandle ERRNO = CAPTURE.varHandle(MemoryLayout.PathElement.groupElement("errno"));
    private static final MethodHandle OPEN = LINKER.downcallHandle(LINKER.defaultLookup().find("open").orElseThrow(),
            FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT), Linker.Option.firstVariadicArg(2),
            Linker.Option.captureCallState("errno"));
    private static final MethodHandle FLOCK = LINKER.downcallHandle(LINKER.defaultLookup().find("flock").orElseThrow(),
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT), Linker.Option.captureCallState("errno"));
    private static final MethodHandle CLOSE = LINKER.downcallHandle(LINKER.defaultLookup().find("close").orElseThrow(),
            FunctionDescriptor.of(JAVA_INT, JAVA_INT));

    private static final int O_RDWR = 02;
    private static final int O_CREAT = 0100;
    private static final int O_CLOEXEC = 02000000;
    /** x86 and asm-generic (arm64) number O_NOFOLLOW differently. */
    private static final int O_NOFOLLOW = Arch.current() == Arch.AARCH64 ? 0100000 : 0400000;
    private static final int LOCK_SH = 1;
    private static final int LOCK_EX = 2;
    private static final int LOCK_NB = 4;
    private static final int EINTR = 4;
    private static final int EWOULDBLOCK = 11;

    private int fd;

    private Flock(int fd) {
        this.fd = fd;
    }

    /**
     * Opens (creating, 0600) the lock file. O_NOFOLLOW: a symlink planted in its place is refused rather
     * than followed; O_CLOEXEC: no child inherits the description (a child holding it could unlock it).
     */
    static Flock open(Path file) throws IOException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = arena.allocate(CAPTURE);
            int fd = (int) OPEN.invokeExact(state, arena.allocateFrom(file.toString()),
                    O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0600);
            if (fd < 0) {
                throw new IOException("cannot open " + file + ": errno " + (int) ERRNO.get(state, 0L));
            }
            return new Flock(fd);
        } catch (IOException e) {
            throw e;
        } catch (Throwable t) {
            throw new IOException(t);
        }
    }

    /** Takes (or converts to) the shared lock without waiting; false when an exclusive holder is there. */
    boolean tryShared() throws IOException {
        return attempt(LOCK_SH | LOCK_NB);
    }

    /** Takes (or converts to) the exclusive lock without waiting; false when anyone else holds it. */
    boolean tryExclusive() throws IOException {
        return attempt(LOCK_EX | LOCK_NB);
    }

    private boolean attempt(int operation) throws IOException {
        if (fd < 0) {
            throw new IllegalStateException("lock already released");
        }
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = arena.allocate(CAPTURE);
            while (true) {
                int rc = (int) FLOCK.invokeExact(state, fd, operation);
                if (rc == 0) {
                    return true;
                }
                int errno = (int) ERRNO.get(state, 0L);
                if (errno == EWOULDBLOCK) {
                    return false;
                }
                if (errno != EINTR) {
                    throw new IOException("flock failed: errno " + errno);
                }
            }
        } catch (IOException e) {
            throw e;
        } catch (Throwable t) {
            throw new IOException(t);
        }
    }

    /** Closing the only descriptor of the description releases its lock. */
    @Override
    public void close() {
        if (fd >= 0) {
            try {
                int ignored = (int) CLOSE.invokeExact(fd);
            } catch (Throwable t) {
                // our own descriptor: nothing to recover
            }
            fd = -1;
        }
    }
}
