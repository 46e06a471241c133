package dev.warden.cli.line;

import java.util.ArrayList;
import java.util.List;

/** A small command tree shaped like warden's, for the parser and help tests; records which specs were built. */
final class SampleCommands {
    final List<String> built = new ArrayList<>();

    CommandSpec root() {
        built.add("tool");
        return CommandSpec.named("tool")
                .description("A sample tool.")
                .option(OptionSpec.value("NAME", "Apply a profile.", "--profile").inherited())
                .option(OptionSpec.value("KEY=VALUE", "Override a key (repeatable).", "-c").repeatable().inherited())
                .option(OptionSpec.value("DIR", "Act as if started in DIR.", "--cwd").as(ValueType.PATH).inherited())
                .option(OptionSpec.flag("Show stack traces.", "--debug").inherited())
                .subcommands(this::subcommand, "exec", "trust", "audit")
                .footer("", "Exit codes:", "  2   usage error")
                .version(() -> "tool 1.0")
                .runs(line -> {
                    throw line.usageError("missing a command");
                });
    }

    private CommandSpec subcommand(String name) {
        built.add(name);
        return switch (name) {
            case "exec" -> CommandSpec.named("exec")
                    .description("Run one command.", "Second line of the description.")
                    .positional(Positional.oneOrMore("CMD", "The command and its arguments, after --."))
                    .stopAtPositional()
                    .footer("", "Examples:", "  tool exec -- make test")
                    .runs(line -> 0);
            case "trust" -> CommandSpec.named("trust")
                    .description("Trust a directory.")
                    .positional(Positional.optional("DIR", "A directory inside the project."))
                    .runs(line -> 0);
            case "audit" -> CommandSpec.named("audit")
                    .description("Read the audit trail.")
                    .option(OptionSpec.value("FILE", "The store to read.", "--path").as(ValueType.PATH).inherited())
                    .subcommands(this::auditSubcommand, "tail", "query")
                    .runs(line -> 0);
            default -> throw new IllegalArgumentException(name);
        };
    }

    private CommandSpec auditSubcommand(String name) {
        built.add("audit " + name);
        return switch (name) {
            case "tail" -> CommandSpec.named("tail")
                    .description("Print the newest events.")
                    .option(OptionSpec.value("N", "How many events to print first (default 20).", "-n", "--lines")
                            .as(ValueType.INT))
                    .option(OptionSpec.flag("Keep printing new events.", "-f", "--follow"))
                    .option(OptionSpec.value("MS", "How often -f looks for new events.", "--interval")
                            .as(ValueType.LONG))
                    .option(OptionSpec.value("TYPE", "Only these event types.", "--type").splitAt(","))
                    .exclusive(OptionSpec.flag("A JSON array.", "--json"),
                            OptionSpec.flag("One event per line.", "--jsonl"))
                    .runs(line -> 0);
            case "query" -> CommandSpec.named("query")
                    .description("Print the matching events.")
                    .option(OptionSpec.value("N", "At most N events.", "--limit").as(ValueType.LONG))
                    .runs(line -> 0);
            default -> throw new IllegalArgumentException(name);
        };
    }
}
