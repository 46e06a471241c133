package dev.warden.proxy.approval;

import dev.warden.proxy.NetworkApprover;
import dev.warden.proxy.NetworkRequest;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Asks the person at the terminal, one question at a time: "allow {@code npm install} to connect to
 * {@code example.com:443}? [y/N]". Anything but {@code y} or {@code yes} is a no. Until the approval
 * router lands this is the proxy's default approver, and only when a terminal is attached; otherwise
 * {@link #ifAttached()} returns an approver that denies.
 *
 * <p>A question the proxy stopped waiting for (its timeout passed) is still answered on the terminal,
 * and the late answer is discarded with a note: a blocking terminal read cannot be taken back.
 */
public final class TerminalApprover implements NetworkApprover {
    /** Where the terminal is; a test gives streams instead. */
    private interface Terminal {
        InputStream in() throws IOException;

        OutputStream out() throws IOException;
    }

    private final Terminal terminal;
    private final ReentrantLock oneAtATime = new ReentrantLock(true);

    private TerminalApprover(Terminal terminal) {
        this.terminal = terminal;
    }

    /** An approver that reads answers from {@code in} and writes questions to {@code out}. */
    public static TerminalApprover over(InputStream in, OutputStream out) {
        return new TerminalApprover(new Terminal() {
            @Override
            public InputStream in() {
                return in;
            }

            @Override
            public OutputStream out() {
                return out;
            }
        });
    }

    /** The controlling terminal ({@code /dev/tty}) if this process has one, else an approver that denies. */
    public static NetworkApprover ifAttached() {
        try {
            new FileInputStream("/dev/tty").close(); // opens only with a controlling terminal (ENXIO otherwise)
        } catch (IOException e) {
            return NetworkApprover.denyAll();
        }
        FileInputStream[] in = new FileInputStream[1];
        FileOutputStream[] out = new FileOutputStream[1];
        return new TerminalApprover(new Terminal() {
            @Override
            public synchronized InputStream in() throws IOException {
                if (in[0] == null) {
                    in[0] = new FileInputStream("/dev/tty");
                }
                return in[0];
            }

            @Override
            public synchronized OutputStream out() throws IOException {
                if (out[0] == null) {
                    out[0] = new FileOutputStream("/dev/tty");
                }
                return out[0];
            }
        });
    }

    @Override
    public CompletableFuture<Boolean> ask(NetworkRequest request) {
        CompletableFuture<Boolean> answer = new CompletableFuture<>();
        Thread.ofVirtual().name("warden-proxy-ask").start(() -> {
            oneAtATime.lock();
            try {
                if (answer.isDone()) {
                    return; // timed out while waiting for an earlier question
                }
                OutputStream out = terminal.out();
                out.write(question(request).getBytes(StandardCharsets.UTF_8));
                out.flush();
                String line = readLine(terminal.in());
                boolean yes = line != null && (line.strip().equalsIgnoreCase("y") || line.strip().equalsIgnoreCase("yes"));
                if (!answer.complete(yes)) {
                    out.write("warden: too late, the connection was already refused\n".getBytes(StandardCharsets.UTF_8));
                    out.flush();
                }
            } catch (IOException | RuntimeException e) {
                answer.complete(false);
            } finally {
                oneAtATime.unlock();
            }
        });
        return answer;
    }

    static String question(NetworkRequest request) {
        String who = request.command().map(c -> "`" + visible(c) + "`").orElse("this session");
        return "\nwarden: allow " + who + " to connect to " + request.authority() + " ("
                + request.protocol().wireName().toUpperCase(Locale.ROOT) + ")?\n  " + visible(request.reason())
                + "\n  [y/N] ";
    }

    /**
     * The text with everything that could drive or disguise the terminal escaped: control characters
     * (escape sequences, bells), and the invisible and bidirectional-override characters that make a
     * command read differently from what it is.
     */
    static String visible(String text) {
        StringBuilder out = new StringBuilder(Math.min(text.length(), 300));
        for (int i = 0; i < text.length() && out.length() < 300; i++) {
            char c = text.charAt(i);
            boolean hidden = c < 0x20 || c == 0x7f || (c >= 0x80 && c <= 0x9f) || (c >= 0x200b && c <= 0x200f)
                    || (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069) || c == 0xfeff;
            out.append(hidden ? String.format("\\u%04x", (int) c) : String.valueOf(c));
        }
        return out.length() < text.length() ? out + "..." : out.toString();
    }

    private static String readLine(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        while (line.length() < 256) {
            int b = in.read();
            if (b < 0) {
                return line.isEmpty() ? null : line.toString();
            }
            if (b == '\n') {
                return line.toString();
            }
            line.append((char) b);
        }
        return line.toString();
    }
}
