package dev.warden.sandbox.terminal;

import dev.warden.sandbox.BwrapBackend;
import dev.warden.sandbox.LandlockBackend;
import dev.warden.sandbox.NetworkMode;
import dev.warden.sandbox.SandboxBackend;
import dev.warden.sandbox.SandboxCommand;
import dev.warden.sandbox.SandboxPolicy;
import dev.warden.sandbox.SandboxedProcess;
import dev.warden.sandbox.Stdio;
import dev.warden.sandbox.spawn.Signals;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An interactive shell on a pty inside each backend: it owns the terminal (job control, ^C reaches the
 * foreground job, not the shell), sees the window size Warden sets, and resizes arrive as SIGWINCH.
 */
class PtySessionTest {
    private static final SandboxPolicy POLICY = new SandboxPolicy(true, List.of(), List.of(), List.of(), List.of(),
            List.of(), 1, NetworkMode.OFF);

    static Stream<Named<SandboxBackend>> backends() {
        return Stream.concat(BwrapBackend.onPath().stream(), Stream.of(new LandlockBackend()))
                .map(backend -> Named.of(backend.name(), backend));
    }

    @ParameterizedTest
    @MethodSource("backends")
    void anInteractiveShellOwnsThePty(SandboxBackend backend) throws Exception {
        Assumptions.assumeTrue(!(backend instanceof LandlockBackend l) || l.abi() > 0, "no Landlock here");
        try (Pty pty = Pty.open()) {
            pty.resize(new WindowSize(31, 97, 0, 0));
            SandboxedProcess sp = backend.launch(POLICY, new SandboxCommand(List.of("bash", "--norc", "--noprofile", "-i"),
                    Path.of("/"), Map.of("PATH", "/usr/bin:/bin", "TERM", "dumb", "PS1", "$ ")), Stdio.terminal(pty.slave()));
            Transcript out = new Transcript(pty);
            out.await("$ ");
            type(pty, "trap 'echo winch-$(stty size)' WINCH; stty size; echo in-$WARDEN_SANDBOX\n");
            out.await("in-1");
            assertThat(out.text()).contains("31 97");
            pty.resize(new WindowSize(40, 120, 0, 0));
            type(pty, "echo resized\n");
            out.await("resized");
            out.await("winch-40 120");
            type(pty, "sleep 30\n");
            Thread.sleep(300);
            type(pty, "\u0003");
            type(pty, "echo after-$?\n");
            out.await("after-130");
            type(pty, "exit 3\n");
            assertThat(sp.process().waitFor(10, TimeUnit.SECONDS)).as(out.text()).isTrue();
            assertThat(sp.process().exitValue()).as(out.text()).isEqualTo(3);
            assertThat(out.text()).doesNotContain("no job control").doesNotContain("cannot set terminal process group");
        }
    }

    /** An interactive shell puts background jobs in process groups of their own; they must still end with it. */
    @ParameterizedTest
    @MethodSource("backends")
    void jobsOfAnInteractiveShellDieWithIt(SandboxBackend backend) throws Exception {
        Assumptions.assumeTrue(!(backend instanceof LandlockBackend l) || l.abi() > 0, "no Landlock here");
        Path dir = Files.createDirectories(Path.of("target").toAbsolutePath().resolve("pty-jobs-" + System.nanoTime()));
        Path sub = Files.createDirectories(dir.resolve("sub"));
        SandboxPolicy writable = new SandboxPolicy(true, List.of(), List.of(dir), List.of(), List.of(), List.of(), 1,
                NetworkMode.OFF);
        try (Pty pty = Pty.open()) {
            SandboxedProcess sp = backend.launch(writable, new SandboxCommand(List.of("bash", "--norc", "--noprofile", "-i"),
                    dir, Map.of("PATH", "/usr/bin:/bin", "TERM", "dumb", "PS1", "$ ")), Stdio.terminal(pty.slave()));
            Transcript out = new Transcript(pty);
            type(pty, "(sleep 1; touch sub/late) & echo job-$!\n");
            out.await("job-");
            type(pty, "exit 0\n");
            assertThat(sp.process().waitFor(10, TimeUnit.SECONDS)).as(out.text()).isTrue();
            Thread.sleep(1500);
            assertThat(sub.resolve("late")).as(out.text()).doesNotExist();
        }
    }

    @ParameterizedTest
    @MethodSource("backends")
    void signalsReachTheCommandNotJustItsLauncher(SandboxBackend backend) throws Exception {
        Assumptions.assumeTrue(!(backend instanceof LandlockBackend l) || l.abi() > 0, "no Landlock here");
        Path dir = Files.createTempDirectory(Path.of("target"), "signal-").toAbsolutePath();
        // The working directory is a writable root, so it is visible even from a checkout under /tmp.
        SandboxPolicy writable = new SandboxPolicy(true, List.of(), List.of(dir), List.of(), List.of(), List.of(), 1,
                NetworkMode.OFF);
        SandboxedProcess sp = backend.launch(writable, new SandboxCommand(List.of("bash", "-c",
                "trap 'echo got-term; exit 42' TERM; echo ready; sleep 30 & wait"), dir, Map.of("PATH", "/usr/bin:/bin")),
                Stdio.pipes());
        byte[] ready = sp.process().getInputStream().readNBytes(6);
        assertThat(new String(ready, StandardCharsets.UTF_8)).isEqualTo("ready\n");
        assertThat(sp.signal(Signals.SIGTERM)).isTrue();
        assertThat(sp.process().waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(new String(sp.process().getInputStream().readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("got-term\n");
        assertThat(sp.process().exitValue()).isEqualTo(42);
        assertThat(sp.signal(Signals.SIGTERM)).isFalse();
    }

    private static void type(Pty pty, String text) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        pty.write(bytes, 0, bytes.length);
    }

    /** Everything the pty printed, collected by a reader thread. */
    static final class Transcript {
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

        Transcript(Pty pty) {
            Thread.ofPlatform().daemon().start(() -> {
                byte[] buffer = new byte[4096];
                try {
                    int n;
                    while ((n = pty.read(buffer)) > 0) {
                        synchronized (bytes) {
                            bytes.write(buffer, 0, n);
                            bytes.notifyAll();
                        }
                    }
                } catch (IOException e) {
                    // closed
                }
            });
        }

        String text() {
            synchronized (bytes) {
                return bytes.toString(StandardCharsets.UTF_8);
            }
        }

        void await(String needle) throws InterruptedException {
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            synchronized (bytes) {
                while (!bytes.toString(StandardCharsets.UTF_8).contains(needle)) {
                    long left = TimeUnit.NANOSECONDS.toMillis(end - System.nanoTime());
                    if (left <= 0) {
                        throw new AssertionError("timed out waiting for '" + needle + "'; got:\n" + text());
                    }
                    bytes.wait(left);
                }
            }
        }
    }
}
