package dev.warden.agents.daemon;

import dev.warden.agents.AuditSinks;
import dev.warden.agents.PolicySnapshot;
import dev.warden.agents.session.RunningCommand;
import dev.warden.agents.session.SandboxSession;
import dev.warden.agents.session.SessionRefused;
import dev.warden.audit.AuditConfig;
import dev.warden.audit.AuditLog;
import dev.warden.audit.otel.OtelSettings;
import dev.warden.core.Action;
import dev.warden.core.Decision;
import dev.warden.core.Verdict;
import dev.warden.core.event.EventBody;
import dev.warden.core.event.SessionRecorder;
import dev.warden.policy.config.ConfigException;
import dev.warden.policy.config.ConfigRequest;
import dev.warden.sandbox.HostProbeCache;
import dev.warden.sandbox.mounts.MountPlaceholders;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * Serves one {@code warden exec} client on the exec door: the same decision, environment, sandbox and audit record
 * as a standalone {@code warden exec}, made in a warm JVM, and a plan the client carries out with its own stdin,
 * stdout and stderr. The daemon never starts anything for a client: the client itself runs the trampoline, so a
 * request from inside a sandbox (were one able to reach the door) would start its command inside that sandbox.
 *
 * <p>Only what needs no person and nothing in this process is served: an allowed command, confined by bubblewrap,
 * its network off or full, no OpenTelemetry export. Anything else — an approval to ask for, a denial, a
 * configuration that does not load, a proxied network — is answered {@code fallback} before anything is recorded, and
 * the client decides standalone, where every message and prompt is the standalone one.
 */
final class ExecService {
    /** The exit status of a command Warden refused, as the standalone {@code warden exec} uses it. */
    static final int REFUSED = 1;
    /** SIGHUP, SIGINT and SIGTERM: what a standalone {@code warden exec} forwards. */
    private static final Set<Integer> FORWARDED = Set.of(1, 2, 15);

    private final Path wardenHome;
    private final Path systemDir;
    private final String wardenVersion;
    private final Consumer<String> log;
    private final Map<Path, AuditLog> stores = new ConcurrentHashMap<>();
    private final java.util.concurrent.atomic.AtomicLong started = new java.util.concurrent.atomic.AtomicLong();
    private final java.util.concurrent.atomic.AtomicLong handedBack = new java.util.concurrent.atomic.AtomicLong();
    private volatile boolean closed;

    ExecService(Path wardenHome, Path systemDir, String wardenVersion, Consumer<String> log) {
        this.wardenHome = wardenHome;
        this.systemDir = systemDir;
        this.wardenVersion = wardenVersion;
        this.log = log;
        // One command after another: mount points made for one stand for the next (MountPlaceholders).
        MountPlaceholders.forCurrentUser().keepBetweenSandboxes(MountPlaceholders.KEPT_BY_SERVERS);
    }

    /** Commands this daemon has started the sandbox for, and requests it sent back to decide standalone. */
    Map<String, Long> counts() {
        return Map.of("served", started.get(), "fallback", handedBack.get());
    }

    /** Serves {@code request} on {@code socket}; returns once the client's command is over and torn down. */
    void serve(ExecRequest request, Socket socket, InputStream in, OutputStream out) throws IOException {
        if (!handle(request, socket, in, out)) {
            handedBack.incrementAndGet();
        }
    }

