package dev.warden.agents.session;

import dev.warden.approvals.terminal.PromptTerminal;
import dev.warden.approvals.terminal.TerminalOwner;
import dev.warden.sandbox.spawn.Signals;
import dev.warden.sandbox.terminal.Pty;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The person's terminal while {@code warden run} passes it through to an agent, lent to one approval prompt at
 * a time. While a prompt holds it, the keys typed go to the prompt and not to the agent (which could otherwise
 * read, or race the person to, the answer), and the agent's output waits (it cannot draw over the question or
 * forge one next to it); the pty's buffer holds what the agent writes meanwhile, and the agent blocks when it
 * is full. When the prompt closes, the agent is sent SIGWINCH so a full-screen agent redraws over the prompt.
 *
 * <p>When no pass-through runs (before the agent starts, after it ends), a prompt opens the controlling
 * terminal itself, like {@code warden exec}'s.
 */
public final class SharedTerminal implements TerminalOwner {
    private static final long SCREEN_WAIT_SECONDS = 10;

    private final Path tty;
    /** Held by the output copier for each chunk it draws, and by a prompt for as long as it is up. */
    private final ReentrantLock screen = new ReentrantLock(true);
    private volatile Keys prompt;
    private volatile Pty passing;

    /** {@code tty}: the person's terminal, {@code /dev/tty} (a test gives a pty's path). */
    public SharedTerminal(Path tty) {
        this.tty = tty;
    }

    @Override
    public PromptTerminal borrow() throws IOException {
        Pty pty = passing;
        if (pty == null) {
            return PromptTerminal.open(tty);
        }
        // The output copier holds the screen only while it writes one chunk; if the terminal itself is stopped
        // (^S) that write never ends, and a question that cannot be shown is a denial, not a hang.
        try {
            if (!screen.tryLock(SCREEN_WAIT_SECONDS, TimeUnit.SECONDS)) {
                throw new IOException("the terminal accepted no output for " + SCREEN_WAIT_SECONDS + " s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for the terminal");
        }
        FileOutputStream out;
        try {
            out = new FileOutputStream(tty.toFile());
        } catch (IOException | RuntimeException e) {
            screen.unlock();
            throw e;
        }
        Keys keys = new Keys();
        prompt = keys;
        return new PromptTerminal() {
            @Override
            public InputStream in() {
                return keys;
            }

            @Override
            public OutputStream out() {
                return out;
            }

            @Override
            public boolean raw() {
                return true; // the pass-through put the terminal in raw mode: the prompt echoes for itself
            }

            @Override
            public void close() throws IOException {
                prompt = null;
                try {
                    out.close();
                } finally {
                    screen.unlock();
                    redraw(pty);
                }
            }
        };
    }

    /** The pass-through of {@code pty} has started: prompts from now on pause it. */
    void passingThrough(Pty pty) {
        passing = pty;
    }

    /** The pass-through has ended: prompts open the terminal themselves again. */
    void ended() {
        passing = null;
    }

    /** Where typed bytes go: to the prompt that is up, else to the agent. */
    void typed(byte[] bytes, int length, Pty pty) throws IOException {
        Keys keys = prompt;
        if (keys != null) {
            keys.add(bytes, length);
        } else {
            pty.write(bytes, 0, length);
        }
    }

    /** Draws the agent's output, unless a prompt is up, in which case it waits for the prompt to close. */
    void draw(OutputStream out, byte[] bytes, int length) throws IOException {
        screen.lock();
        try {
            out.write(bytes, 0, length);
            out.flush();
        } finally {
            screen.unlock();
        }
    }

    private static void redraw(Pty pty) {
        OptionalLong foreground = pty.foregroundGroup();
        if (foreground.isPresent()) {
            Signals.sendToGroup(foreground.getAsLong(), Signals.SIGWINCH);
        }
    }

    /** The keys typed while a prompt is up; read without blocking (the prompt polls {@link #available()}). */
    private static final class Keys extends InputStream {
        private static final int MAX = 4096;
        private final byte[] buffer = new byte[MAX];
        private int start;
        private int end;

        synchronized void add(byte[] bytes, int length) {
            for (int i = 0; i < length && end - start < MAX; i++) {
                if (end == MAX) {
                    System.arraycopy(buffer, start, buffer, 0, end - start);
                    end -= start;
                    start = 0;
                }
                buffer[end++] = bytes[i];
            }
        }

        @Override
        public synchronized int available() {
            return end - start;
        }

        @Override
        public synchronized int read() {
            return start < end ? buffer[start++] & 0xff : -1;
        }
    }
}
