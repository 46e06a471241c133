package dev.warden.agents.daemon;

import dev.warden.agents.hook.HookAnswer;
import dev.warden.core.Verdict;
import dev.warden.core.VerdictJson;
import dev.warden.core.json.Json;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Talks to the running daemon over its unix socket. {@link #find} gives a client only when {@code daemon.json}
 * names a live process; a stale file, a missing socket or any failure during a call means "no daemon", and the
 * CLI decides standalone instead (the same policy, only slower).
 */
public final class DaemonClient implements AutoCloseable {
    private final SocketChannel channel;
    private final InputStream in;

    private DaemonClient(SocketChannel channel) {
        this.channel = channel;
        this.in = new BufferedInputStream(Channels.newInputStream(channel), 64 * 1024);
    }

    /** A connection to the daemon of {@code wardenHome}, if one is running. */
    public static Optional<DaemonClient> find(Path wardenHome) {
        DaemonFiles files = new DaemonFiles(wardenHome);
        if (DaemonInfo.readLive(files.info()).isEmpty()) {
            return Optional.empty();
        }
        try {
            SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX);
            try {
                channel.connect(UnixDomainSocketAddress.of(files.socket()));
            } catch (IOException e) {
                channel.close();
                return Optional.empty();
            }
            return Optional.of(new DaemonClient(channel));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /**
     * A connection to a server speaking the same protocol at {@code socket}: the hook server of a {@code warden run}
     * (which answers hook calls only), if it is listening.
     */
    public static Optional<DaemonClient> at(Path socket) {
        try {
            SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX);
            try {
                channel.connect(UnixDomainSocketAddress.of(socket));
            } catch (IOException | RuntimeException e) {
                channel.close();
                return Optional.empty();
            }
            return Optional.of(new DaemonClient(channel));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** The daemon's answer to a Claude Code hook payload, or empty when it could not give one. */
    public Optional<HookAnswer> claudeCodeHook(String payload, Optional<String> wardenSession) {
        try (this) {
            Map<String, Object> request = new LinkedHashMap<>();
            request.put("op", "hook");
            request.put("agent", "claude-code");
            request.put("payload", payload);
            wardenSession.ifPresent(s -> request.put("warden_session", s));
            Map<?, ?> response = call(request);
            if (response.get("exit") instanceof Long exit && response.get("stdout") instanceof String out
                    && response.get("stderr") instanceof String err) {
                return Optional.of(new HookAnswer(exit.intValue(), out, err));
            }
            return Optional.empty();
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /**
     * The daemon's verdict on {@code argv} run in {@code cwd}, decided with the project's default configuration
     * under {@code systemDir}; empty when it could not give one (another system directory, a configuration that
     * does not load, any failure): the caller then decides standalone and reports what went wrong itself.
     */
    public Optional<Verdict> check(List<String> argv, Path cwd, Path systemDir) {
        try (this) {
            Map<String, Object> request = new LinkedHashMap<>();
            request.put("op", "check");
            request.put("argv", argv);
            request.put("cwd", cwd.toString());
            request.put("system_dir", systemDir.toString());
            return Optional.of(VerdictJson.read(call(request).get("verdict")));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** The daemon's status object. */
    public Map<?, ?> status() throws IOException {
        try (this) {
            return call(Map.of("op", "status"));
        }
    }

    /** Asks the daemon to stop; returns once it has acknowledged. */
    public void stop() throws IOException {
        try (this) {
            call(Map.of("op", "stop"));
        }
    }

    private Map<?, ?> call(Map<String, Object> request) throws IOException {
        SocketWire.writeLine(Channels.newOutputStream(channel), request);
        String line = SocketWire.readLine(in);
        if (line == null) {
            throw new IOException("the daemon closed the connection");
        }
        if (!(Json.parse(line) instanceof Map<?, ?> map)) {
            throw new IOException("the daemon answered something other than a JSON object");
        }
        if (map.get("error") instanceof String error) {
            throw new IOException("daemon: " + error);
        }
        return map;
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
