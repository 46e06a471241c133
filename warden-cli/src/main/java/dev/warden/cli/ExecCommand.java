package dev.warden.cli;

import dev.warden.agents.session.SandboxSession;
import dev.warden.agents.session.SessionRefused;
import dev.warden.audit.otel.OtelSettings;
import dev.warden.cli.line.CommandSpec;
import dev.warden.cli.line.OptionSpec;
import dev.warden.cli.line.ParsedLine;
import dev.warden.cli.line.Positional;
import dev.warden.core.Action;
import dev.warden.core.Decision;
import dev.warden.policy.LoadedPolicy;
import dev.warden.policy.PolicyEngine;
import dev.warden.sandbox.HostProbeCache;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code warden exec -- CMD ARGS...}: decide, then run one command in the sandbox and exit with its status. */
final class ExecCommand implements Callable<Integer> {
    static CommandSpec spec() {
        return CommandSpec.named("exec")
                .description(
                        "Run one command in the sandbox, if the policy allows it.",
                        "The command is judged like `warden check` does: a denial stops it before anything runs. A needed",
                        "approval goes to the approval router: this session's grants, rules approved always, the automatic",
                        "reviewer (approvals_reviewer = \"auto_review\"), then you, on the terminal (/dev/tty): y once,",
                        "s for this session (a command prefix you can edit), a always (a rule in $WARDEN_HOME/rules/default.rules),",
                        "n deny, q deny and stop. No terminal, no answer within [approvals] timeout_seconds, or any failure is a",
                        "denial. An allowed command runs in the sandbox the configuration and this host allow (see `warden doctor`),",
                        "with the filtered environment (`warden config explain` lists what is dropped), your stdin/stdout/stderr,",
                        "and SIGINT, SIGTERM and SIGHUP forwarded. Exits with the command's status (128+N when signal N ended it).")
                .option(OptionSpec.flag("Decide and sandbox in this process even when `warden daemon` runs, and start"
                        + " no daemon. Without it, the launcher hands `warden exec -- CMD` (no options) to a running"
                        + " daemon of the same build, which decides, records and plans the sandbox in a warm JVM; the"
                        + " command still runs from your shell, on your stdin, stdout and stderr. When none runs, the"
                        + " first such command starts one in the background (it stops after 30 idle minutes;"
                        + " WARDEN_DAEMON_AUTOSTART=0 turns that off; docs/DAEMON.md).", "--no-daemon"))
                .positional(Positional.oneOrMore("CMD", "The command and its arguments, after --."))
                // `warden exec make -j4`: everything from the command's name on is the command's, not Warden's.
                .stopAtPositional()
                .footer("", "Examples:",
                        "  warden exec -- make test",
                        "  warden exec --profile safe-workspace -- npm test",
                        "  warden exec -c sandbox_backend=landlock -- git status")
                .runs(line -> new ExecCommand(line).call());
    }

    private final WardenCommand root;
    private final List<String> argv;
    /** {@code exec -- CMD...} with no option: the form the launcher hands to a daemon, so worth starting one for. */
    private final boolean plainForm;

    private ExecCommand(ParsedLine line) {
        root = new WardenCommand(line);
        argv = line.positionals();
        plainForm = !line.flag("--no-daemon") && root.profile == null && root.overrides.isEmpty() && root.cwd == null
                && !root.debug;
    }

    @Override
    public Integer call() throws InterruptedException {
        LoadedPolicy loaded = root.loadPolicy();
        Path cwd = root.workingDirectory();
        Map<String, String> environment = loaded.config().effective().shellEnvironment().apply(System.getenv());
        Action action = new Action.Exec(argv, cwd, environment);
        var verdict = new PolicyEngine(loaded.policy()).evaluate(action);
        try (AuditTrail audit = AuditTrail.start(root, loaded, "exec", argv, cwd)) {
            audit.decided(action, verdict);
            var approvals = new LazyRouter(loaded, root.paths, audit);
            if (Admission.refuses(verdict, action, "", audit.recorder().sessionId(), approvals, System.err)) {
                return ExitCodes.REFUSED;
            }
            Admission.printWarnings(loaded.config(), System.err);
            SandboxSession session = SandboxSession.prepare(loaded.config(), HostProbeCache.in(root.paths.home()), System.err,
                    root.debug)
                    .recordingNetworkTo(audit.sessionId(), audit::network)
                    .withNetworkRules(loaded.policy().rules().networkRules())
                    .withNetworkApprovers(NetworkAsks.approvers(loaded, root.paths, audit, approvals));
            boolean daemonWouldServe = plainForm && verdict.decision() == Decision.ALLOW && session.handsOff()
                    && !OtelSettings.parse(loaded.config().effective().otel()).enabled();
            try {
                int status = session.runInForeground(argv, cwd, environment, session.configuredNetwork());
                audit.finished(status);
                if (daemonWouldServe) {
                    DaemonAutostart.startQuietly(root.paths.home()); // the next one goes through the daemon's door
                }
                return status;
            } catch (SessionRefused e) {
                System.err.println("warden: " + e.getMessage());
                return ExitCodes.REFUSED;
            }
        }
    }
}
