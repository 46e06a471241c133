package dev.warden.sandbox.mounts;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.atomic.AtomicLong;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;

/**
 * Empty directories kept for the next mount points, moved in and out with {@code rename(2)}. On this project's
 * ext4 a {@code mkdir} costs 0.13 ms and an {@code rmdir} 0.16 to 0.25 ms (a directory has a block to allocate and
 * free), a rename 0.02 ms, and a fresh repository has 19 missing protected names per command (docs/BENCHMARKS.md,
 * section 3). A pool lives in a private directory of the registry's, which no sandbox can see; a rename works only
 * within one filesystem, so a workspace that no pool shares a filesystem with gets its mount points made and removed
 * as before.
 *
 * <p>What a placeholder must guarantee does not change: it is put in place with {@code RENAME_NOREPLACE}, so it
 * never replaces a name someone made meanwhile (as {@code mkdir} fails with {@code EEXIST}); and one that comes back
 * holding anything (only the host can write there) goes back where it stood, as an {@code rmdir} would have left it.
 */
final class PlaceholderPool {
    /** Directories this process keeps ready; more than a few launches' worth are removed instead. */
    static final int MAX = 64;
    private static final String READY = "d";
    private static final int RENAME_NOREPLACE = 1;
    private static final int AT_FDCWD = -100;
    private static final int EEXIST = 17;
    private static final AtomicLong SEQUENCE = new AtomicLong();

    private final Path directory;
    private final Deque<String> ready = new ArrayDeque<>();
    private boolean scanned;
    private volatile boolean disabled;
    private volatile boolean made;

    PlaceholderPool(Path directory) {
        this.directory = directory;
    }

    /**
     * Moves a pooled directory to {@code mask}.
     *
     * @return whether one stands there now; false when the caller must make the directory itself (pool empty, another
     *         filesystem, no {@code renameat2})
     * @throws FileAlreadyExistsException when {@code mask} exists: it is not Warden's to mask with a placeholder
     */
    boolean take(Path mask) throws FileAlreadyExistsException {
        while (!disabled) {
            String name = next();
            if (name == null) {
                return false;
            }
            int errno = Rename.noReplace(directory.resolve(name), mask);
            if (errno == 0) {
                return true;
            }
            if (errno == EEXIST) {
                giveBack(name);
                throw new FileAlreadyExistsException(mask.toString());
            }
            if (errno == Rename.UNSUPPORTED) {
                disabled = true;
                return false;
            }
            if (errno != 2) {
                // EXDEV (another filesystem), EACCES, ENOTDIR ...: the entry is fine, this mask is not for the pool.
                giveBack(name);
                return false;
            }
            // ENOENT: another process took this entry, or the mask's parent is gone (mkdir will say so); try the next.
            if (!Files.isDirectory(directory.resolve(name))) {
                continue;
            }
            giveBack(name);
            return false;
        }
        return false;
    }

    /**
     * Moves the placeholder at {@code path} (checked by the caller to be the very directory Warden put there) into
     * the pool.
     *
     * @return whether it is gone from {@code path}; false: the caller removes it as before
     */
    boolean give(Path path) {
        if (disabled || size() >= MAX) {
            return false;
        }
        if (!made) {
            try {
                Files.createDirectory(directory, PosixFilePermissions.asFileAttribute(
                        PosixFilePermissions.fromString("rwx------")));
            } catch (FileAlreadyExistsException e) {
                // made by an earlier sweep
            } catch (IOException e) {
                return false;
            }
            made = true;
        }
        String name = READY + ProcessHandle.current().pid() + "-" + SEQUENCE.incrementAndGet();
        Path pooled = directory.resolve(name);
        int errno = Rename.noReplace(path, pooled);
        if (errno != 0) {
            if (errno == Rename.UNSUPPORTED) {
                disabled = true;
            }
            return false;
        }
        if (isEmpty(pooled)) {
            giveBack(name);
            return true;
        }
        // Written into from the host while it stood there: back where it was, as rmdir would have left it. If that
        // name was taken in the meantime, it stays here under a name no launch takes.
        if (Rename.noReplace(pooled, path) != 0) {
            Rename.noReplace(pooled, directory.resolve("kept-" + name));
        }
        return true;
    }

    private synchronized String next() {
        String name = ready.pollFirst();
        if (name == null && !scanned) {
            // Left by earlier processes' sweeps; looked for once, after which this process's own sweeps refill it.
            scanned = true;
            try (DirectoryStream<Path> entries = Files.newDirectoryStream(directory, READY + "*")) {
                for (Path entry : entries) {
                    if (ready.size() >= MAX) {
                        break;
                    }
                    ready.addLast(entry.getFileName().toString());
                }
            } catch (IOException e) {
                // no pool yet
            }
            name = ready.pollFirst();
        }
        return name;
    }

    private synchronized void giveBack(String name) {
        ready.addFirst(name);
    }

    private synchronized int size() {
        return ready.size();
    }

    private static boolean isEmpty(Path dir) {
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            return !entries.iterator().hasNext();
        } catch (IOException e) {
            return false;
        }
    }

    /** {@code renameat2(2)} with {@code RENAME_NOREPLACE} through glibc, bound on first use. */
    static final class Rename {
        /** Not an errno: the C library or the filesystem cannot do it. */
        static final int UNSUPPORTED = -1;
        private static final MemoryLayout CAPTURE = Linker.Option.captureStateLayout();
        private static final VarHandle ERRNO = CAPTURE.varHandle(MemoryLayout.PathElement.groupElement("errno"));
        private static final MethodHandle RENAMEAT2 = bind();

        private Rename() {}

        private static MethodHandle bind() {
            Linker linker = Linker.nativeLinker();
            return linker.defaultLookup().find("renameat2")
                    .map(symbol -> linker.downcallHandle(symbol,
                            FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT, ADDRESS, JAVA_INT),
                            Linker.Option.captureCallState("errno")))
                    .orElse(null);
        }

        /** 0, an errno, or {@link #UNSUPPORTED} (no renameat2, or EINVAL/ENOSYS: the flag is not supported). */
        static int noReplace(Path from, Path to) {
            if (RENAMEAT2 == null) {
                return UNSUPPORTED;
            }
            try (Arena arena = Arena.ofConfined()) {
                MemorySegment state = arena.allocate(CAPTURE);
                int result = (int) RENAMEAT2.invokeExact(state, AT_FDCWD, arena.allocateFrom(from.toString()),
                        AT_FDCWD, arena.allocateFrom(to.toString()), RENAME_NOREPLACE);
                if (result == 0) {
                    return 0;
                }
                int errno = (int) ERRNO.get(state, 0L);
                return errno == 22 || errno == 38 ? UNSUPPORTED : errno;
            } catch (Throwable t) {
                return UNSUPPORTED;
            }
        }
    }
}
