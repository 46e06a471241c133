package dev.warden.cli;

import dev.warden.agents.PolicySnapshot;
import dev.warden.agents.hook.RunSessions;
import dev.warden.agents.run.ClaudeCodeLaunch;
import dev.warden.agents.run.ClaudeCodeRun;
import dev.warden.agents.session.SandboxSession;
import dev.warden.agents.session.SessionRefused;
import dev.warden.agents.session.SharedTerminal;
import dev.warden.agents.session.TerminalPassThrough;
import dev.warden.cli.line.CommandSpec;
import dev.warden.cli.line.OptionSpec;
import dev.warden.cli.line.ParsedLine;
import dev.warden.cli.line.Positional;
import dev.warden.core.Action;
import dev.warden.policy.LoadedPolicy;
import dev.warden.policy.PolicyEngine;
import dev.warden.sandbox.HostProbeCache;
import dev.warden.sandbox.NetworkMode;
import dev.warden.sandbox.config.SandboxPlan;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code warden run [--setup CMD] -- AGENT ARGS...}: a whole agent, for its whole life, in the sandbox. */
final class RunCommand implements Callable<Integer> {
    static CommandSpec spec() {
        return CommandSpec.named("run")
                .description(
                        "Run an agent (or a shell) for its whole life in the sandbox.",
                        "The agent command is judged by the policy like `warden exec` (a needed approval is asked on the",
                        "terminal, see `warden exec --help`); what the agent then runs is contained",
                        "by the sandbox (every process it starts lives and dies inside it). On a terminal the agent gets a",
                        "pseudo-terminal of its own (its UI, ^C, job control and window resizes work); otherwise it uses",
                        "Warden's stdin/stdout/stderr. Exits with the agent's status.")
                .option(OptionSpec.value("CMD", "Run CMD first (with bash -lc) in the same sandbox but with the network"
                        + " on, e.g. to install dependencies; the agent starts only if it succeeds, with the network as"
                        + " configured.", "--setup"))
                .option(OptionSpec.flag("Start Claude Code without Warden's hooks (it stays in the sandbox, but Warden"
                        + " no longer judges and records each tool call). Needed only where the hooks cannot work: the"
                        + " Landlock backend, or network mode \"off\".", "--no-agent-hooks"))
                .positional(Positional.oneOrMore("AGENT", "The agent command and its arguments, after --."))
                // `warden run claude --resume`: everything from the agent's name on is the agent's, not Warden's.
                .stopAtPositional()
                .footer("", "Examples:",
                        "  warden run -- claude",
                        "  warden run --setup 'npm ci' -- codex",
                        "  warden run --profile safe-workspace -- bash")
                .runs(line -> new RunCommand(line).call());
    }

    private final WardenCommand root;
    private final String setup;
    private final boolean noAgentHooks;
    private final List<String> argv;

    private RunCommand(ParsedLine line) {
        root = new WardenCommand(line);
        setup = line.text("--setup").orElse(null);
        noAgentHooks = line.flag("--no-agent-hooks");
        argv = line.positionals();
    }

