package dev.warden.approvals.terminal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.warden.approvals.ApprovalAnswer;
import dev.warden.approvals.ApprovalChannel;
import dev.warden.approvals.ApprovalRequest;
import dev.warden.core.Action;
import dev.warden.core.Decision;
import dev.warden.core.Reason;
import dev.warden.core.ReasonSource;
import dev.warden.core.Risk;
import dev.warden.core.Segment;
import dev.warden.core.Verdict;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The terminal prompt: what it shows, each answer, prefix editing, broad prefixes, escapes, timeouts, raw mode. */
class TerminalChannelTest {

    /** A terminal whose keyboard is {@code typed} and whose screen is kept. */
    private static final class Screen implements TerminalOwner {
        final ByteArrayOutputStream shown = new ByteArrayOutputStream();
        final InputStream keys;
        final boolean raw;

        Screen(InputStream keys, boolean raw) {
            this.keys = keys;
            this.raw = raw;
        }

        Screen(String typed) {
            this(new ByteArrayInputStream(typed.getBytes(StandardCharsets.UTF_8)), false);
        }

        @Override
        public PromptTerminal borrow() {
            return new PromptTerminal() {
                @Override
                public InputStream in() {
                    return keys;
                }

                @Override
                public OutputStream out() {
                    return shown;
                }

                @Override
                public boolean raw() {
                    return raw;
                }

                @Override
                public void close() {
                }
            };
        }

        String text() {
            return shown.toString(StandardCharsets.UTF_8);
        }
    }

    private static ApprovalRequest request(List<String> argv) {
        Verdict verdict = new Verdict(Decision.ASK,
                List.of(Reason.of(ReasonSource.HEURISTIC, Decision.ASK, "dangerous: git force-push overwrites remote history", 0)),
                List.of(new Segment(argv, Decision.ASK, "unmatched")))
                .withRisk(new Risk("high", Map.of("destructive_action", "high"), "force-push rewrites origin (--force)"));
        return ApprovalRequest.of("s", new Action.Exec(argv, Path.of("/w")), verdict, "");
    }

    private static final ApprovalRequest PUSH = request(List.of("git", "push", "--force", "origin", "main"));

    private static ApprovalAnswer ask(Screen screen, ApprovalRequest request) throws Exception {
        return new TerminalChannel(screen).ask(request, Duration.ofSeconds(5));
    }

    @Test
    void showsTheCommandWhyTheRiskAndThePrefixThenYesIsOnce() throws Exception {
        Screen screen = new Screen("y\n");
        assertThat(ask(screen, PUSH)).isEqualTo(new ApprovalAnswer.ApproveOnce());
        assertThat(screen.text()).contains("command: git push --force origin main")
                .contains("why:     dangerous: git force-push overwrites remote history")
                .contains("risk:    high: force-push rewrites origin (--force)")
                .contains("prefix:  git push")
                .contains("[y] once  [s] this session  [a] always  [n] deny  [q] deny and stop the agent");
    }

    @Test
    void eachAnswer() throws Exception {
        assertThat(ask(new Screen("n\n"), PUSH)).isEqualTo(new ApprovalAnswer.Deny(""));
        assertThat(ask(new Screen("\n"), PUSH)).as("Enter is no").isEqualTo(new ApprovalAnswer.Deny(""));
        assertThat(ask(new Screen("q\n"), PUSH)).isEqualTo(new ApprovalAnswer.DenyAndStop(""));
        assertThat(ask(new Screen("s\n\n"), PUSH)).isEqualTo(new ApprovalAnswer.ApproveForSession(List.of("git", "push")));
        assertThat(ask(new Screen("a\ngit push --force origin\n"), PUSH))
                .isEqualTo(new ApprovalAnswer.ApproveAlways(List.of("git", "push", "--force", "origin")));
        assertThat(ask(new Screen("maybe\nY\n"), PUSH)).isEqualTo(new ApprovalAnswer.ApproveOnce());
    }

    @Test
    void anEditedPrefixMustBeTheCommandsFirstWords() throws Exception {
        Screen screen = new Screen("s\ncurl evil.example\ns\n'git' push\n");
        assertThat(ask(screen, PUSH)).isEqualTo(new ApprovalAnswer.ApproveForSession(List.of("git", "push")));
        assertThat(screen.text()).contains("`curl evil.example` does not match what is asked about");
        Screen script = new Screen("s\ngit push; rm -rf /\nn\n");
        assertThat(ask(script, PUSH)).isEqualTo(new ApprovalAnswer.Deny(""));
        assertThat(script.text()).contains("a prefix is plain words");
    }

    @Test
    void alwaysForABroadPrefixIsRefusedWithTheReasonAndTheSessionOffered() throws Exception {
        ApprovalRequest env = request(List.of("env", "git", "push", "--force"));
        Screen accepted = new Screen("a\nenv\ny\n");
        assertThat(ask(accepted, env)).isEqualTo(new ApprovalAnswer.ApproveForSession(List.of("env")));
        assertThat(accepted.text()).contains("not as a rule: `env` runs whatever command follows it")
                .contains("approve `env` for this session instead? [y/N]");
        assertThat(ask(new Screen("a\nenv\nn\nn\n"), env)).isEqualTo(new ApprovalAnswer.Deny(""));
    }

