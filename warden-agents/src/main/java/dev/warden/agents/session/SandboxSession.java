package dev.warden.agents.session;

import dev.warden.policy.config.LoadedConfig;
import dev.warden.policy.network.InvalidHostException;
import dev.warden.policy.network.NetworkPolicy;
import dev.warden.policy.network.NetworkRules;
import dev.warden.policy.rules.NetworkRule;
import dev.warden.proxy.NetworkApprover;
import dev.warden.proxy.NetworkDecisionListener;
import dev.warden.proxy.approval.TerminalApprover;
import dev.warden.sandbox.BwrapBackend;
import dev.warden.sandbox.HostCapabilities;
import dev.warden.sandbox.HostProbe;
import dev.warden.sandbox.NetworkMode;
import dev.warden.sandbox.ReadOnlyBind;
import dev.warden.sandbox.SandboxCommand;
import dev.warden.sandbox.SandboxException;
import dev.warden.sandbox.SandboxPolicy;
import dev.warden.sandbox.SandboxedProcess;
import dev.warden.sandbox.Stdio;
import dev.warden.sandbox.bwrap.ProxyForwarder;
import dev.warden.sandbox.config.ConfiguredPolicy;
import dev.warden.sandbox.config.SandboxPlan;
import dev.warden.sandbox.config.SandboxPlanner;
import dev.warden.sandbox.spawn.PosixSpawn;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Starts allowed commands the way the configuration and this host say: in the sandbox the planner
 * chose, in a weaker one with a loud warning when requirements allow it, or — for
 * {@code danger-full-access} only, or a degradation an administrator allowed — without one, never silently.
 * Everything the user must know goes to {@code err} as {@code warden: ...} lines, once per session.
 *
 * <p>A command started with the network {@code PROXIED} gets an egress proxy of its own
 * ({@link ProxiedNetwork}), its endpoint in the sandbox policy and its variables in the environment; the
 * proxy stops when the command ends.
 */
public final class SandboxSession {
    private final LoadedConfig config;
    private final SandboxPlan plan;
    private final PrintStream err;
    private final boolean debug;
    private final String sessionId;
    private final NetworkDecisionListener network;
    private final List<NetworkRule> networkRules;
    private final NetworkApprovers approvers;
    private final List<ReadOnlyBind> binds;
    private boolean announced;

    /**
     * Who decides hosts on neither {@code [network]} list: {@code sharedTerminal} when the command shares
     * Warden's terminal (or has none), {@code agentOwnsTerminal} when an agent runs on a pass-through pty:
     * there a prompt must pause the pass-through ({@link SharedTerminal}), or nobody can be asked.
     */
    public record NetworkApprovers(NetworkApprover sharedTerminal, NetworkApprover agentOwnsTerminal) {
        static NetworkApprovers standalone() {
            return new NetworkApprovers(TerminalApprover.ifAttached(), NetworkApprover.denyAll());
        }
    }

    private SandboxSession(LoadedConfig config, SandboxPlan plan, PrintStream err, boolean debug, String sessionId,
            NetworkDecisionListener network, List<NetworkRule> networkRules, NetworkApprovers approvers,
            List<ReadOnlyBind> binds) {
        this.config = config;
        this.plan = plan;
        this.err = err;
        this.debug = debug;
        this.sessionId = sessionId;
        this.network = network;
        this.approvers = approvers;
        this.networkRules = List.copyOf(networkRules);
        this.binds = List.copyOf(binds);
    }

    /** Probes the host (unless the configuration asks for no sandbox) and plans the session. */
    public static SandboxSession prepare(LoadedConfig config, PrintStream err, boolean debug) {
        return prepare(config, HostProbe::probe, err, debug);
    }

    /** Plans the session on the host {@code host} describes (asked only when a sandbox is wanted). */
    public static SandboxSession prepare(LoadedConfig config, Supplier<HostCapabilities> host, PrintStream err,
            boolean debug) {
        return new SandboxSession(config, SandboxPlanner.plan(config, host), err, debug,
                UUID.randomUUID().toString(), NetworkDecisionListener.none(), List.of(), NetworkApprovers.standalone(),
                List.of());
    }

    /** The same session, its proxies' events attributed to {@code sessionId} and sent to {@code listener}. */
    public SandboxSession recordingNetworkTo(String sessionId, NetworkDecisionListener listener) {
        return new SandboxSession(config, plan, err, debug, sessionId, listener, networkRules, approvers, binds);
    }

    /** The same session, asking {@code chosen} about hosts on neither list. */
    public SandboxSession withNetworkApprovers(NetworkApprovers chosen) {
        return new SandboxSession(config, plan, err, debug, sessionId, network, networkRules, chosen, binds);
    }

    /** The same session, its proxies also applying the rules files' {@code network_rule(...)} entries. */
    public SandboxSession withNetworkRules(List<NetworkRule> rules) {
        return new SandboxSession(config, plan, err, debug, sessionId, network, rules, approvers, binds);
    }

    /**
     * The same session, showing {@code more} read-only in every sandbox it starts (bubblewrap only: the Landlock
     * backend refuses them; an unconfined command sees the host's paths and needs none).
     */
    public SandboxSession withReadOnlyBinds(List<ReadOnlyBind> more) {
        List<ReadOnlyBind> all = new java.util.ArrayList<>(binds);
        all.addAll(more);
        return new SandboxSession(config, plan, err, debug, sessionId, network, networkRules, approvers, all);
    }

