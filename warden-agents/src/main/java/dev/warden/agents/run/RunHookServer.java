package dev.warden.agents.run;

import dev.warden.agents.daemon.SocketWire;
import dev.warden.agents.hook.HookAnswer;
import dev.warden.core.json.Json;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.stream.Stream;

/**
 * The hook server of one {@code warden run} session: a private directory (0700) holding a unix socket that speaks
 * the daemon's line protocol ({@link SocketWire}, {@code op: "hook"} only) and the client Claude Code runs for each
 * hook ({@value #CLIENT}, a small python3 program: no JVM start per tool call). {@code warden run} binds the
 * directory read-only into the sandbox; the server lives exactly as long as the agent.
 *
 * <p>Unlike the daemon it serves neither {@code status} nor {@code stop}: its clients are the sandboxed agent and
 * whatever the agent runs, which must not be able to end Warden's answers. Everything the agent sends is data: a
 * request that is not a hook call gets {@code {"error": ...}} and the client blocks the call.
 */
public final class RunHookServer implements AutoCloseable {
    /** The socket's name in the directory. */
    public static final String SOCKET = "hooks.sock";
    /** The client's name in the directory. */
    public static final String CLIENT = "claude-hook.py";

    private final Path directory;
    private final ServerSocketChannel server;
    private final BiFunction<String, Optional<String>, HookAnswer> answers;

    private RunHookServer(Path directory, ServerSocketChannel server,
            BiFunction<String, Optional<String>, HookAnswer> answers) {
        this.directory = directory;
        this.server = server;
        this.answers = answers;
    }

    /**
     * Creates the directory under {@code java.io.tmpdir}, writes the client, starts listening.
     *
     * @param answers the answer to a Claude Code hook payload and the caller's {@code WARDEN_SESSION}; never throws
     */
    public static RunHookServer start(BiFunction<String, Optional<String>, HookAnswer> answers) throws IOException {
        Path directory = Files.createTempDirectory("warden-hooks-",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        try {
            try (InputStream client = RunHookServer.class.getResourceAsStream(CLIENT)) {
                if (client == null) {
                    throw new IOException("the hook client " + CLIENT + " is missing from Warden's jar");
                }
                Files.write(directory.resolve(CLIENT), client.readAllBytes());
            }
            Files.setPosixFilePermissions(directory.resolve(CLIENT), PosixFilePermissions.fromString("r--------"));
            ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
            server.bind(UnixDomainSocketAddress.of(directory.resolve(SOCKET)));
            RunHookServer started = new RunHookServer(directory, server, answers);
            Thread.ofPlatform().daemon().name("warden-run-hooks").start(started::acceptLoop);
            return started;
        } catch (IOException | RuntimeException e) {
            deleteQuietly(directory);
            throw e;
        }
    }

    /** The directory on the host, holding {@value #SOCKET} and {@value #CLIENT}. */
    public Path directory() {
        return directory;
    }

    private void acceptLoop() {
        while (server.isOpen()) {
            try {
                SocketChannel client = server.accept();
                Thread.ofVirtual().name("warden-run-hook").start(() -> serve(client));
            } catch (IOException e) {
                // Closed (the run is ending) or a transient accept failure; the loop condition tells which.
            }
        }
    }

    private void serve(SocketChannel client) {
        try (client) {
            InputStream in = new BufferedInputStream(Channels.newInputStream(client), 64 * 1024);
            OutputStream out = Channels.newOutputStream(client);
            String line;
            while ((line = SocketWire.readLine(in)) != null) {
                SocketWire.writeLine(out, respond(line));
            }
        } catch (IOException | UncheckedIOException e) {
            // The client went away or sent a line over the limit: its connection ends, the server goes on.
        }
    }

    Map<String, Object> respond(String line) {
        Map<String, Object> response = new LinkedHashMap<>();
        Object parsed;
        try {
            parsed = Json.parse(line);
        } catch (RuntimeException e) {
            response.put("error", "request is not JSON: " + e.getMessage());
            return response;
        }
        if (!(parsed instanceof Map<?, ?> request) || !"hook".equals(request.get("op"))
                || !"claude-code".equals(request.get("agent")) || !(request.get("payload") instanceof String payload)) {
            response.put("error", "this server answers only {\"op\":\"hook\",\"agent\":\"claude-code\",\"payload\":...}");
            return response;
        }
        Optional<String> session = request.get("warden_session") instanceof String s ? Optional.of(s) : Optional.empty();
        HookAnswer answer;
        try {
            answer = answers.apply(payload, session);
        } catch (RuntimeException e) {
            answer = HookAnswer.failClosed("internal error: " + e);
        }
        response.put("exit", answer.exitStatus());
        response.put("stdout", answer.stdout());
        response.put("stderr", answer.stderr());
        return response;
    }

    /** Stops listening and removes the directory: a hook called after this fails closed. */
    @Override
    public void close() {
        try {
            server.close();
        } catch (IOException e) {
            // Already closed.
        }
        deleteQuietly(directory);
    }

    private static void deleteQuietly(Path directory) {
        try (Stream<Path> files = Files.walk(directory)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> {
                try {
                    Files.deleteIfExists(path);
                } catch (IOException e) {
                    // Left in the private temporary directory; nothing listens there any more.
                }
            });
        } catch (IOException e) {
            // Same.
        }
    }
}
