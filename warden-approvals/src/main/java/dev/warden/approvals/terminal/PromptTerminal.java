package dev.warden.approvals.terminal;

import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;

/**
 * A terminal borrowed for one prompt: where the person's keys come from and where the question goes. When
 * {@link #raw()} the line discipline neither echoes nor edits (Warden's own pass-through is in raw mode), so the
 * prompt echoes and handles backspace itself.
 */
public interface PromptTerminal extends AutoCloseable {

    InputStream in();

    OutputStream out();

    boolean raw();

    /** Gives the terminal back (closes what was opened for the prompt, or resumes a paused pass-through). */
    @Override
    void close() throws IOException;

    /** Opens {@code tty} (normally {@code /dev/tty}: the controlling terminal, whatever stdin and stdout are). */
    static PromptTerminal open(Path tty) throws IOException {
        FileInputStream in = new FileInputStream(tty.toFile());
        FileOutputStream out;
        try {
            out = new FileOutputStream(tty.toFile());
        } catch (IOException e) {
            in.close();
            throw e;
        }
        return new PromptTerminal() {
            @Override
            public InputStream in() {
                return in;
            }

            @Override
            public OutputStream out() {
                return out;
            }

            @Override
            public boolean raw() {
                return false;
            }

            @Override
            public void close() throws IOException {
                try (in; out) {
                    out.flush();
                }
            }
        };
    }
}
