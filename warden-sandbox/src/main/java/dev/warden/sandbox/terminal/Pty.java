package dev.warden.sandbox.terminal;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.file.Path;
import java.util.OptionalLong;

/**
 * A pseudo-terminal pair. Warden keeps the master; the sandboxed command opens the slave (by its path,
 * in the spawn) as its controlling terminal. Reads and writes go through {@code read(2)}/{@code write(2)}
 * on the master descriptor: reopening a master through {@code /proc/self/fd} would allocate a new pty.
 *
 * <p>One thread may {@link #read}, another {@link #write}, a third {@link #resize}; each direction has its
 * own native buffer.
 */
public final class Pty implements AutoCloseable {
    private static final int BUFFER = 16 * 1024;

    private final int master;
    private final Path slave;
    private final MemorySegment readBuffer;
    private final MemorySegment readState;
    private final MemorySegment writeBuffer;
    private final MemorySegment writeState;
    private volatile boolean closed;

    private Pty(int master, Path slave) {
        this.master = master;
        this.slave = slave;
        // GC-managed: a buffer may still be in use by a blocked read when close() runs.
        Arena arena = Arena.ofAuto();
        this.readBuffer = arena.allocate(BUFFER);
        this.readState = TerminalCalls.errnoState(arena);
        this.writeBuffer = arena.allocate(BUFFER);
        this.writeState = TerminalCalls.errnoState(arena);
    }

    /** A new pty pair ({@code posix_openpt}, {@code grantpt}, {@code unlockpt}, {@code ptsname_r}). */
    public static Pty open() throws IOException {
        int master = TerminalCalls.openpt();
        try {
            TerminalCalls.grantAndUnlock(master);
            return new Pty(master, Path.of(TerminalCalls.ptsname(master)));
        } catch (IOException | RuntimeException e) {
            TerminalCalls.close(master);
            throw e;
        }
    }

    /** The slave's path, {@code /dev/pts/N}. */
    public Path slave() {
        return slave;
    }

    /** Reads what the command wrote; -1 once every process has closed the slave. */
    public int read(byte[] into) throws IOException {
        long n = TerminalCalls.read(master, readBuffer.asSlice(0, Math.min(into.length, BUFFER)), readState);
        if (n < 0) {
            return -1;
        }
        MemorySegment.copy(readBuffer, ValueLayout.JAVA_BYTE, 0, into, 0, (int) n);
        return (int) n;
    }

    /** Types {@code bytes} into the terminal, as keystrokes. */
    public void write(byte[] bytes, int offset, int length) throws IOException {
        int done = 0;
        while (done < length) {
            int chunk = Math.min(length - done, BUFFER);
            MemorySegment.copy(bytes, offset + done, writeBuffer, ValueLayout.JAVA_BYTE, 0, chunk);
            TerminalCalls.writeFully(master, writeBuffer, chunk, writeState);
            done += chunk;
        }
    }

    /** Sets the window size; the kernel sends SIGWINCH to the terminal's foreground process group. */
    public synchronized void resize(WindowSize size) throws IOException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment winsize = arena.allocate(WindowSize.BYTES);
            size.write(winsize);
            TerminalCalls.ioctl(master, TerminalCalls.TIOCSWINSZ, winsize);
        }
    }

    public synchronized WindowSize size() throws IOException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment winsize = arena.allocate(WindowSize.BYTES);
            TerminalCalls.ioctl(master, TerminalCalls.TIOCGWINSZ, winsize);
            return WindowSize.read(winsize);
        }
    }

    /**
     * The terminal's foreground process group (host pid), the one ^C would reach; empty when no
     * session owns the terminal yet.
     */
    public OptionalLong foregroundGroup() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment pgrp = arena.allocate(ValueLayout.JAVA_INT);
            TerminalCalls.ioctl(master, TerminalCalls.TIOCGPGRP, pgrp);
            int group = pgrp.get(ValueLayout.JAVA_INT, 0);
            return group > 1 ? OptionalLong.of(group) : OptionalLong.empty();
        } catch (IOException e) {
            return OptionalLong.empty();
        }
    }

    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            TerminalCalls.close(master);
        }
    }
}
