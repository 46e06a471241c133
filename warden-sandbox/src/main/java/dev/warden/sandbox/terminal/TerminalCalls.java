package dev.warden.sandbox.terminal;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

/** The libc terminal calls, bound once; every call that can fail reports errno. */
final class TerminalCalls {
    private static final Linker LINKER = Linker.nativeLinker();
    private static final MemoryLayout CAPTURE = Linker.Option.captureStateLayout();
    private static final VarHandle ERRNO = CAPTURE.varHandle(MemoryLayout.PathElement.groupElement("errno"));

    // Linux's generic ioctl numbers (x86_64 and aarch64 share them).
    static final long TIOCGWINSZ = 0x5413;
    static final long TIOCSWINSZ = 0x5414;
    static final long TIOCGPGRP = 0x540F;
    static final int TCSANOW = 0;
    static final int TCSADRAIN = 1;
    static final int O_RDWR = 2;
    static final int O_NOCTTY = 0400;
    static final int O_CLOEXEC = 02000000;
    static final int EINTR = 4;
    static final int EIO = 5;
    /** glibc's struct termios is 60 bytes; room to spare costs nothing. */
    static final long TERMIOS_SIZE = 256;

    private static final MethodHandle POSIX_OPENPT = errno("posix_openpt", FunctionDescriptor.of(JAVA_INT, JAVA_INT));
    private static final MethodHandle GRANTPT = errno("grantpt", FunctionDescriptor.of(JAVA_INT, JAVA_INT));
    private static final MethodHandle UNLOCKPT = errno("unlockpt", FunctionDescriptor.of(JAVA_INT, JAVA_INT));
    private static final MethodHandle PTSNAME_R = plain("ptsname_r",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, JAVA_LONG));
    private static final MethodHandle IOCTL = LINKER.downcallHandle(symbol("ioctl"),
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_LONG, ADDRESS),
            Linker.Option.firstVariadicArg(2), Linker.Option.captureCallState("errno"));
    private static final MethodHandle TCGETATTR = errno("tcgetattr", FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS));
    private static final MethodHandle TCSETATTR = errno("tcsetattr",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS));
    private static final MethodHandle CFMAKERAW = plain("cfmakeraw", FunctionDescriptor.ofVoid(ADDRESS));
    private static final MethodHandle ISATTY = plain("isatty", FunctionDescriptor.of(JAVA_INT, JAVA_INT));
    private static final MethodHandle READ = errno("read", FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG));
    private static final MethodHandle WRITE = errno("write", FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG));
    private static final MethodHandle CLOSE = plain("close", FunctionDescriptor.of(JAVA_INT, JAVA_INT));

    private TerminalCalls() {}

    /** errno from a failed call, as an exception naming the call. */
    static final class CallFailed extends IOException {
        final int errno;

        CallFailed(String call, int errno) {
            super(call + " failed: errno " + errno);
            this.errno = errno;
        }
    }

    static int openpt() throws IOException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = arena.allocate(CAPTURE);
            int fd = (int) POSIX_OPENPT.invokeExact(state, O_RDWR | O_NOCTTY | O_CLOEXEC);
            return checked("posix_openpt", fd, state);
        } catch (IOException e) {
            throw e;
        } catch (Throwable t) {
            throw new IOException("posix_openpt through FFM failed: " + t, t);
        }
    }

    static void grantAndUnlock(int master) throws IOException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = arena.allocate(CAPTURE);
            checked("grantpt", (int) GRANTPT.invokeExact(state, master), state);
            checked("unlockpt", (int) UNLOCKPT.invokeExact(state, master), state);
        } catch (IOException e) {
            throw e;
        } catch (Throwable t) {
            throw new IOException("grantpt through FFM failed: " + t, t);
        }
    }

    static String ptsname(int master) throws IOException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment buffer = arena.allocate(256);
            int rc = (int) PTSNAME_R.invokeExact(master, buffer, 256L);
            if (rc != 0) {
                throw new CallFailed("ptsname_r", rc);
            }
            return buffer.getString(0);
        } catch (IOException e) {
            throw e;
        } catch (Throwable t) {
            throw new IOException("ptsname_r through FFM failed: " + t, t);
        }
    }

    /** ioctl with a pointer argument; the buffer is read or filled as the request says. */
    static void ioctl(int fd, long request, MemorySegment argument) throws IOException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = arena.allocate(CAPTURE);
            checked("ioctl(" + Long.toHexString(request) + ")", (int) IOCTL.invokeExact(state, fd, request, argument), state);
        } catch (IOException e) {
            throw e;
        } catch (Throwable t) {
            throw new IOException("ioctl through FFM failed: " + t, t);
        }
    }

    static void tcgetattr(int fd, MemorySegment termios) throws IOException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = arena.allocate(CAPTURE);
            checked("tcgetattr", (int) TCGETATTR.invokeExact(state, fd, termios), state);
        } catch (IOException e) {
            throw e;
        } catch (Throwable t) {
            throw new IOException("tcgetattr through FFM failed: " + t, t);
        }
    }

    static void tcsetattr(int fd, int when, MemorySegment termios) throws IOException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = arena.allocate(CAPTURE);
            checked("tcsetattr", (int) TCSETATTR.invokeExact(state, fd, when, termios), state);
        } catch (IOException e) {
            throw e;
        } catch (Throwable t) {
            throw new IOException("tcsetattr through FFM failed: " + t, t);
        }
    }

    static void cfmakeraw(MemorySegment termios) {
        try {
            CFMAKERAW.invokeExact(termios);
        } catch (Throwable t) {
            throw new IllegalStateException("cfmakeraw through FFM failed", t);
        }
    }

    static boolean isatty(int fd) {
        try {
            return (int) ISATTY.invokeExact(fd) == 1;
        } catch (Throwable t) {
            throw new IllegalStateException("isatty through FFM failed", t);
        }
    }

    /** read(2), retried on EINTR; -1 at end of data (0 bytes, or EIO: a pty master whose slave is closed everywhere). */
    static long read(int fd, MemorySegment buffer, MemorySegment state) throws IOException {
        try {
            while (true) {
                long n = (long) READ.invokeExact(state, fd, buffer, buffer.byteSize());
                if (n > 0) {
                    return n;
                }
                if (n == 0) {
                    return -1;
                }
                int errno = (int) ERRNO.get(state, 0L);
                if (errno == EIO) {
                    return -1;
                }
                if (errno != EINTR) {
                    throw new CallFailed("read", errno);
                }
            }
        } catch (IOException e) {
            throw e;
        } catch (Throwable t) {
            throw new IOException("read through FFM failed: " + t, t);
        }
    }

    /** write(2) of the whole buffer, retried on EINTR and short writes. */
    static void writeFully(int fd, MemorySegment buffer, long length, MemorySegment state) throws IOException {
        try {
            long done = 0;
            while (done < length) {
                long n = (long) WRITE.invokeExact(state, fd, buffer.asSlice(done), length - done);
                if (n < 0) {
                    int errno = (int) ERRNO.get(state, 0L);
                    if (errno != EINTR) {
                        throw new CallFailed("write", errno);
                    }
                } else {
                    done += n;
                }
            }
        } catch (IOException e) {
            throw e;
        } catch (Throwable t) {
            throw new IOException("write through FFM failed: " + t, t);
        }
    }

    static void close(int fd) {
        try {
            int ignored = (int) CLOSE.invokeExact(fd);
        } catch (Throwable t) {
            throw new IllegalStateException("close through FFM failed", t);
        }
    }

    static MemorySegment errnoState(Arena arena) {
        return arena.allocate(CAPTURE);
    }

    private static int checked(String call, int rc, MemorySegment state) throws CallFailed {
        if (rc < 0) {
            throw new CallFailed(call, (int) ERRNO.get(state, 0L));
        }
        return rc;
    }

    private static MemorySegment symbol(String name) {
        return LINKER.defaultLookup().find(name).orElseThrow(() -> new IllegalStateException("libc has no " + name));
    }

    private static MethodHandle plain(String name, FunctionDescriptor descriptor) {
        return LINKER.downcallHandle(symbol(name), descriptor);
    }

    private static MethodHandle errno(String name, FunctionDescriptor descriptor) {
        return LINKER.downcallHandle(symbol(name), descriptor, Linker.Option.captureCallState("errno"));
    }
}
