package dev.warden.cli;

import dev.warden.core.Action;
import dev.warden.core.Verdict;
import dev.warden.core.json.Json;
import dev.warden.policy.LoadedPolicy;
import dev.warden.policy.PolicyEngine;
import java.io.PrintStream;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code warden check -- ARGV...}: what Warden would decide for a command, and why, without running it. */
@Command(name = "check", mixinStandardHelpOptions = true,
        description = {
            "Evaluate a command against the effective policy without running it.",
            "Shell scripts (bash -lc '...') are split into simple commands; each is judged by prefix rules,",
            "then by the known-safe and dangerous-command heuristics under the approval policy.",
            "Prints allow, ask or deny with the reasons, and the automatic reviewer's risk assessment",
            "(low, medium, high or critical in four categories, citing the evidence)."},
        footer = {"", "Examples:",
            "  warden check -- git status",
            "  warden check --explain -- bash -lc 'git status && rm -rf ~'",
            "  warden check --json --profile safe-workspace -- npm test"})
final class CheckCommand implements Callable<Integer> {
    @ParentCommand
    WardenCommand root;

    @Option(names = "--json", description = "Print {\"decision\", \"reasons\", \"segments\", \"risk\"} as JSON.")
    boolean json;

    @Option(names = "--explain", description = "Print every segment and reason, for people.")
    boolean explain;

    @Parameters(arity = "1..*", paramLabel = "ARGV", description = "The command and its arguments, after --.")
    List<String> argv;

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