    @Override
    public Integer call() throws InterruptedException, IOException {
        LoadedPolicy loaded = root.loadPolicy();
        Path cwd = root.workingDirectory();
        Map<String, String> environment = loaded.config().effective().shellEnvironment().apply(System.getenv());
        PolicyEngine engine = new PolicyEngine(loaded.policy());
        List<String> setupArgv = setup == null ? List.of() : List.of("bash", "-lc", setup);
        try (AuditTrail audit = AuditTrail.start(root, loaded, "run", argv, cwd)) {
            // One terminal for every question of the session: before the agent starts it is opened directly; while
            // the agent runs on a pass-through pty, a question pauses the pass-through and takes the keyboard.
            SharedTerminal terminal = new SharedTerminal(Approvals.TTY);
            var approvals = new LazyRouter(loaded, root.paths, audit, () -> Approvals.terminal(terminal));
            String sessionId = audit.recorder().sessionId();
            if (!setupArgv.isEmpty()) {
                Action setupAction = new Action.Exec(setupArgv, cwd, environment);
                var setupVerdict = engine.evaluate(setupAction);
                audit.decided(setupAction, setupVerdict);
                if (Admission.refuses(setupVerdict, setupAction, "setup", sessionId, approvals, System.err)) {
                    return ExitCodes.REFUSED;
                }
            }
            Action agent = new Action.Exec(argv, cwd, environment);
            var verdict = engine.evaluate(agent);
            audit.decided(agent, verdict);
            if (Admission.refuses(verdict, agent, "", sessionId, approvals, System.err)) {
                return ExitCodes.REFUSED;
            }
            Admission.printWarnings(loaded.config(), System.err);
            SandboxSession session = SandboxSession.prepare(loaded.config(), HostProbeCache.in(root.paths.home()), System.err,
                    root.debug)
                    .recordingNetworkTo(audit.sessionId(), audit::network)
                    .withNetworkRules(loaded.policy().rules().networkRules())
                    .withNetworkApprovers(NetworkAsks.approvers(loaded, approvals, approvals));
            try {
                if (!setupArgv.isEmpty()) {
                    // The setup phase fetches dependencies, so it gets the network; the agent phase does not unless configured.
                    int status = session.runInForeground(setupArgv, cwd, environment, NetworkMode.FULL);
                    if (status != 0) {
                        System.err.println("warden: setup failed with exit status " + status + "; the agent was not started");
                        audit.finished(status);
                        return status;
                    }
                }
                return runAgent(session, new PolicySnapshot(root.paths.home(), loaded, engine), audit, cwd, environment,
                        terminal);
            } catch (SessionRefused e) {
                System.err.println("warden: " + e.getMessage());
                return ExitCodes.REFUSED;
            }
        }
    }

    /**
     * The agent for its whole life. A sandboxed run is registered as a run session ({@code WARDEN_SESSION}), so a
     * {@code warden hook claude-code} that knows it gives sandbox-aware verdicts; Claude Code also gets Warden's hooks
     * on its command line, answered by this process ({@link ClaudeCodeRun}).
     */
    private int runAgent(SandboxSession session, PolicySnapshot snapshot, AuditTrail audit, Path cwd,
            Map<String, String> environment, SharedTerminal terminal) throws SessionRefused, InterruptedException, IOException {
        String sessionId = audit.sessionId();
        RunSessions runSessions = new RunSessions(root.paths.home());
        boolean sandboxed = session.plan() instanceof SandboxPlan.Confined || session.plan() instanceof SandboxPlan.Degraded;
        Map<String, String> env = new HashMap<>(environment);
        if (sandboxed) {
            try {
                runSessions.register(sessionId, ProcessHandle.current().pid());
                env.put(RunSessions.ENVIRONMENT, sessionId);
            } catch (IOException e) {
                // Only costs hooks outside this process their sandbox-aware verdicts (they ask more): say so, go on.
                System.err.println("warden: warning: cannot register the run session in " + root.paths.home()
                        + "/sessions (" + e.getMessage() + "); hooks will treat Claude Code as unsandboxed");
            }
        }
        ClaudeCodeRun claude = !noAgentHooks && ClaudeCodeLaunch.isClaudeCode(argv)
                ? ClaudeCodeRun.prepare(session, snapshot, audit.recorder(), argv, env) : null;
        try {
            SandboxSession agentSession = claude == null ? session : claude.session();
            List<String> agentArgv = claude == null ? argv : claude.argv();
            Map<String, String> agentEnv = claude == null ? env : claude.environment();
            int status = TerminalPassThrough.available()
                    ? TerminalPassThrough.run(agentSession, agentArgv, cwd, agentEnv, session.configuredNetwork(), terminal)
                    : agentSession.runInForeground(agentArgv, cwd, agentEnv, session.configuredNetwork());
            audit.finished(status);
            return status;
        } finally {
            if (claude != null) {
                claude.close();
            }
            if (sandboxed) {
                try {
                    runSessions.unregister(sessionId);
                } catch (IOException e) {
                    // A file whose Warden is gone counts as no session: the leftover is harmless.
                }
            }
        }
    }
}
