package dev.warden.sandbox.terminal;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.Optional;

/** The terminal Warden itself runs on (usually fd 0): is there one, how big is it, raw mode. */
public final class Terminal {
    public static final int STDIN = 0;
    public static final int STDOUT = 1;

    private Terminal() {}

    public static boolean isTerminal(int fd) {
        return TerminalCalls.isatty(fd);
    }

    /** The window size of the terminal at {@code fd}, or empty when it is not a terminal. */
    public static Optional<WindowSize> size(int fd) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment winsize = arena.allocate(WindowSize.BYTES);
            TerminalCalls.ioctl(fd, TerminalCalls.TIOCGWINSZ, winsize);
            return Optional.of(WindowSize.read(winsize));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /**
     * Puts the terminal at {@code fd} in raw mode ({@code cfmakeraw}): every byte, ^C included, goes
     * to the sandboxed command's own terminal, whose line discipline turns it into a signal for the
     * right process group. Close the result to restore the saved mode; do it on every exit path.
     */
    public static RawMode enterRawMode(int fd) throws IOException {
        MemorySegment saved = Arena.ofAuto().allocate(TerminalCalls.TERMIOS_SIZE);
        TerminalCalls.tcgetattr(fd, saved);
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment raw = arena.allocate(TerminalCalls.TERMIOS_SIZE);
            MemorySegment.copy(saved, 0, raw, 0, TerminalCalls.TERMIOS_SIZE);
            TerminalCalls.cfmakeraw(raw);
            TerminalCalls.tcsetattr(fd, TerminalCalls.TCSANOW, raw);
        }
        return new RawMode(fd, saved);
    }

    /** A terminal in raw mode; {@link #close()} restores the mode it had (idempotent, safe from any thread). */
    public static final class RawMode implements AutoCloseable {
        private final int fd;
        private final MemorySegment saved;
        private boolean restored;

        private RawMode(int fd, MemorySegment saved) {
            this.fd = fd;
            this.saved = saved;
        }

        @Override
        public synchronized void close() {
            if (!restored) {
                restored = true;
                try {
                    TerminalCalls.tcsetattr(fd, TerminalCalls.TCSADRAIN, saved);
                } catch (IOException e) {
                    // The terminal is gone (hung up): nothing left to restore.
                }
            }
        }
    }
}