    /** False when the request went back to the client as {@code fallback}. */
    private boolean handle(ExecRequest request, Socket socket, InputStream in, OutputStream out) throws IOException {
        Optional<String> standalone = differentConfiguration(request.environment());
        if (standalone.isPresent()) {
            ExecWire.write(out, "fallback", standalone.get());
            return false;
        }
        PolicySnapshot snapshot;
        try {
            // Loaded for every command: an edit made a moment ago counts, and a file that no longer loads is the
            // standalone command's error to report.
            snapshot = PolicySnapshot.load(new ConfigRequest(wardenHome, systemDir, request.cwd(), Optional.empty(),
                    List.of()));
        } catch (ConfigException | RuntimeException e) {
            ExecWire.write(out, "fallback", "the configuration does not load here");
            return false;
        }
        var config = snapshot.loaded().config();
        if (OtelSettings.parse(config.effective().otel()).enabled()) {
            ExecWire.write(out, "fallback", "[otel] export is done by the command's own process");
            return false;
        }
        Map<String, String> environment = config.effective().shellEnvironment().apply(request.environment());
        Action action = new Action.Exec(request.argv(), request.cwd(), environment);
        Verdict verdict = snapshot.engine().evaluate(action);
        if (verdict.decision() != Decision.ALLOW) {
            ExecWire.write(out, "fallback", "the verdict is " + verdict.decision().name().toLowerCase(java.util.Locale.ROOT));
            return false;
        }
        ClientText err = new ClientText(out);
        SandboxSession session = SandboxSession.prepare(config, HostProbeCache.in(wardenHome), err.stream(), false);
        if (!session.handsOff()) {
            ExecWire.write(out, "fallback", "this sandbox is started by the command's own process");
            return false;
        }
        SessionRecorder recorder;
        try {
            AuditConfig audit = AuditSinks.config(wardenHome, config.effective());
            AuditLog store = stores.computeIfAbsent(audit.database(), ignored -> AuditLog.open(audit,
                    message -> log.accept("audit: " + message)));
            recorder = AuditSinks.startSession(store, wardenVersion, "exec", request.argv(), request.cwd(),
                    snapshot.loaded());
            recorder.emit(EventBody.ToolDecision.of(action, verdict));
        } catch (RuntimeException e) {
            // A store that cannot record: the standalone command says so and stops, as [audit] on_failure says.
            ExecWire.write(out, "fallback", "the audit store: " + e.getMessage());
            return false;
        }
        config.warnings().forEach(warning -> err.stream().println("warden: warning: " + warning));
        long startedAt = System.nanoTime();
        started.incrementAndGet();
        int status = REFUSED;
        String reason = "refused";
        try {
            ClientProcess[] client = new ClientProcess[1];
            RunningCommand command = session.startHandedOff(request.argv(), request.cwd(), environment, plan -> {
                ExecWire.write(out, "run", plan.bwrap().toString(), plan.setsid().toString(), plan.filter().toString(),
                        plan.options().toString(), plan.cgroupProcs().map(Path::toString).orElse(""));
                client[0] = ClientProcess.follow(in, () -> socket.setSoTimeout(0));
                return client[0];
            });
            client[0].forwardSignalsTo(signal -> {
                if (FORWARDED.contains(signal)) {
                    command.signal(signal);
                }
            });
            status = command.waitFor();
            recorder.emit(new EventBody.ToolResult(status, (System.nanoTime() - startedAt) / 1_000_000, 0, 0,
                    "not-captured"));
            reason = client[0].reported() ? "exited" : "client-gone";
        } catch (SessionRefused e) {
            err.stream().println("warden: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            reason = "daemon-stopped";
        } finally {
            try {
                recorder.end(status, reason);
            } catch (RuntimeException e) {
                log.accept("audit: could not end an exec session: " + e.getMessage());
            }
        }
        ExecWire.write(out, "exit", Integer.toString(status));
        return true;
    }

    /**
     * Does once, with nothing recorded, what the first command would otherwise pay for on top of its own work: the
     * configuration loaded (for {@code $WARDEN_HOME}, outside any project), a decision made and the audit store
     * opened. A failure here is left for that command to meet and report.
     */
    void warmUp() {
        if (closed) {
            return;
        }
        try {
            PolicySnapshot snapshot = PolicySnapshot.load(new ConfigRequest(wardenHome, systemDir, wardenHome,
                    Optional.empty(), List.of()));
            snapshot.engine().evaluate(new Action.Exec(List.of("git", "status"), wardenHome, Map.of()));
            AuditConfig audit = AuditSinks.config(wardenHome, snapshot.loaded().config().effective());
            stores.computeIfAbsent(audit.database(), ignored -> AuditLog.open(audit,
                    message -> log.accept("audit: " + message)));
        } catch (ConfigException | RuntimeException e) {
            // The first command falls back or records the failure itself.
        }
        if (closed) {
            close(); // the daemon stopped while this ran: nothing may stay open behind it
        }
    }

    /**
     * Why the client's configuration would not be the one this daemon loads, if it would not: another
     * {@code WARDEN_SYSTEM_DIR}, or another {@code HOME} ({@code ~/} paths, protected rc files) or {@code TMPDIR} (the
     * {@code :tmpdir} root) than the daemon's own, which the loader reads, or a {@code PATH} on which the first
     * {@code bwrap} is another file than on the daemon's, which the backend would start.
     */
    private Optional<String> differentConfiguration(Map<String, String> environment) {
        String system = environment.getOrDefault("WARDEN_SYSTEM_DIR", "/etc/warden");
        if (system.isBlank()) {
            system = "/etc/warden";
        }
        if (!Path.of(system).toAbsolutePath().normalize().equals(systemDir.toAbsolutePath().normalize())) {
            return Optional.of("this daemon reads the system configuration in " + systemDir + ", not " + system);
        }
        for (String name : List.of("HOME", "TMPDIR")) {
            if (!java.util.Objects.equals(environment.get(name), System.getenv(name))) {
                return Optional.of("the daemon's " + name + " is not this command's");
            }
        }
        String path = environment.get("PATH");
        if (!java.util.Objects.equals(path, System.getenv("PATH"))
                && !firstBwrap(path).equals(firstBwrap(System.getenv("PATH")))) {
            return Optional.of("this command's PATH finds another bwrap than the daemon's");
        }
        return Optional.empty();
    }

    /**
     * The file the first {@code bwrap} on {@code path} is (real path), as the backend would find it: two PATHs that
     * differ elsewhere (an agent's shell adds its own directories) start the same sandbox.
     */
    private static Optional<Path> firstBwrap(String path) {
        for (String dir : (path == null ? "/usr/bin:/bin" : path).split(":")) {
            if (dir.isEmpty()) {
                continue;
            }
            Path candidate = Path.of(dir, "bwrap");
            if (java.nio.file.Files.isExecutable(candidate)) {
                try {
                    return Optional.of(candidate.toRealPath());
                } catch (IOException e) {
                    return Optional.of(candidate.toAbsolutePath());
                }
            }
        }
        return Optional.empty();
    }

    void close() {
        closed = true;
        stores.values().forEach(AuditLog::close);
        stores.clear();
    }

    /** Lines for the client's stderr, each sent as {@code say TEXT} the moment it is complete. */
    private static final class ClientText extends OutputStream {
        private final OutputStream out;
        private final ByteArrayOutputStream line = new ByteArrayOutputStream();
        private final PrintStream stream = new PrintStream(this, true, StandardCharsets.UTF_8);

        ClientText(OutputStream out) {
            this.out = out;
        }

        PrintStream stream() {
            return stream;
        }

        @Override
        public synchronized void write(int b) {
            if (b == '\n') {
                try {
                    ExecWire.write(out, "say", line.toString(StandardCharsets.UTF_8).replace('\0', ' '));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                line.reset();
            } else {
                line.write(b);
            }
        }
    }
}