    /**
     * Where a directory bound into this session's sandboxes can appear as {@code name}: directly beneath the private
     * {@code /run} when no granted root reaches into it, else beneath the private {@code /tmp} (the same choice as the
     * proxy's socket). Directly beneath a mount point, so the bound directory is a mount point itself and cannot be
     * renamed away ({@link ReadOnlyBind}).
     *
     * @throws SessionRefused when granted roots cover both places
     */
    public Path privateMountPoint(String name) throws SessionRefused {
        SandboxPolicy policy = ConfiguredPolicy.of(config.effective(), configuredNetwork());
        try {
            Path proxySocket = ProxyForwarder.socketInside(policy, java.nio.file.Files.isDirectory(Path.of("/run")));
            return (proxySocket.startsWith("/run") ? Path.of("/run") : Path.of("/tmp")).resolve(name);
        } catch (SandboxException e) {
            throw new SessionRefused("the roots granted under /run and /tmp leave no private place to bind " + name
                    + " into the sandbox; grant directories below them instead", e);
        }
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

    /**
     * Whether {@link #startHandedOff} can start this session's commands: confined by bubblewrap, with no warning to
     * give, and a network that needs nothing in this process (off or full: a proxied command's proxy and bridge live
     * in the process that starts it).
     */
    public boolean handsOff() {
        return plan instanceof SandboxPlan.Confined confined && confined.backend() instanceof BwrapBackend
                && configuredNetwork() != NetworkMode.PROXIED && !debug;
    }

    /**
     * Starts {@code argv} in the sandbox this session plans, through {@code handOff} instead of this process's own
     * spawn: the daemon's {@code warden exec} client runs it on its own stdin, stdout and stderr. Everything else —
     * the policy, the environment, the teardown — is what {@link #start} does.
     *
     * @throws IllegalStateException when {@link #handsOff()} is false
     * @throws SessionRefused        when the sandbox cannot be started; the message says why
     */
    public RunningCommand startHandedOff(List<String> argv, Path cwd, Map<String, String> environment,
            BwrapBackend.HandOff handOff) throws SessionRefused {
        if (!handsOff()) {
            throw new IllegalStateException("this session's commands cannot be handed off: " + plan);
        }
        BwrapBackend backend = (BwrapBackend) ((SandboxPlan.Confined) plan).backend();
        SandboxPolicy policy = confinedPolicy(cwd, configuredNetwork());
        try {
            SandboxedProcess process = backend.launchHandedOff(policy, new SandboxCommand(argv, cwd, environment), handOff);
            process.warnings().forEach(warning -> err.println("warden: " + warning));
            return RunningCommand.sandboxed(process, null);
        } catch (SandboxException e) {
            throw new SessionRefused("cannot start the sandbox: " + e.getMessage(), e);
        }
    }

    private SandboxPolicy confinedPolicy(Path cwd, NetworkMode network) throws SessionRefused {
        SandboxPolicy policy = ConfiguredPolicy.of(config.effective(), network).withReadOnlyBinds(binds);
        var hidden = ConfiguredPolicy.unreachableWorkingDirectory(policy, cwd);
        if (hidden.isPresent()) {
            throw new SessionRefused("refusing to run: " + hidden.get());
        }
        return policy;
    }

    private RunningCommand sandboxed(dev.warden.sandbox.SandboxBackend backend, List<String> argv, Path cwd,
            Map<String, String> environment, NetworkMode network, Stdio stdio) throws SessionRefused {
        SandboxPolicy policy = confinedPolicy(cwd, network);
        ProxiedNetwork proxied = null;
        Map<String, String> env = environment;
        if (network == NetworkMode.PROXIED) {
            proxied = startProxy(argv, stdio);
            policy = policy.withProxy(proxied.endpoint());
            env = new HashMap<>(environment);
            env.putAll(proxied.environment());
        }
        try {
            SandboxedProcess process = backend.launch(policy, new SandboxCommand(argv, cwd, env), stdio);
            process.warnings().forEach(warning -> err.println("warden: " + warning));
            return RunningCommand.sandboxed(process, proxied);
        } catch (SandboxException e) {
            closeQuietly(proxied);
            throw new SessionRefused("cannot start the sandbox: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            closeQuietly(proxied);
            throw e;
        }
    }

    private static void closeQuietly(ProxiedNetwork proxied) {
        if (proxied != null) {
            proxied.close();
        }
    }

    /**
     * The command's own proxy. Hosts on neither list go to {@link NetworkApprovers}: the one for a command
     * sharing the terminal, or the one for an agent on a pass-through pty, which {@code warden run} gives a
     * router whose prompt borrows the terminal from the pass-through.
     */
    private ProxiedNetwork startProxy(List<String> argv, Stdio stdio) throws SessionRefused {
        Map<String, InetAddress> hosts = TestHosts.parse(System.getenv());
        TestHosts.warning(hosts).ifPresent(w -> err.println("warden: warning: " + w));
        NetworkPolicy policy;
        try {
            NetworkRules.Applied applied = NetworkRules.apply(config.effective().network(), networkRules);
            applied.warnings().forEach(w -> err.println("warden: warning: " + w));
            policy = applied.policy();
        } catch (InvalidHostException e) {
            throw new SessionRefused("a network_rule cannot be applied: " + e.getMessage() + "; fix the rules file");
        }
        NetworkApprover approver = stdio.isTerminal() ? approvers.agentOwnsTerminal() : approvers.sharedTerminal();
        try {
            return ProxiedNetwork.start(policy, sessionId, argv, approver, network, TestHosts.resolver(hosts));
        } catch (java.io.IOException e) {
            throw new SessionRefused("cannot start the egress proxy for network = proxied: " + e.getMessage()
                    + "; the command was not started", e);
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
