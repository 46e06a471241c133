package dev.warden.approvals.terminal;

import dev.warden.approvals.ApprovalAnswer;
import dev.warden.approvals.ApprovalChannel;
import dev.warden.approvals.ApprovalRequest;
import dev.warden.approvals.BroadPrefixes;
import dev.warden.approvals.Coverage;
import dev.warden.approvals.GrantKind;
import dev.warden.approvals.SuggestedPrefix;
import dev.warden.policy.shell.ParsedScript;
import dev.warden.policy.shell.ShellSplitter;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Asks the person at the terminal: the command (escaped), why the policy asks, the risk and its rationale, and
 * the prefix a "session" or "always" answer would cover, which the person may edit. Answers: {@code y} once,
 * {@code s} this session, {@code a} always, {@code n} (or Enter) deny, {@code q} deny and stop the agent. An
 * "always" for a prefix too broad for a rule is refused on the spot, with the reason, and the session is offered
 * instead.
 *
 * <p>The prompt goes to the controlling terminal ({@code /dev/tty}), never to the agent's stdin or stdout: what
 * the agent writes there could forge the question, what it reads there could forge the answer. One question at a
 * time; a prompt waits for the terminal as part of its timeout.
 */
public final class TerminalChannel implements ApprovalChannel {
    private static final int MAX_LINE = 1024;
    private static final int MAX_TRIES = 8;

    private interface Opener {
        PromptTerminal open() throws IOException;
    }

    private final Opener opener;
    private final String where;
    private final ReentrantLock oneAtATime = new ReentrantLock(true);

    /** Prompts on {@code tty}, opened for each question ({@code /dev/tty}; a test gives a pty's path). */
    public TerminalChannel(Path tty) {
        this.opener = () -> PromptTerminal.open(tty);
        this.where = tty.toString();
    }

    /** Prompts on a terminal someone else is passing through to an agent, which pauses while the question is up. */
    public TerminalChannel(TerminalOwner owner) {
        this.opener = owner::borrow;
        this.where = "the agent's terminal";
    }

