package dev.warden.agents.daemon;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.function.Consumer;

/**
 * The door {@code warden exec} comes through when a daemon runs: a loopback TCP port, because the launcher's
 * client is a bash script and bash speaks TCP ({@code /dev/tcp}) but not unix sockets. Only a holder of the token
 * in {@code $WARDEN_HOME/run/exec-door} (0600, in the 0700 {@code run} directory) gets an answer; anyone else's
 * connection is closed after the first wrong field. The daemon speaks first, with a second token from the same file:
 * the client sends its request (its environment included) only to a door that proves it is this daemon's, never to
 * whatever took the port over after a daemon killed without cleaning up.
 *
 * <p>The door file is one line, {@code PORT TOKEN DAEMON_TOKEN BUILD PID}: the launcher uses the door only when
 * {@code BUILD} is the build it would run itself, so a daemon left from before a rebuild never serves old code.
 */
final class ExecDoor implements AutoCloseable {
    /** A client has this long to send its whole request. */
    private static final int REQUEST_TIMEOUT_MILLIS = 10_000;

    private final ServerSocket server;
    private final String token;
    private final String daemonToken;
    private final Path file;
    private final ExecService service;
    private final Consumer<String> log;
    private final Activity activity;

    ExecDoor(DaemonFiles files, ExecService service, String build, Activity activity, Consumer<String> log)
            throws IOException {
        if (!build.matches("[A-Za-z0-9._-]+")) {
            throw new IllegalArgumentException("a build id is letters, digits, '.', '_' and '-': " + build);
        }
        this.service = service;
        this.log = log;
        this.activity = activity;
        this.server = new ServerSocket(0, 64, InetAddress.getLoopbackAddress());
        this.token = secret();
        this.daemonToken = secret();
        this.file = files.execDoor();
        DaemonFiles.writePrivate(file, server.getLocalPort() + " " + token + " " + daemonToken + " " + build + " "
                + ProcessHandle.current().pid() + "\n");
        Thread.ofPlatform().daemon().name("warden-exec-door").start(this::acceptLoop);
    }

    /** {@code served} and {@code fallback}: requests served, and requests sent back to decide standalone. */
    java.util.Map<String, Long> counts() {
        return service.counts();
    }

    private static String secret() {
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        return HexFormat.of().formatHex(secret);
    }

    int port() {
        return server.getLocalPort();
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                Thread.ofVirtual().name("warden-exec").start(() -> serve(client));
            } catch (IOException e) {
                if (!server.isClosed()) {
                    log.accept("exec door: " + e.getMessage());
                }
            }
        }
    }

    private void serve(Socket client) {
        try (client) {
            client.setSoTimeout(REQUEST_TIMEOUT_MILLIS);
            client.setTcpNoDelay(true);
            InputStream in = new BufferedInputStream(client.getInputStream(), 64 * 1024);
            OutputStream out = new BufferedOutputStream(client.getOutputStream(), 8 * 1024);
            ExecWire.write(out, ExecRequest.MAGIC, daemonToken);
            ExecRequest request = ExecRequest.read(in, token);
            try (var _ = activity.begin()) { // only a token holder's request keeps an idle daemon alive
                service.serve(request, client, in, out);
            }
        } catch (ExecRequest.Invalid e) {
            log.accept("exec door: refused a request: " + e.getMessage());
        } catch (IOException | RuntimeException e) {
            // The client went away or sent garbage: its connection ends, the daemon goes on.
            if (e instanceof RuntimeException) {
                log.accept("exec door: " + e);
            }
        }
    }

    /** Closes the door and removes its file (if it is still this door's). */
    @Override
    public void close() {
        try {
            server.close();
        } catch (IOException e) {
            // Already closed.
        }
        try {
            if (Files.readString(file).contains(" " + token + " ")) {
                Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            // Gone already.
        }
        service.close();
    }
}
