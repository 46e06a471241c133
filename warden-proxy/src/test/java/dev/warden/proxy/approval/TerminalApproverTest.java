package dev.warden.proxy.approval;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.proxy.NetworkRequest;
import dev.warden.proxy.Protocol;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class TerminalApproverTest {
    private static NetworkRequest request(String command) {
        return new NetworkRequest("s1", Optional.of(command), "example.com", 443, Protocol.CONNECT,
                "example.com:443 is on neither allowed_domains nor denied_domains; unknown = \"ask\" (user config.toml:4)");
    }

    @ParameterizedTest(name = "\"{0}\" -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            y          | true
            Y          | true
            yes        | true
            ' yes '    | true
            n          | false
            ''         | false
            sure       | false
            yes please | false
            """)
    void onlyYIsYes(String line, boolean expected) throws Exception {
        ByteArrayOutputStream screen = new ByteArrayOutputStream();
        TerminalApprover approver = TerminalApprover.over(
                new ByteArrayInputStream((line + "\n").getBytes(StandardCharsets.UTF_8)), screen);
        assertThat(approver.ask(request("npm install")).get(5, TimeUnit.SECONDS)).isEqualTo(expected);
        assertThat(screen.toString(StandardCharsets.UTF_8)).contains("allow `npm install` to connect to example.com:443 (CONNECT)?",
                "unknown = \"ask\"", "[y/N]");
    }

    @Test
    void aClosedTerminalIsANo() throws Exception {
        TerminalApprover approver = TerminalApprover.over(new ByteArrayInputStream(new byte[0]), new ByteArrayOutputStream());
        assertThat(approver.ask(request("x")).get(5, TimeUnit.SECONDS)).isFalse();
    }

    /** A command name cannot drive the terminal: escape sequences are shown escaped, not interpreted. */
    @Test
    void controlCharactersInTheCommandAreEscaped() throws Exception {
        ByteArrayOutputStream screen = new ByteArrayOutputStream();
        TerminalApprover approver = TerminalApprover.over(new ByteArrayInputStream("n\n".getBytes(StandardCharsets.UTF_8)), screen);
        approver.ask(request("curl \u001b[2J\u001b]0;pwned\u0007 x \u202egnp.exe")).get(5, TimeUnit.SECONDS);
        String shown = screen.toString(StandardCharsets.UTF_8);
        assertThat(shown).doesNotContain("\u001b", "\u0007", "\u202e").contains("\\u001b[2J", "\\u202egnp.exe");
    }

    @Test
    void questionsComeOneAtATimeInOrder() throws Exception {
        Keyboard keyboard = new Keyboard();
        ByteArrayOutputStream screen = new ByteArrayOutputStream();
        TerminalApprover approver = TerminalApprover.over(keyboard, screen);
        CompletableFuture<Boolean> first = approver.ask(request("first"));
        Thread.sleep(100);
        CompletableFuture<Boolean> second = approver.ask(request("second"));
        Thread.sleep(100);
        assertThat(screen.toString(StandardCharsets.UTF_8)).contains("`first`").doesNotContain("`second`");
        keyboard.write("y\n".getBytes(StandardCharsets.UTF_8));
        keyboard.flush();
        assertThat(first.get(5, TimeUnit.SECONDS)).isTrue();
        keyboard.write("n\n".getBytes(StandardCharsets.UTF_8));
        keyboard.flush();
        assertThat(second.get(5, TimeUnit.SECONDS)).isFalse();
        assertThat(screen.toString(StandardCharsets.UTF_8)).contains("`second`");
    }

    @Test
    void aQuestionGivenUpOnBeforeItsTurnIsNeverShown() throws Exception {
        Keyboard keyboard = new Keyboard();
        ByteArrayOutputStream screen = new ByteArrayOutputStream();
        TerminalApprover approver = TerminalApprover.over(keyboard, screen);
        CompletableFuture<Boolean> first = approver.ask(request("first"));
        Thread.sleep(100);
        CompletableFuture<Boolean> second = approver.ask(request("second"));
        second.cancel(true);
        keyboard.write("y\n".getBytes(StandardCharsets.UTF_8));
        keyboard.flush();
        assertThat(first.get(5, TimeUnit.SECONDS)).isTrue();
        Thread.sleep(200);
        assertThat(screen.toString(StandardCharsets.UTF_8)).doesNotContain("`second`");
    }

    /**
     * Keys typed by the test. Not a PipedInputStream: that one breaks ("Read end dead") once the thread
     * that last read has ended, and the approver may read each answer on a different thread.
     */
    private static final class Keyboard extends java.io.InputStream {
        private final java.util.concurrent.BlockingQueue<Integer> keys = new java.util.concurrent.LinkedBlockingQueue<>();

        void write(byte[] typed) {
            for (byte b : typed) {
                keys.add(b & 0xff);
            }
        }

        void flush() {}

        @Override
        public int read() throws java.io.IOException {
            try {
                return keys.take();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new java.io.InterruptedIOException();
            }
        }

        @Override
        public int read(byte[] b, int off, int len) throws java.io.IOException {
            if (len == 0) {
                return 0;
            }
            b[off] = (byte) read();
            int n = 1;
            Integer next;
            while (n < len && (next = keys.poll()) != null) {
                b[off + n++] = (byte) (int) next;
            }
            return n;
        }
    }
}