    /** Whether {@code tty} can be opened: {@code /dev/tty} only opens in a process with a controlling terminal. */
    public static boolean available(Path tty) {
        try (PromptTerminal ignored = PromptTerminal.open(tty)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public String name() {
        return "terminal";
    }

    @Override
    public ApprovalAnswer ask(ApprovalRequest request, Duration timeout) throws ChannelUnavailable, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        if (!oneAtATime.tryLock(timeout.toNanos(), TimeUnit.NANOSECONDS)) {
            throw new ChannelUnavailable("another question held the terminal for the whole " + timeout.toSeconds() + " s");
        }
        try (PromptTerminal terminal = open()) {
            return new Dialog(terminal, request, deadline, timeout).run();
        } catch (IOException e) {
            throw new ChannelUnavailable("the terminal failed (" + e.getMessage() + ")");
        } finally {
            oneAtATime.unlock();
        }
    }

    private PromptTerminal open() throws ChannelUnavailable {
        try {
            return opener.open();
        } catch (IOException e) {
            throw new ChannelUnavailable("cannot open " + where + " (" + e.getMessage() + ")");
        }
    }

    /** One question and its answer. */
    private static final class Dialog {
        private final PromptTerminal terminal;
        private final InputStream in;
        private final OutputStream out;
        private final ApprovalRequest request;
        private final long deadline;
        private final Duration timeout;
        private final String nl;
        private final GrantKind kind;

        Dialog(PromptTerminal terminal, ApprovalRequest request, long deadline, Duration timeout) {
            this.terminal = terminal;
            this.in = terminal.in();
            this.out = terminal.out();
            this.request = request;
            this.deadline = deadline;
            this.timeout = timeout;
            this.nl = terminal.raw() ? "\r\n" : "\n";
            this.kind = GrantKind.of(request.action());
        }

        ApprovalAnswer run() throws IOException, ChannelUnavailable, InterruptedException {
            List<String> prefix = request.suggestedPrefix().isEmpty()
                    ? SuggestedPrefix.of(request.action(), request.verdict()) : request.suggestedPrefix();
            write(PromptText.question(request, prefix, nl));
            for (int tries = 0; tries < MAX_TRIES; tries++) {
                String answer = line().strip().toLowerCase(Locale.ROOT);
                switch (answer) {
                    case "y", "yes" -> {
                        return new ApprovalAnswer.ApproveOnce();
                    }
                    case "n", "no", "" -> {
                        write("  denied" + nl);
                        return new ApprovalAnswer.Deny("");
                    }
                    case "q" -> {
                        write("  denied; the agent will be stopped" + nl);
                        return new ApprovalAnswer.DenyAndStop("");
                    }
                    case "s" -> {
                        Optional<List<String>> chosen = prefix("for this session", prefix);
                        if (chosen.isPresent()) {
                            return new ApprovalAnswer.ApproveForSession(chosen.get());
                        }
                    }
                    case "a" -> {
                        Optional<List<String>> chosen = prefix("always", prefix);
                        if (chosen.isPresent()) {
                            Optional<String> broad = kind == GrantKind.COMMAND ? BroadPrefixes.problem(chosen.get())
                                    : Optional.empty();
                            if (broad.isEmpty()) {
                                return new ApprovalAnswer.ApproveAlways(chosen.get());
                            }
                            write("  not as a rule: " + PromptText.visible(broad.get(), 400) + nl
                                    + "  approve `" + PromptText.visible(String.join(" ", chosen.get()), 400)
                                    + "` for this session instead? [y/N] ");
                            if (line().strip().equalsIgnoreCase("y")) {
                                return new ApprovalAnswer.ApproveForSession(chosen.get());
                            }
                        }
                    }
                    default -> write("  answer y, s, a, n or q" + nl);
                }
                write("  " + PromptText.CHOICES + nl + "  > ");
            }
            write("  too many unclear answers; denied" + nl);
            return new ApprovalAnswer.Deny("too many unclear answers");
        }

        /** The prefix for a session or always answer: the default on Enter, or what the person typed instead. */
        private Optional<List<String>> prefix(String scope, List<String> suggested)
                throws IOException, ChannelUnavailable, InterruptedException {
            if (kind == GrantKind.NETWORK) {
                return Optional.of(suggested); // a destination is host:port, nothing to edit
            }
            write("  prefix " + scope + " [" + PromptText.visible(String.join(" ", suggested), 400) + "]: ");
            String typed = line().strip();
            if (typed.isEmpty()) {
                return Optional.of(suggested);
            }
            List<String> words;
            if (kind == GrantKind.COMMAND) {
                ParsedScript parsed = ShellSplitter.parse(typed);
                if (parsed.isComplex() || parsed.commands().size() != 1) {
                    write("  a prefix is plain words (quotes allowed), one command" + nl);
                    return Optional.empty();
                }
                words = parsed.commands().getFirst().words();
            } else if (kind == GrantKind.MCP_TOOL) {
                words = Arrays.asList(typed.split("\\s+"));
            } else {
                words = List.of(typed);
            }
            if (!Coverage.coversSomePart(request.action(), request.verdict(), words)) {
                write("  `" + PromptText.visible(typed, 400) + "` does not match what is asked about;"
                        + " a prefix is its first words" + nl);
                return Optional.empty();
            }
            return Optional.of(List.copyOf(words));
        }

        private void write(String text) throws IOException {
            out.write(text.getBytes(StandardCharsets.UTF_8));
            out.flush();
        }

        /**
         * One line, read without blocking past the deadline (a terminal read cannot be taken back, so it only
         * reads what is there). On a raw terminal it echoes, erases on backspace, and takes ^C as no.
         */
        private String line() throws IOException, ChannelUnavailable, InterruptedException {
            byte[] line = new byte[MAX_LINE];
            int length = 0;
            while (true) {
                if (Thread.interrupted()) {
                    throw new InterruptedException();
                }
                if (in.available() <= 0) {
                    if (System.nanoTime() - deadline >= 0) {
                        write(nl + "  no answer within " + timeout.toSeconds() + " s; denied" + nl);
                        throw new ChannelUnavailable("no answer within " + timeout.toSeconds() + " s");
                    }
                    Thread.sleep(15);
                    continue;
                }
                int b = in.read();
                if (b < 0 || terminal.raw() && b == 0x04 && length == 0) {
                    throw new ChannelUnavailable("the terminal closed before an answer");
                }
                if (b == '\n' || b == '\r') {
                    if (terminal.raw()) {
                        write(nl);
                    }
                    return new String(line, 0, length, StandardCharsets.UTF_8);
                }
                if (terminal.raw()) {
                    if (b == 0x03) {
                        write("^C" + nl);
                        return "n";
                    }
                    if (b == 0x7f || b == 0x08) {
                        if (length > 0) {
                            length--;
                            write("\b \b");
                        }
                        continue;
                    }
                    if (b >= 0x20) {
                        out.write(b);
                        out.flush();
                    }
                }
                if (b >= 0x20 && length < MAX_LINE) {
                    line[length++] = (byte) b;
                }
            }
        }
    }
}
