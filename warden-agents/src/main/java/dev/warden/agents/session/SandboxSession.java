package dev.warden.agents.session;

import dev.warden.policy.config.LoadedConfig;
import dev.warden.sandbox.HostProbe;
import dev.warden.sandbox.NetworkMode;
import dev.warden.sandbox.SandboxCommand;
import dev.warden.sandbox.SandboxException;
import dev.warden.sandbox.SandboxPolicy;
import dev.warden.sandbox.SandboxedProcess;
import dev.warden.sandbox.Stdio;
import dev.warden.sandbox.config.ConfiguredPolicy;
import dev.warden.sandbox.config.SandboxPlan;
import dev.warden.sandbox.config.SandboxPlanner;
import dev.warden.sandbox.spawn.PosixSpawn;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Starts allowed commands the way the configuration and this host say: in the sandbox the planner
 * chose, in a weaker one with a loud warning when requirements allow it, or — for
 * {@code danger-full-access} only, or a degradation an administrator allowed — without one, never silently.
 * Everything the user must know goes to {@code err} as {@code warden: ...} lines, once per session.
 */
public final class SandboxSession {
    private final LoadedConfig config;
    private final SandboxPlan plan;
    private final PrintStream err;
    private final boolean debug;
    private boolean announced;

    private SandboxSession(LoadedConfig config, SandboxPlan plan, PrintStream err, boolean debug) {
        this.config = config;
        this.plan = plan;
        this.err = err;
        this.debug = debug;
    }

    /** Probes the host (unless the configuration asks for no sandbox) and plans the session. */
    public static SandboxSession prepare(LoadedConfig config, PrintStream err, boolean debug) {
        return new SandboxSession(config, SandboxPlanner.plan(config, HostProbe::probe), err, debug);
    }

    public SandboxPlan plan() {
        return plan;
    }

    /** The network the configuration gives commands. */
    public NetworkMode configuredNetwork() {
        return ConfiguredPolicy.network(config.effective());
    }

    /**
     * Starts {@code argv} in {@code cwd} with exactly {@code environment} (the sandbox adds
     * {@code WARDEN_SANDBOX=1} and a private {@code TMPDIR}).
     *
     * @throws SessionRefused when nothing may or can be started; the message says why and what to do
     */
    public RunningCommand start(List<String> argv, Path cwd, Map<String, String> environment, NetworkMode network,
            Stdio stdio) throws SessionRefused {
        announce();
        return switch (plan) {
            case SandboxPlan.Refused refused -> throw new SessionRefused("refusing to run: " + refused.reason());
            case SandboxPlan.Unconfined ignored -> unconfined(argv, cwd, environment, stdio);
            case SandboxPlan.Confined confined -> sandboxed(confined.backend(), argv, cwd, environment, network, stdio);
            case SandboxPlan.Degraded degraded -> sandboxed(degraded.backend(), argv, cwd, environment, network, stdio);
        };
    }

    /**
     * Runs {@code argv} on Warden's own stdin, stdout and stderr until it exits, forwarding SIGINT,
     * SIGTERM and SIGHUP to it; returns its exit status (128+N when signal N ended it).
     */
    public int runInForeground(List<String> argv, Path cwd, Map<String, String> environment, NetworkMode network)
            throws SessionRefused, InterruptedException {
        try (SignalForwarding signals = SignalForwarding.install(SignalForwarding.TERMINATING)) {
            if (debug && !signals.unavailable().isEmpty()) {
                err.println("warden: not forwarded (reserved by the JVM): SIG" + String.join(", SIG", signals.unavailable()));
            }
            RunningCommand command = start(argv, cwd, environment, network, Stdio.inherit());
            signals.forwardTo(command::signal);
            try {
                return command.waitFor();
            } finally {
                command.endLeftovers();
            }
        }
    }

    private RunningCommand sandboxed(dev.warden.sandbox.SandboxBackend backend, List<String> argv, Path cwd,
            Map<String, String> environment, NetworkMode network, Stdio stdio) throws SessionRefused {
        SandboxPolicy policy = ConfiguredPolicy.of(config.effective(), network);
        var hidden = ConfiguredPolicy.unreachableWorkingDirectory(policy, cwd);
        if (hidden.isPresent()) {
            throw new SessionRefused("refusing to run: " + hidden.get());
        }
        try {
            SandboxedProcess process = backend.launch(policy, new SandboxCommand(argv, cwd, environment), stdio);
            process.warnings().forEach(warning -> err.println("warden: " + warning));
            return RunningCommand.sandboxed(process);
        } catch (SandboxException e) {
            throw new SessionRefused("cannot start the sandbox: " + e.getMessage(), e);
        }
    }

    private RunningCommand unconfined(List<String> argv, Path cwd, Map<String, String> environment, Stdio stdio)
            throws SessionRefused {
        try {
            // Its own session, like a sandbox: Warden forwards signals and can end its process group.
            return RunningCommand.unconfined(PosixSpawn.start(new PosixSpawn.Request(argv, environment, cwd, stdio,
                    List.of(), true, stdio.isTerminal())));
        } catch (IOException e) {
            throw new SessionRefused(e.getMessage(), e);
        }
    }

    private void announce() {
        if (announced) {
            return;
        }
        announced = true;
        ConfiguredPolicy.proxiedNotWired(config.effective()).ifPresent(w -> err.println("warden: warning: " + w));
        switch (plan) {
            case SandboxPlan.Unconfined u when u.degraded() -> err.println("warden: WARNING: " + u.notice());
            case SandboxPlan.Unconfined u -> err.println("warden: notice: " + u.notice());
            case SandboxPlan.Degraded d -> err.println("warden: WARNING: " + d.warning());
            case SandboxPlan.Confined c -> {
                if (debug) {
                    err.println("warden: sandbox: " + c.backend().name() + " (" + c.why() + ")");
                }
            }
            case SandboxPlan.Refused ignored -> { }
        }
    }
}