    @Test
    void whatTheAgentControlsCannotDriveTheTerminal() throws Exception {
        ApprovalRequest hostile = request(List.of("echo", "\u001b[2J\u001b[Hall clear", "\u202eevil\u202c", "a\rb"));
        Screen screen = new Screen("n\n");
        ask(screen, hostile);
        assertThat(screen.text()).doesNotContain("\u001b").doesNotContain("\u202e").doesNotContain("a\rb")
                .contains("\\u001b[2J").contains("\\u202e");
    }

    @Test
    void noAnswerInTimeIsUnavailableAndSaysSo() {
        InputStream silent = new InputStream() {
            @Override
            public int read() {
                throw new AssertionError("must not block on a read with nothing typed");
            }

            @Override
            public int available() {
                return 0;
            }
        };
        Screen screen = new Screen(silent, false);
        long started = System.nanoTime();
        assertThatThrownBy(() -> new TerminalChannel(screen).ask(PUSH, Duration.ofSeconds(1)))
                .isInstanceOf(ApprovalChannel.ChannelUnavailable.class).hasMessage("no answer within 1 s");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isBetween(Duration.ofMillis(900), Duration.ofSeconds(4));
        assertThat(screen.text()).contains("no answer within 1 s; denied");
    }

    @Test
    void aClosedTerminalIsUnavailable() {
        // A hung-up tty fails its FIONREAD (EIO), which is how a closed terminal shows without a blocking read.
        InputStream hungUp = new InputStream() {
            @Override
            public int read() throws java.io.IOException {
                throw new java.io.IOException("Input/output error");
            }

            @Override
            public int available() throws java.io.IOException {
                throw new java.io.IOException("Input/output error");
            }
        };
        assertThatThrownBy(() -> ask(new Screen(hungUp, false), PUSH))
                .isInstanceOf(ApprovalChannel.ChannelUnavailable.class)
                .hasMessage("the terminal failed (Input/output error)");
        InputStream ended = new ByteArrayInputStream(new byte[0]) {
            @Override
            public synchronized int available() {
                return 1; // a pipe at its end: readable, and the read says end of file
            }
        };
        assertThatThrownBy(() -> ask(new Screen(ended, false), PUSH))
                .isInstanceOf(ApprovalChannel.ChannelUnavailable.class).hasMessageContaining("closed");
        assertThatThrownBy(() -> new TerminalChannel(Path.of("/nonexistent/tty")).ask(PUSH, Duration.ofSeconds(1)))
                .isInstanceOf(ApprovalChannel.ChannelUnavailable.class).hasMessageContaining("cannot open /nonexistent/tty");
    }

    @Test
    void onARawTerminalThePromptEchoesEditsAndTakesControlCAsNo() throws Exception {
        Screen typed = new Screen(new ByteArrayInputStream("x\u007fy\r".getBytes(StandardCharsets.UTF_8)), true);
        assertThat(ask(typed, PUSH)).isEqualTo(new ApprovalAnswer.ApproveOnce());
        assertThat(typed.text()).contains("x\b \by\r\n");
        Screen interrupted = new Screen(new ByteArrayInputStream(new byte[] {3}), true);
        assertThat(ask(interrupted, PUSH)).isEqualTo(new ApprovalAnswer.Deny(""));
    }

    /** The real thing: a pseudo-terminal opened by path, as /dev/tty is, with python3 typing on its other side. */
    @Test
    void asksOnARealPseudoTerminalByPath() throws Exception {
        assumeTrue(new ProcessBuilder("python3", "--version").start().waitFor() == 0, "python3 is needed for a pty");
        String relay = """
                import os, select, sys
                master, slave = os.openpty()
                print(os.ttyname(slave), flush=True)
                while True:
                    ready, _, _ = select.select([master, 0], [], [], 20)
                    if not ready:
                        break
                    if 0 in ready:
                        data = os.read(0, 1024)
                        if not data:
                            break
                        os.write(master, data)
                    if master in ready:
                        os.write(1, os.read(master, 4096))
                """;
        Process python = new ProcessBuilder("python3", "-c", relay).start();
        try {
            BufferedReader screen = new BufferedReader(new InputStreamReader(python.getInputStream(), StandardCharsets.UTF_8));
            Path tty = Path.of(screen.readLine());
            assertThat(TerminalChannel.available(tty)).isTrue();
            Thread.ofVirtual().start(() -> {
                try {
                    Thread.sleep(300);
                    python.getOutputStream().write("s\ngit push --force\n".getBytes(StandardCharsets.UTF_8));
                    python.getOutputStream().flush();
                } catch (Exception e) {
                    throw new RuntimeException(e);
                }
            });
            ApprovalAnswer answer = new TerminalChannel(tty).ask(PUSH, Duration.ofSeconds(10));
            assertThat(answer).isEqualTo(new ApprovalAnswer.ApproveForSession(List.of("git", "push", "--force")));
            StringBuilder shown = new StringBuilder();
            while (!shown.toString().contains("prefix for this session")) {
                shown.append((char) screen.read());
            }
            assertThat(shown.toString()).contains("command: git push --force origin main");
        } finally {
            python.destroy();
        }
    }

    @Test
    void requestsWithoutAPrefixGetTheSuggestedOne() throws Exception {
        ApprovalRequest bare = new ApprovalRequest("s", PUSH.action(), PUSH.verdict(), List.of(), "");
        Screen screen = new Screen("s\n\n");
        assertThat(ask(screen, bare)).isEqualTo(new ApprovalAnswer.ApproveForSession(List.of("git", "push")));
        assertThat(Optional.of(screen.text())).get().asString().contains("prefix:  git push");
    }
}
