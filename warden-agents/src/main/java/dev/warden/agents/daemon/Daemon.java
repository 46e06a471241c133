package dev.warden.agents.daemon;

import dev.warden.agents.hook.HookAnswer;
import dev.warden.agents.hook.LiveHookSessions;
import dev.warden.agents.hook.RunSessions;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.function.Consumer;

/**
 * {@code warden daemon}: holds the policies loaded (reloading them when their files change) and the audit sessions
 * open, and answers hook calls on a unix socket ({@link SocketWire}) and on loopback HTTP ({@link HttpFront}), so a
 * decision costs a round trip instead of a JVM start. One daemon per {@code $WARDEN_HOME}: each holds a lock on
 * {@code run/daemon.lock} for its whole life, so a second one started at the same moment (two first
 * {@code warden exec}s starting one each) fails instead of racing the first for the files.
 */
public final class Daemon implements AutoCloseable {
    private final DaemonFiles files;
    private final Consumer<String> log;
    private final PolicyCache policies;
    private final LiveHookSessions sessions;
    private final HookService hooks;
    private final CheckService checks;
    private final ServerSocketChannel socket;
    private final HttpFront http;
    private final ConfigWatcher watcher;
    private final ExecDoor execDoor;
    private final DaemonInfo info;
    private final Instant started = Instant.now();
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final Activity activity = new Activity();
    private final FileChannel lockFile;
    private final Duration idleExit;
    private final Thread warmUp;

    private Daemon(Path wardenHome, Path systemDir, String wardenVersion, String build, Duration idleExit,
            Consumer<String> log) throws IOException {
        this.files = new DaemonFiles(wardenHome);
        this.log = log;
        this.idleExit = idleExit;
        if (DaemonInfo.readLive(files.info()).filter(live -> live.pid() != ProcessHandle.current().pid()).isPresent()) {
            throw new AlreadyRunning(wardenHome);
        }
        files.prepare();
        this.lockFile = lockOrFail(files, wardenHome);
        try {
            this.policies = new PolicyCache(wardenHome, systemDir, log);
            this.sessions = new LiveHookSessions(wardenVersion, message -> log.accept("audit: " + message));
            this.hooks = new HookService(sessions, policies, new RunSessions(wardenHome));
            this.checks = new CheckService(policies, systemDir);
            Files.deleteIfExists(files.socket());
            this.socket = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
            socket.bind(UnixDomainSocketAddress.of(files.socket()));
            Files.setPosixFilePermissions(files.socket(), PosixFilePermissions.fromString("rw-------"));
            byte[] secret = new byte[32];
            new SecureRandom().nextBytes(secret);
            String token = HexFormat.of().formatHex(secret);
            this.http = new HttpFront(token, hooks, this::status, activity);
            this.watcher = new ConfigWatcher(policies);
            ExecService execs = new ExecService(wardenHome, systemDir, wardenVersion, log);
            this.execDoor = new ExecDoor(files, execs, build, activity, log);
            this.warmUp = Thread.ofVirtual().name("warden-daemon-warm-up").start(execs::warmUp);
            this.info = new DaemonInfo(http.url(), token, ProcessHandle.current().pid());
            DaemonFiles.writePrivate(files.info(), info.toJson());
            Thread.ofPlatform().daemon().name("warden-daemon-socket").start(this::acceptLoop);
            if (!idleExit.isZero()) {
                Thread.ofPlatform().daemon().name("warden-daemon-idle").start(this::exitWhenIdle);
            }
        } catch (IOException | RuntimeException e) {
            lockFile.close();
            throw e;
        }
    }

    /** The lock a daemon holds for its life (released by the kernel when its process ends, however it ends). */
    private static FileChannel lockOrFail(DaemonFiles files, Path wardenHome) throws IOException {
        FileChannel channel = FileChannel.open(files.lock(), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null; // held by another daemon in this very JVM
        } catch (IOException e) {
            channel.close();
            throw e;
        }
        if (lock == null) {
            channel.close();
            throw new AlreadyRunning(wardenHome);
        }
        return channel;
    }

    /** Another daemon is alive (or starting) for the same {@code $WARDEN_HOME}. */
    public static final class AlreadyRunning extends IOException {
        AlreadyRunning(Path wardenHome) {
            super("a daemon is already running for " + wardenHome + " (see `warden daemon status`)");
        }
    }

    /** Starts listening; {@code daemon.json} is written once both doors are open. */
    public static Daemon start(Path wardenHome, Path systemDir, String wardenVersion, Consumer<String> log)
            throws IOException {
        return start(wardenHome, systemDir, wardenVersion, "dev", log);
    }

    /**
     * @param build the launcher's build id ({@code -Dwarden.build}), written to the exec door's file: the launcher
     *              hands {@code warden exec} to this daemon only when it would run the same build itself
     */
    public static Daemon start(Path wardenHome, Path systemDir, String wardenVersion, String build,
            Consumer<String> log) throws IOException {
        return start(wardenHome, systemDir, wardenVersion, build, Duration.ZERO, log);
    }

    /**
     * @param idleExit stop once this long has passed with no request on any door, no command of the exec door
     *                 running and no hook session open; {@link Duration#ZERO} never stops on its own
     */
    public static Daemon start(Path wardenHome, Path systemDir, String wardenVersion, String build, Duration idleExit,
            Consumer<String> log) throws IOException {
        if (idleExit.isNegative()) {
            throw new IllegalArgumentException("idle exit must not be negative: " + idleExit);
        }
        return new Daemon(wardenHome, systemDir, wardenVersion, build, idleExit, log);
    }

