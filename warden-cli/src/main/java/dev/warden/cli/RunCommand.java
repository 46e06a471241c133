package dev.warden.cli;

import dev.warden.cli.session.SandboxSession;
import dev.warden.cli.session.SessionRefused;
import dev.warden.cli.session.TerminalPassThrough;
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
            "The agent command is judged by the policy like `warden exec`; what the agent then runs is contained",
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
        if (!setupArgv.isEmpty() && Admission.refuses(engine.evaluate(new Action.Exec(setupArgv, cwd, environment)),
                "setup", System.err)) {
            return ExitCodes.REFUSED;
        }
        if (Admission.refuses(engine.evaluate(new Action.Exec(argv, cwd, environment)), "", System.err)) {
            return ExitCodes.REFUSED;
        }
        Admission.printWarnings(loaded.config(), System.err);
        SandboxSession session = SandboxSession.prepare(loaded.config(), System.err, root.debug);
        try {
            if (!setupArgv.isEmpty()) {
                // The setup phase fetches dependencies, so it gets the network; the agent phase does not unless configured.
                int status = session.runInForeground(setupArgv, cwd, environment, NetworkMode.FULL);
                if (status != 0) {
                    System.err.println("warden: setup failed with exit status " + status + "; the agent was not started");
                    return status;
                }
            }
            if (TerminalPassThrough.available()) {
                return TerminalPassThrough.run(session, argv, cwd, environment, session.configuredNetwork());
            }
            return session.runInForeground(argv, cwd, environment, session.configuredNetwork());
        } catch (SessionRefused e) {
            System.err.println("warden: " + e.getMessage());
            return ExitCodes.REFUSED;
        }
    }
}
