package dev.warden.sandbox.mounts;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One sandbox's hold on {@code mounts.lock}: shared while the sandbox may rely on placeholders, exclusive
 * for the moment a sweep removes them. Any number of shared holders, in any number of processes, keep
 * every exclusive request out, also one from their own JVM.
 *
 * <p>Built on POSIX record locks ({@link FileChannel#tryLock}), which need no native binding (a
 * {@code flock(2)} through FFM cost a cold {@code warden exec} about 60 ms). Record locks belong to the
 * process, not to a descriptor, so two rules make them behave per sandbox: each holder takes its shared
 * lock on a byte of its own (a whole-file exclusive lock conflicts with any of them in another process,
 * and the JDK refuses an overlapping lock in this JVM, which counts as "held"), and each lock file is
 * opened once per JVM and never closed (closing any descriptor of the file would drop every lock this
 * process holds on it).
 */
final class MountLock implements AutoCloseable {
    private static final Map<Path, Opened> OPEN = new HashMap<>();
    private static final AtomicLong BYTES = new AtomicLong();

    private final FileChannel channel;
    /** The byte this holder's shared lock covers. */
    private final long slot;
    private FileLock held;
    private boolean closed;

    private MountLock(FileChannel channel, long slot) {
        this.channel = channel;
        this.slot = slot;
    }

    /**
     * Opens (creating, 0600) the lock file, once per JVM. NOFOLLOW: a symlink planted in its place is
     * refused rather than followed.
     */
    static MountLock open(Path file) throws IOException {
        Path path = file.toAbsolutePath().normalize();
        synchronized (OPEN) {
            Opened opened = OPEN.get(path);
            // The file at the path must still be the one open here: a lock directory removed and made again
            // while this JVM ran holds a new lock file, which the other processes use.
            if (opened == null || !opened.key().equals(key(path))) {
                FileChannel channel = FileChannel.open(path, java.util.Set.of(StandardOpenOption.READ,
                        StandardOpenOption.WRITE, StandardOpenOption.CREATE, LinkOption.NOFOLLOW_LINKS),
                        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
                // The previous channel stays open: holders still use it, and closing it would drop their locks.
                opened = new Opened(channel, key(path));
                OPEN.put(path, opened);
            }
            return new MountLock(opened.channel(), BYTES.incrementAndGet());
        }
    }

    private record Opened(FileChannel channel, Object key) {}

    private static Object key(Path path) {
        try {
            return Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS).fileKey();
        } catch (IOException e) {
            return "missing";
        }
    }

    /** Takes (or converts to) the shared lock without waiting; false while an exclusive holder is there. */
    synchronized boolean tryShared() throws IOException {
        return attempt(slot, 1, true);
    }

    /** Takes (or converts to) the exclusive lock without waiting; false while anyone else holds the lock. */
    synchronized boolean tryExclusive() throws IOException {
        return attempt(0, Long.MAX_VALUE, false);
    }

    /** Like a flock conversion, not atomic: what this holder had is let go first, and lost if the attempt fails. */
    private boolean attempt(long position, long size, boolean shared) throws IOException {
        if (closed) {
            throw new IllegalStateException("lock already released");
        }
        release();
        try {
            held = channel.tryLock(position, size, shared);
        } catch (OverlappingFileLockException heldInThisJvm) {
            held = null;
        }
        return held != null;
    }

    private void release() throws IOException {
        if (held != null) {
            FileLock releasing = held;
            held = null;
            releasing.release();
        }
    }

    /** Lets go of the lock; the file stays open for the JVM's other holders. */
    @Override
    public synchronized void close() {
        closed = true;
        try {
            release();
        } catch (IOException e) {
            // The channel stays open; an unreleasable lock goes when this JVM ends.
        }
    }
}
