package dev.warden.cli;

import dev.warden.agents.daemon.DaemonClient;
import dev.warden.cli.line.CommandSpec;
import dev.warden.cli.line.OptionSpec;
import dev.warden.cli.line.ParsedLine;
import dev.warden.cli.line.Positional;
import dev.warden.core.Action;
import dev.warden.core.Verdict;
import dev.warden.core.json.Json;
import dev.warden.policy.PolicyEngine;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;

/** {@code warden check -- ARGV...}: what Warden would decide for a command, and why, without running it. */
final class CheckCommand implements Callable<Integer> {
    static CommandSpec spec() {
        return CommandSpec.named("check")
                .description(
                        "Evaluate a command against the effective policy without running it.",
                        "Shell scripts (bash -lc '...') are split into simple commands; each is judged by prefix rules,",
                        "then by the known-safe and dangerous-command heuristics under the approval policy.",
                        "Prints allow, ask or deny with the reasons, and the automatic reviewer's risk assessment",
                        "(low, medium, high or critical in four categories, citing the evidence).")
                .option(OptionSpec.flag("Print {\"decision\", \"reasons\", \"segments\", \"risk\"} as JSON.", "--json"))
                .option(OptionSpec.flag("Print every segment and reason, for people.", "--explain"))
                .positional(Positional.oneOrMore("ARGV", "The command and its arguments, after --."))
                // `warden check make -j4`: everything from the command's name on is the command's, not Warden's.
                .stopAtPositional()
                .footer("", "Examples:",
                        "  warden check -- git status",
                        "  warden check --explain -- bash -lc 'git status && rm -rf ~'",
                        "  warden check --json --profile safe-workspace -- npm test")
                .runs(line -> new CheckCommand(line).call());
    }

    private final WardenCommand root;
    private final boolean json;
    private final boolean explain;
    private final List<String> argv;

    private CheckCommand(ParsedLine line) {
        root = new WardenCommand(line);
        json = line.flag("--json");
        explain = line.flag("--explain");
        argv = line.positionals();
    }

    @Override
    public Integer call() {
        Path cwd = root.workingDirectory();
        Verdict verdict = fromDaemon(cwd).orElseGet(() ->
                new PolicyEngine(root.loadPolicy().policy()).evaluate(new Action.Exec(argv, cwd)));
        PrintStream out = System.out;
        if (json) {
            out.println(Json.write(verdict.toJson()));
        } else if (explain) {
            out.print(VerdictText.explain(verdict));
        } else {
            out.println(VerdictText.summary(verdict));
        }
        return ExitCodes.OK;
    }

    /**
     * A running daemon's verdict, when it holds the same configuration: the project's default layers, so only
     * without {@code -c} and {@code --profile}, under the same system directory. Anything else, or any failure,
     * is decided here with the same files (see docs/DAEMON.md).
     */
    private Optional<Verdict> fromDaemon(Path cwd) {
        if (root.profile != null || !root.overrides.isEmpty()) {
            return Optional.empty();
        }
        return DaemonClient.find(root.paths.home()).flatMap(daemon -> daemon.check(argv, cwd, root.paths.systemDir()));
    }
}
