package dev.warden.cli;

import dev.warden.cli.line.CommandSpec;
import dev.warden.cli.line.OptionSpec;
import dev.warden.cli.line.ParsedLine;
import dev.warden.cli.line.Positional;
import dev.warden.core.Action;
import dev.warden.core.Verdict;
import dev.warden.core.json.Json;
import dev.warden.policy.LoadedPolicy;
import dev.warden.policy.PolicyEngine;
import java.io.PrintStream;
import java.util.List;
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
        LoadedPolicy loaded = root.loadPolicy();
        Action action = new Action.Exec(argv, root.workingDirectory());
        Verdict verdict = new PolicyEngine(loaded.policy()).evaluate(action);
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
}
