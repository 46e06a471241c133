package dev.warden.agents.session;

import dev.warden.sandbox.NetworkMode;
import dev.warden.sandbox.Stdio;
import dev.warden.sandbox.spawn.Signals;
import dev.warden.sandbox.terminal.Pty;
import dev.warden.sandbox.terminal.Terminal;
import dev.warden.sandbox.terminal.WindowSize;
import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * An interactive agent on a real pseudo-terminal inside the sandbox. The agent gets a fresh pty as its
 * controlling terminal (job control, ^C, full-screen UIs work); Warden puts the user's terminal in raw
 * mode and copies bytes both ways, so every key — ^C and ^\ included — reaches the agent's own line
 * discipline, which signals the agent's foreground job exactly as a terminal would. The user's terminal is
 * never handed to the sandbox, so nothing inside can inject keystrokes into it or read its scrollback.
 *
 * <p>Window-size changes (SIGWINCH to Warden) are copied onto the pty, which signals the agent; SIGINT
 * sent to Warden goes to the pty's foreground group, SIGTERM and SIGHUP to the agent's process group.
 * The terminal's mode is restored on every way out. An approval prompt borrows the terminal through
 * {@link SharedTerminal}: while it is up, keys go to the prompt and the agent's output waits.
 */
public final class TerminalPassThrough {
    private static final long DRAIN_MILLIS = 1000;

    private TerminalPassThrough() {}

    /** Whether Warden runs on a terminal, so {@code warden run} should pass one through. */
    public static boolean available() {
        return Terminal.isTerminal(Terminal.STDIN);
    }

    /** Runs {@code argv} on a new pty until it exits; returns its exit status. */
    public static int run(SandboxSession session, List<String> argv, Path cwd, Map<String, String> environment,
            NetworkMode network) throws SessionRefused, IOException, InterruptedException {
        return run(session, argv, cwd, environment, network, new SharedTerminal(Path.of("/dev/tty")));
    }

    /**
     * Runs {@code argv} on a new pty until it exits, lending the terminal to approval prompts through
     * {@code shared} (the keys go to the prompt and the agent's output waits while one is up).
     */
    public static int run(SandboxSession session, List<String> argv, Path cwd, Map<String, String> environment,
            NetworkMode network, SharedTerminal shared) throws SessionRefused, IOException, InterruptedException {
        try (Pty pty = Pty.open();
             SignalForwarding signals = SignalForwarding.install(SignalForwarding.TERMINATING);
             SignalForwarding winch = SignalForwarding.install(List.of("WINCH"))) {
            Optional<WindowSize> size = Terminal.size(Terminal.STDIN).or(() -> Terminal.size(Terminal.STDOUT));
            if (size.isPresent()) {
                pty.resize(size.get());
            }
            RunningCommand command = session.start(argv, cwd, environment, network, Stdio.terminal(pty.slave()));
            Terminal.RawMode raw;
            try {
                raw = Terminal.enterRawMode(Terminal.STDIN);
            } catch (IOException | RuntimeException e) {
                command.signal(Signals.SIGHUP);
                throw e;
            }
            // Belt and braces: a System.exit from anywhere still gives the user a sane terminal back.
            Thread restore = new Thread(raw::close, "warden-restore-terminal");
            Runtime.getRuntime().addShutdownHook(restore);
            try {
                winch.forwardTo(ignored -> copyWindowSize(pty));
                signals.forwardTo(signal -> forward(signal, pty, command));
                shared.passingThrough(pty);
                Thread.ofPlatform().daemon().name("warden-pty-in").start(() -> copyInput(pty, shared));
                Thread output = Thread.ofPlatform().daemon().name("warden-pty-out").start(() -> copyOutput(pty, shared));
                int status = command.waitFor();
                // What the agent printed just before exiting is still in the pty: read it until the slave is
                // closed everywhere (EIO), or give up on stragglers that keep it open.
                output.join(DRAIN_MILLIS);
                return status;
            } finally {
                shared.ended();
                raw.close();
                Runtime.getRuntime().removeShutdownHook(restore);
                command.endLeftovers();
            }
        }
    }

    private static void forward(int signal, Pty pty, RunningCommand command) {
        if (signal == Signals.SIGINT || signal == Signals.SIGQUIT) {
            OptionalLong foreground = pty.foregroundGroup();
            if (foreground.isPresent()) {
                Signals.sendToGroup(foreground.getAsLong(), signal);
                return;
            }
        }
        command.signal(signal);
    }

    private static void copyWindowSize(Pty pty) {
        Terminal.size(Terminal.STDIN).or(() -> Terminal.size(Terminal.STDOUT)).ifPresent(size -> {
            try {
                pty.resize(size);
            } catch (IOException e) {
                // The pty is closing: the agent is gone.
            }
        });
    }

    private static void copyInput(Pty pty, SharedTerminal shared) {
        InputStream in = new FileInputStream(FileDescriptor.in);
        byte[] buffer = new byte[4096];
        try {
            int n;
            while ((n = in.read(buffer)) > 0) {
                shared.typed(buffer, n, pty);
            }
        } catch (IOException e) {
            // The terminal hung up or the pty closed: nothing more to type.
        }
    }

    private static void copyOutput(Pty pty, SharedTerminal shared) {
        OutputStream out = new FileOutputStream(FileDescriptor.out);
        byte[] buffer = new byte[16 * 1024];
        try {
            int n;
            while ((n = pty.read(buffer)) > 0) {
                shared.draw(out, buffer, n);
            }
        } catch (IOException e) {
            // Our own output is gone (terminal closed): the agent keeps running until it notices its hangup.
        }
    }
}