    /**
     * Stops this daemon, between requests, once {@code stamp} (the launcher's build id file) names another build than
     * {@code build}: a daemon never serves hooks with the code of a build the launcher has replaced. The launcher
     * already sends {@code warden exec} only to a daemon of its own build; the hook client does not ask, so the
     * daemon goes, and the next call starts one of the new build. A missing or unreadable stamp changes nothing.
     */
    public void stopWhenReplaced(Path stamp, String build, Duration every) {
        Thread.ofPlatform().daemon().name("warden-daemon-build-watch").start(() -> {
            try {
                while (stopped.getCount() > 0) {
                    Thread.sleep(every.toMillis());
                    String current;
                    try {
                        current = Files.readString(stamp).strip();
                    } catch (IOException e) {
                        continue; // being rebuilt (the launcher rewrites it last), or gone
                    }
                    if (!current.isEmpty() && !current.equals(build) && activity.idleFor(Duration.ZERO)) {
                        log.accept("the launcher's build is now " + current + ", not " + build + ": stopping");
                        close();
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
    }

    /** Looks every few seconds (at most a tenth of the idle time) and stops the daemon once it has been idle. */
    private void exitWhenIdle() {
        long pollMillis = Math.clamp(idleExit.toMillis() / 10, 50, 5_000);
        try {
            while (stopped.getCount() > 0) {
                Thread.sleep(pollMillis);
                if (activity.idleFor(idleExit) && sessions.openSessions() == 0) {
                    log.accept("idle for " + idleExit.toSeconds() + " s: stopping");
                    close();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    public DaemonInfo info() {
        return info;
    }

    /** Blocks until {@link #close} or a {@code stop} request. */
    public void awaitStop() throws InterruptedException {
        stopped.await();
    }

    public Map<String, Object> status() {
        Map<String, Object> status = new LinkedHashMap<>();
        status.put("pid", info.pid());
        status.put("url", info.url());
        status.put("socket", files.socket().toString());
        status.put("exec_door", "127.0.0.1:" + execDoor.port());
        status.put("execs_served", execDoor.counts().get("served"));
        status.put("execs_sent_back", execDoor.counts().get("fallback"));
        status.put("started", started.toString());
        status.put("idle_exit_seconds", idleExit.toSeconds());
        status.put("policies_loaded", policies.size());
        status.put("open_sessions", sessions.openSessions());
        status.put("config_error", policies.lastError().orElse(null));
        return status;
    }

    private void acceptLoop() {
        while (socket.isOpen()) {
            try {
                SocketChannel client = socket.accept();
                Thread.ofVirtual().name("warden-daemon-client").start(() -> serve(client));
            } catch (IOException e) {
                if (socket.isOpen()) {
                    log.accept("socket: " + e.getMessage());
                }
            }
        }
    }

    private void serve(SocketChannel client) {
        try (client) {
            InputStream in = new BufferedInputStream(Channels.newInputStream(client), 64 * 1024);
            OutputStream out = Channels.newOutputStream(client);
            String line;
            while ((line = SocketWire.readLine(in)) != null) {
                Map<String, Object> response;
                try (var _ = activity.begin()) {
                    response = respond(line);
                }
                SocketWire.writeLine(out, response);
                if (Boolean.TRUE.equals(response.get("stopping"))) {
                    Thread.ofPlatform().start(this::close);
                    return;
                }
            }
        } catch (IOException | RuntimeException e) {
            // The client went away or sent garbage: its connection ends, the daemon goes on.
        }
    }

    private Map<String, Object> respond(String line) {
        Map<String, Object> response = new LinkedHashMap<>();
        Object parsed;
        try {
            parsed = dev.warden.core.json.Json.parse(line);
        } catch (RuntimeException e) {
            response.put("error", "request is not JSON: " + e.getMessage());
            return response;
        }
        if (!(parsed instanceof Map<?, ?> request) || !(request.get("op") instanceof String op)) {
            response.put("error", "request must be an object with \"op\"");
            return response;
        }
        switch (op) {
            case "hook" -> {
                if (!"claude-code".equals(request.get("agent")) || !(request.get("payload") instanceof String payload)) {
                    response.put("error", "hook needs \"agent\": \"claude-code\" and a \"payload\" string");
                    return response;
                }
                Optional<String> session = request.get("warden_session") instanceof String s ? Optional.of(s) : Optional.empty();
                HookAnswer answer = hooks.claudeCode(payload, session);
                response.put("exit", answer.exitStatus());
                response.put("stdout", answer.stdout());
                response.put("stderr", answer.stderr());
            }
            case "check" -> response.putAll(checks.check(request));
            case "status" -> response.putAll(status());
            case "stop" -> response.put("stopping", true);
            default -> response.put("error", "unknown op \"" + op + "\" (hook, check, status, stop)");
        }
        return response;
    }

    /** Stops both doors, ends open audit sessions, removes the socket and {@code daemon.json}. */
    @Override
    public synchronized void close() {
        if (stopped.getCount() == 0) {
            return;
        }
        try {
            socket.close();
        } catch (IOException e) {
            // Already closed.
        }
        http.close();
        try {
            warmUp.join(Duration.ofSeconds(10)); // it opens the audit store: nothing may be left writing behind a stop
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        execDoor.close();
        watcher.close();
        sessions.close();
        try {
            Files.deleteIfExists(files.socket());
            if (DaemonInfo.readLive(files.info()).map(i -> i.pid() == info.pid()).orElse(true)) {
                Files.deleteIfExists(files.info());
            }
        } catch (IOException e) {
            log.accept("could not remove " + files.info() + ": " + e.getMessage());
        }
        try {
            lockFile.close(); // last: a new daemon may start from here on
        } catch (IOException e) {
            // Released with the process anyway.
        }
        stopped.countDown();
    }
}
