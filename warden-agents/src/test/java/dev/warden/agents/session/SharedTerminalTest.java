package dev.warden.agents.session;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.approvals.ApprovalAnswer;
import dev.warden.approvals.ApprovalRequest;
import dev.warden.approvals.terminal.TerminalChannel;
import dev.warden.core.Action;
import dev.warden.core.Decision;
import dev.warden.core.Reason;
import dev.warden.core.ReasonSource;
import dev.warden.core.Segment;
import dev.warden.core.Verdict;
import dev.warden.sandbox.terminal.Pty;
import java.io.ByteArrayOutputStream;
import java.io.FileInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * The pass-through's terminal lent to a prompt, on real ptys: one stands for the person's terminal (the prompt is
 * written to it), one for the agent's (what the agent would read from its keyboard).
 */
class SharedTerminalTest {
    private static final ApprovalRequest PUSH = ApprovalRequest.of("s",
            new Action.Exec(List.of("git", "push"), Path.of("/w")),
            new Verdict(Decision.ASK, List.of(Reason.of(ReasonSource.RULE, Decision.ASK, "git push needs approval", 0)),
                    List.of(new Segment(List.of("git", "push"), Decision.ASK, "rule"))), "");

    @Test
    void whileAPromptIsUpTheKeysAreTheAnswerAndTheAgentSeesNoneOfThemNorDrawsOverIt() throws Exception {
        try (Pty person = Pty.open(); Pty agent = Pty.open();
             InputStream agentKeyboard = new FileInputStream(agent.slave().toFile())) {
            SharedTerminal shared = new SharedTerminal(person.slave());
            shared.passingThrough(agent);

            // The agent's pty is in cooked mode here: its line discipline turns the typed CR into LF.
            shared.typed(bytes("ls\r"), 3, agent);
            assertThat(readAvailable(agentKeyboard, 3)).isEqualTo("ls\n");

            CompletableFuture<ApprovalAnswer> answer = CompletableFuture.supplyAsync(() -> {
                try {
                    return new TerminalChannel(shared).ask(PUSH, Duration.ofSeconds(20));
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            String question = readUntil(person, "[n] deny");
            assertThat(question).contains("command: git push");

            // The agent tries to draw while the question is up: it waits.
            ByteArrayOutputStream screen = new ByteArrayOutputStream();
            Thread drawing = Thread.ofPlatform().start(() -> {
                try {
                    shared.draw(screen, bytes("FAKE PROMPT: approved"), 21);
                } catch (java.io.IOException e) {
                    throw new IllegalStateException(e);
                }
            });
            while (drawing.getState() != Thread.State.WAITING && drawing.isAlive()) {
                Thread.onSpinWait();
            }
            assertThat(screen.size()).isZero();

            shared.typed(bytes("y\r"), 2, agent);
            assertThat(answer.get()).isEqualTo(new ApprovalAnswer.ApproveOnce());
            drawing.join();
            assertThat(screen.toString(StandardCharsets.UTF_8)).isEqualTo("FAKE PROMPT: approved");
            assertThat(agentKeyboard.available()).as("the answer never reached the agent").isZero();

            // The prompt is gone: keys reach the agent again.
            shared.typed(bytes("q\r"), 2, agent);
            assertThat(readAvailable(agentKeyboard, 2)).isEqualTo("q\n");
        }
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String readAvailable(InputStream in, int count) throws Exception {
        byte[] buffer = new byte[count];
        int read = 0;
        while (read < count) {
            int n = in.read(buffer, read, count - read);
            if (n < 0) {
                break;
            }
            read += n;
        }
        return new String(buffer, 0, read, StandardCharsets.UTF_8);
    }

    private static String readUntil(Pty terminal, String marker) throws Exception {
        StringBuilder seen = new StringBuilder();
        byte[] buffer = new byte[4096];
        while (!seen.toString().contains(marker)) {
            int n = terminal.read(buffer);
            if (n <= 0) {
                break;
            }
            seen.append(new String(buffer, 0, n, StandardCharsets.UTF_8));
        }
        return seen.toString();
    }
}
