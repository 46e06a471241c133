package dev.warden.agents.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The launcher's bash client ({@code .mvn/daemon-exec.bash}) against a scripted stand-in for the daemon's side of the
 * exec door, for what the real daemon rarely says: messages after {@code run}, a connection dropped mid-command, a
 * request cut short. The "bwrap" it is told to start is a script that drops bwrap's own arguments and runs the command.
 */
class ExecClientScriptTest {
    @TempDir
    Path root;

    ServerSocket door;
    Path doorFile;
    Path fakeBwrap;
    Path standalone;
    final List<List<String>> heard = new ArrayList<>();

    @BeforeEach
    void setUp() throws IOException {
        door = new ServerSocket(0, 4, InetAddress.getLoopbackAddress());
        doorFile = Files.writeString(root.resolve("exec-door"), door.getLocalPort() + " secret proof b1 1\n");
        fakeBwrap = executable("fake-bwrap", "#!/bin/sh\n# --args 4 --\nshift 3\nexec \"$@\"\n");
        standalone = executable("standalone", "#!/bin/sh\nprintf 'standalone:'; for a; do printf ' [%s]' \"$a\"; done; echo\nexit 99\n");
        Files.write(root.resolve("filter"), new byte[0]);
        Files.write(root.resolve("options"), new byte[0]);
    }

    @AfterEach
    void tearDown() throws IOException {
        door.close();
    }

    Path executable(String name, String text) throws IOException {
        Path file = Files.writeString(root.resolve(name), text);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwx------"));
        return file;
    }

    record Ran(int status, String out, String err) {}

    Ran client(String... command) throws Exception {
        List<String> argv = new ArrayList<>(List.of("/bin/bash", ExecDoorTest.CLIENT.toString(), standalone.toString(),
                "b1", doorFile.toString(), "", "exec", "--"));
        argv.addAll(List.of(command));
        Process process = new ProcessBuilder(argv).directory(root.toFile()).start();
        process.getOutputStream().close();
        CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> read(process.getErrorStream()));
        String out = read(process.getInputStream());
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        return new Ran(process.exitValue(), out, err.get(10, TimeUnit.SECONDS));
    }

    static String read(InputStream in) {
        try {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    /** Accepts one client, reads its request, then runs {@code script} with the connection's streams. */
    CompletableFuture<Void> daemon(Script script) {
        return CompletableFuture.runAsync(() -> {
            try (Socket socket = door.accept()) {
                InputStream in = new BufferedInputStream(socket.getInputStream());
                OutputStream out = socket.getOutputStream();
                ExecWire.write(out, ExecRequest.MAGIC, "proof");
                ExecRequest request = ExecRequest.read(in, "secret");
                synchronized (heard) {
                    heard.add(request.argv());
                }
                script.run(in, out);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
    }

    interface Script {
        void run(InputStream in, OutputStream out) throws IOException;
    }

    void sendRun(OutputStream out) throws IOException {
        ExecWire.write(out, "run", fakeBwrap.toString(), "/usr/bin/setsid", root.resolve("filter").toString(),
                root.resolve("options").toString(), "");
    }

    @Test
    void linesTheDaemonSaysAfterRunStillReachStderrBeforeTheStatus() throws Exception {
        CompletableFuture<Void> served = daemon((in, out) -> {
            ExecWire.write(out, "say", "warden: before");
            sendRun(out);
            assertThat(ExecWire.require(in, 16)).isEqualTo("pid");
            ExecWire.require(in, 32);
            ExecWire.write(out, "say", "warden: a warning about the sandbox");
            assertThat(ExecWire.require(in, 16)).isEqualTo("exit");
            assertThat(ExecWire.require(in, 32)).isEqualTo("3");
            ExecWire.write(out, "say", "warden: after");
            ExecWire.write(out, "exit", "3");
        });

        Ran ran = client("sh", "-c", "echo ran; exit 3");

        served.get(10, TimeUnit.SECONDS);
        assertThat(heard).containsExactly(List.of("sh", "-c", "echo ran; exit 3"));
        assertThat(ran.out()).isEqualTo("ran\n");
        assertThat(ran.err()).isEqualTo("warden: before\nwarden: a warning about the sandbox\nwarden: after\n");
        assertThat(ran.status()).isEqualTo(3);
    }

    @Test
    void aDaemonThatGoesAwayMidCommandLeavesTheCommandsOwnStatus() throws Exception {
        CompletableFuture<Void> served = daemon((in, out) -> {
            sendRun(out);
            assertThat(ExecWire.require(in, 16)).isEqualTo("pid");
        });

        Ran ran = client("sh", "-c", "sleep 0.3; exit 5");

        served.get(10, TimeUnit.SECONDS);
        assertThat(ran.status()).isEqualTo(5);
        assertThat(ran.err()).contains("the daemon went away before it recorded the end of this command");
    }

    @Test
    void aDaemonThatClosesBeforeAnsweringSendsTheCommandStandalone() throws Exception {
        CompletableFuture<Void> served = daemon((in, out) -> { });

        Ran ran = client("true");

        served.get(10, TimeUnit.SECONDS);
        assertThat(ran.out()).isEqualTo("standalone: [exec] [--no-daemon] [--] [true]\n");
        assertThat(ran.status()).isEqualTo(99);
    }

    /** Whatever holds the port after a daemon died without removing its file learns nothing: not even the token. */
    @ParameterizedTest(name = "an impostor that {0}")
    @ValueSource(strings = {"says nothing", "greets without the proof", "greets with a wrong proof"})
    void anImpostorOnThePortIsToldNothing(String impostor) throws Exception {
        CompletableFuture<byte[]> received = CompletableFuture.supplyAsync(() -> {
            try (Socket socket = door.accept()) {
                socket.setSoTimeout(10_000);
                OutputStream out = socket.getOutputStream();
                switch (impostor) {
                    case "greets without the proof" -> out.write("warden-exec-1\0".getBytes(StandardCharsets.UTF_8));
                    case "greets with a wrong proof" -> out.write("warden-exec-1\0guess\0".getBytes(StandardCharsets.UTF_8));
                    default -> { }
                }
                out.flush();
                return socket.getInputStream().readAllBytes();
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });

        Ran ran = client("env");

        assertThat(ran.out()).isEqualTo("standalone: [exec] [--no-daemon] [--] [env]\n");
        assertThat(received.get(15, TimeUnit.SECONDS)).isEmpty();
    }

    @Test
    void aFallbackSendsTheCommandStandaloneWithItsArgumentsIntact() throws Exception {
        CompletableFuture<Void> served = daemon((in, out) -> ExecWire.write(out, "fallback", "the verdict is ask"));

        Ran ran = client("printf", "%s|", "two words", "", "*");

        served.get(10, TimeUnit.SECONDS);
        assertThat(heard).containsExactly(List.of("printf", "%s|", "two words", "", "*"));
        assertThat(ran.out()).isEqualTo("standalone: [exec] [--no-daemon] [--] [printf] [%s|] [two words] [] [*]\n");
    }
}
