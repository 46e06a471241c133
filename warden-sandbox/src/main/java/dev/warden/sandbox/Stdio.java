package dev.warden.sandbox;

import java.lang.ProcessBuilder.Redirect;
import java.nio.file.Path;

/**
 * Where the sandboxed command's standard streams go: three redirects, or one terminal.
 *
 * @param terminal when not null, a pseudo-terminal slave ({@code /dev/pts/N}) that becomes the
 *                 command's stdin, stdout and stderr and its controlling terminal; the redirects are
 *                 then ignored
 */
public record Stdio(Redirect in, Redirect out, Redirect err, Path terminal) {
    public Stdio(Redirect in, Redirect out, Redirect err) {
        this(in, out, err, null);
    }

    public static Stdio pipes() {
        return new Stdio(Redirect.PIPE, Redirect.PIPE, Redirect.PIPE);
    }

    public static Stdio inherit() {
        return new Stdio(Redirect.INHERIT, Redirect.INHERIT, Redirect.INHERIT);
    }

    /** The command runs on this terminal, as its session's controlling terminal (job control, ^C, window size). */
    public static Stdio terminal(Path slave) {
        if (!slave.isAbsolute()) {
            throw new IllegalArgumentException("terminal must be an absolute path: " + slave);
        }
        return new Stdio(Redirect.INHERIT, Redirect.INHERIT, Redirect.INHERIT, slave);
    }

    public boolean isTerminal() {
        return terminal != null;
    }
}
