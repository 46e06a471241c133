package dev.warden.agents.run;

import dev.warden.agents.PolicySnapshot;
import dev.warden.agents.hook.ClaudeCodeHook;
import dev.warden.agents.hook.Containment;
import dev.warden.agents.hook.HookAnswer;
import dev.warden.agents.session.SandboxSession;
import dev.warden.agents.session.SessionRefused;
import dev.warden.core.event.SessionRecorder;
import dev.warden.sandbox.NetworkMode;
import dev.warden.sandbox.ReadOnlyBind;
import dev.warden.sandbox.config.SandboxPlan;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code warden run -- claude ...} with Warden's hooks active: a {@link RunHookServer} owned by the run, its directory
 * bound read-only into the sandbox at a fixed path, and Claude Code started with {@code --settings} naming the hook
 * client there. Every hook call is judged with the run's own policy (its profile and {@code -c} overrides included)
 * and recorded in the run's audit session. Closing it stops the server: a hook called afterwards fails closed.
 *
 * <p>Under bubblewrap the verdicts are the sandbox-aware ones (what Claude Code runs stays inside the sandbox).
 * Without a sandbox ({@code danger-full-access}) the client is reached at its host path and the verdicts are those
 * of a hook outside {@code warden run}. The Landlock backend has no mount namespace to show the socket and its
 * seccomp filter refuses unix sockets, so it is refused, as is {@code [network] mode = "off"} under bubblewrap
 * (unix sockets are refused there too, and Claude Code could not reach its API anyway).
 */
public final class ClaudeCodeRun implements AutoCloseable {
    /** Where the directory appears inside the sandbox, beneath its private {@code /run} or {@code /tmp}. */
    static final String MOUNT_NAME = "warden-hooks";
    /** The variable naming the socket, for a {@code warden hook claude-code} the user installed (it runs inside too). */
    public static final String SOCKET_VARIABLE = "WARDEN_HOOK_SOCKET";
    private static final List<String> PYTHONS = List.of("/usr/bin/python3", "/bin/python3", "/usr/local/bin/python3");

    private final RunHookServer server;
    private final List<String> argv;
    private final Map<String, String> environment;
    private final SandboxSession session;

    private ClaudeCodeRun(RunHookServer server, List<String> argv, Map<String, String> environment,
            SandboxSession session) {
        this.server = server;
        this.argv = argv;
        this.environment = environment;
        this.session = session;
    }

    /**
     * Starts the hook server and prepares Claude Code's command line, environment and sandbox.
     *
     * @param recorder the run's audit session: hook calls are recorded there, and its id is named in the reasons
     * @throws SessionRefused when Warden's hooks could not work in this sandbox; the message says what to change
     */
    public static ClaudeCodeRun prepare(SandboxSession session, PolicySnapshot snapshot, SessionRecorder recorder,
            List<String> argv, Map<String, String> environment) throws SessionRefused {
        Optional<String> skipping = ClaudeCodeLaunch.hookSkippingVariable(environment);
        if (skipping.isPresent()) {
            throw new SessionRefused(skipping.get());
        }
        try {
            ClaudeCodeLaunch.withSettings(argv, "{}"); // refuses --settings, --bare and --safe-mode before anything starts
        } catch (IllegalArgumentException e) {
            throw new SessionRefused(e.getMessage());
        }
        Containment containment = switch (session.plan()) {
            case SandboxPlan.Unconfined u -> Containment.unsandboxed("`warden run` starts Claude Code without a sandbox"
                    + " here (" + u.notice() + ")");
            case SandboxPlan.Confined c -> sandboxed(c.backend().name(), session, recorder);
            case SandboxPlan.Degraded d -> sandboxed(d.backend().name(), session, recorder);
            case SandboxPlan.Refused r -> throw new SessionRefused("refusing to run: " + r.reason());
        };
        Path python = PYTHONS.stream().map(Path::of).filter(Files::isExecutable).findFirst()
                .orElseThrow(() -> new SessionRefused("`warden run -- claude` needs python3 (" + String.join(", ", PYTHONS)
                        + ") for Claude Code's hooks to reach Warden; install it (Debian: apt-get install python3)"));
        ClaudeCodeHook hook = new ClaudeCodeHook(new RunHookSessions(recorder));
        RunHookServer server;
        try {
            server = RunHookServer.start((payload, ignored) -> hook.answer(payload, cwd -> snapshot, containment));
        } catch (IOException e) {
            throw new SessionRefused("cannot start the hook server for Claude Code: " + e.getMessage()
                    + "; Claude Code was not started", e);
        }
        try {
            Path seen = server.directory();
            SandboxSession prepared = session;
            if (containment.sandboxed()) {
                seen = session.privateMountPoint(MOUNT_NAME);
                prepared = session.withReadOnlyBinds(List.of(new ReadOnlyBind(server.directory(), seen)));
            }
            String settings = ClaudeCodeLaunch.settings(ClaudeCodeLaunch.hookCommand(python, seen));
            Map<String, String> env = new HashMap<>(environment);
            env.put(SOCKET_VARIABLE, seen.resolve(RunHookServer.SOCKET).toString());
            return new ClaudeCodeRun(server, ClaudeCodeLaunch.withSettings(argv, settings), Map.copyOf(env), prepared);
        } catch (SessionRefused | RuntimeException e) {
            server.close();
            throw e;
        }
    }

    private static Containment sandboxed(String backend, SandboxSession session, SessionRecorder recorder)
            throws SessionRefused {
        if (!backend.equals("bwrap")) {
            throw new SessionRefused("Claude Code's hooks cannot reach Warden from the " + backend + " sandbox (no mount"
                    + " namespace to show them the hook socket, and unix sockets are refused there): use"
                    + " sandbox_backend = \"bwrap\", or `warden run --no-agent-hooks` to run Claude Code contained but"
                    + " without Warden judging each tool call");
        }
        if (session.configuredNetwork() == NetworkMode.OFF) {
            throw new SessionRefused("with [network] mode = \"off\" Claude Code cannot reach its API, and the sandbox"
                    + " refuses the unix socket its hooks reach Warden through: set mode = \"proxied\" with"
                    + " \"api.anthropic.com\" in allowed_domains (docs/NETWORK.md), or `warden run --no-agent-hooks`");
        }
        return new Containment(true, "Claude Code runs inside the sandbox of `warden run` session "
                + recorder.sessionId());
    }

    /** Claude Code's command line: the user's, with {@code --settings} after the program. */
    public List<String> argv() {
        return argv;
    }

    /** The agent's environment plus {@value #SOCKET_VARIABLE}. */
    public Map<String, String> environment() {
        return environment;
    }

    /** The session that binds the hook directory into every sandbox it starts. */
    public SandboxSession session() {
        return session;
    }

    /** The server's directory on the host. */
    public Path directory() {
        return server.directory();
    }

    @Override
    public void close() {
        server.close();
    }
}
