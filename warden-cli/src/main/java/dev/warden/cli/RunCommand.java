package dev.warden.cli;

import dev.warden.agents.session.SandboxSession;
import dev.warden.agents.session.SessionRefused;
import dev.warden.agents.session.TerminalPassThrough;
import dev.warden.core.Action;
import dev.warden.policy.LoadedPolicy;
import dev.warden.policy.PolicyEngine;
import dev.warden.sandbox.NetworkMode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code warden run [--setup CMD] -- AGENT ARGS...}: a whole agent, for its whole life, in the sandbox. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = {
            "Run an agent (or a shell) for its whole life in the sandbox.",
            "The agent command is judged by the policy like `warden exec` (a needed approval is asked on the",
            "terminal, see `warden exec --help`); what the agent then runs is contained",
            "by the sandbox (every process it starts lives and dies inside it). On a terminal the agent gets a",
            "pseudo-terminal of its own (its UI, ^C, job control and window resizes work); otherwise it uses",
            "Warden's stdin/stdout/stderr. Exits with the agent's status."},
        footer = {"", "Examples:",
            "  warden run -- claude",
            "  warden run --setup 'npm ci' -- codex",
            "  warden run --profile safe-workspace -- bash"})
final class RunCommand implements Callable<Integer> {
    @ParentCommand
    WardenCommand root;

    @Option(names = "--setup", paramLabel = "CMD",
            description = "Run CMD first (with bash -lc) in the same sandbox but with the network on, e.g. to install"
                    + " dependencies; the agent starts only if it succeeds, with the network as configured.")
    String setup;

    @Parameters(arity = "1..*", paramLabel = "AGENT", description = "The agent command and its arguments, after --.")
    List<String> argv;

    @Override
    public Integer call() throws InterruptedException, IOException {
        LoadedPolicy loaded = root.loadPolicy();
        Path cwd = root.workingDirectory();
        Map<String, String> environment = loaded.config().effective().shellEnvironment().apply(System.getenv());
        PolicyEngine engine = new PolicyEngine(loaded.policy());
        List<String> setupArgv = setup == null ? List.of() : List.of("bash", "-lc", setup);
        try (AuditTrail audit = AuditTrail.start(root, loaded, "run", argv, cwd)) {
            var approvals = new LazyRouter(loaded, root.paths, audit);
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
            SandboxSession session = SandboxSession.prepare(loaded.config(), System.err, root.debug)
                    .recordingNetworkTo(audit.sessionId(), audit::network)
                    .withNetworkRules(loaded.policy().rules().networkRules())
                    .withNetworkApprovers(NetworkAsks.approvers(loaded, root.paths, audit, approvals));
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
                int status = TerminalPassThrough.available()
                        ? TerminalPassThrough.run(session, argv, cwd, environment, session.configuredNetwork())
                        : session.runInForeground(argv, cwd, environment, session.configuredNetwork());
                audit.finished(status);
                return status;
            } catch (SessionRefused e) {
                System.err.println("warden: " + e.getMessage());
                return ExitCodes.REFUSED;
            }
        }
    }
}
