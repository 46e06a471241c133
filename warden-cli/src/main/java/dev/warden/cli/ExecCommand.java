package dev.warden.cli;

import dev.warden.agents.session.SandboxSession;
import dev.warden.agents.session.SessionRefused;
import dev.warden.core.Action;
import dev.warden.policy.LoadedPolicy;
import dev.warden.policy.PolicyEngine;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code warden exec -- CMD ARGS...}: decide, then run one command in the sandbox and exit with its status. */
@Command(name = "exec", mixinStandardHelpOptions = true,
        description = {
            "Run one command in the sandbox, if the policy allows it.",
            "The command is judged like `warden check` does: a denial or a needed approval stops it before",
            "anything runs (approvals are not wired in yet, so `ask` is refused). An allowed command runs in the",
            "sandbox the configuration and this host allow (see `warden doctor`), with the filtered environment",
            "(`warden config explain` lists what is dropped), your stdin/stdout/stderr, and SIGINT, SIGTERM and",
            "SIGHUP forwarded. Exits with the command's status (128+N when signal N ended it)."},
        footer = {"", "Examples:",
            "  warden exec -- make test",
            "  warden exec --profile safe-workspace -- npm test",
            "  warden exec -c sandbox_backend=landlock -- git status"})
final class ExecCommand implements Callable<Integer> {
    @ParentCommand
    WardenCommand root;

    @Parameters(arity = "1..*", paramLabel = "CMD", description = "The command and its arguments, after --.")
    List<String> argv;

    @Override
    public Integer call() throws InterruptedException {
        LoadedPolicy loaded = root.loadPolicy();
        Path cwd = root.workingDirectory();
        Map<String, String> environment = loaded.config().effective().shellEnvironment().apply(System.getenv());
        Action action = new Action.Exec(argv, cwd, environment);
        var verdict = new PolicyEngine(loaded.policy()).evaluate(action);
        try (AuditTrail audit = AuditTrail.start(root, loaded, "exec", argv, cwd)) {
            audit.decided(action, verdict);
            if (Admission.refuses(verdict, "", System.err)) {
                return ExitCodes.REFUSED;
            }
            Admission.printWarnings(loaded.config(), System.err);
            SandboxSession session = SandboxSession.prepare(loaded.config(), System.err, root.debug);
            try {
                int status = session.runInForeground(argv, cwd, environment, session.configuredNetwork());
                audit.finished(status);
                return status;
            } catch (SessionRefused e) {
                System.err.println("warden: " + e.getMessage());
                return ExitCodes.REFUSED;
            }
        }
    }
}
