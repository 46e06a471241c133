package dev.warden.cli.line;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class HelpTextTest {
    private final SampleCommands sample = new SampleCommands();

    private String help(String... args) {
        Parsed parsed = ArgumentParser.parse(sample.root(), List.of(args));
        assertThat(parsed).isInstanceOf(Parsed.Help.class);
        return ((Parsed.Help) parsed).text();
    }

    @Test
    void theRootListsItsOptionsCommandsAndFooter() {
        assertThat(help("--help")).isEqualTo("""
                Usage: tool [-hV] [--debug] [-c=KEY=VALUE]... [--cwd=DIR] [--profile=NAME]
                            [COMMAND]
                A sample tool.

                  -c=KEY=VALUE         Override a key (repeatable).
                      --cwd=DIR        Act as if started in DIR.
                      --debug          Show stack traces.
                  -h, --help           Show this help message and exit.
                      --profile=NAME   Apply a profile.
                  -V, --version        Print version information and exit.

                Commands:
                  exec   Run one command.
                  trust  Trust a directory.
                  audit  Read the audit trail.

                Exit codes:
                  2   usage error
                """);
    }

    @Test
    void aSubcommandShowsTheOptionsItInheritsItsPositionalsAndItsDescriptionAsWritten() {
        assertThat(help("exec", "-h")).isEqualTo("""
                Usage: tool exec [-h] [--debug] [-c=KEY=VALUE]... [--cwd=DIR] [--profile=NAME]
                                 CMD...
                Run one command.
                Second line of the description.

                      CMD...           The command and its arguments, after --.
                  -c=KEY=VALUE         Override a key (repeatable).
                      --cwd=DIR        Act as if started in DIR.
                      --debug          Show stack traces.
                  -h, --help           Show this help message and exit.
                      --profile=NAME   Apply a profile.

                Examples:
                  tool exec -- make test
                """);
    }

    @Test
    void groupsSplitOptionsAndShortNamesAreShownTheWayTheyAreTyped() {
        String text = help("audit", "tail", "--help");
        assertThat(text).startsWith("Usage: tool audit tail [-h] ")
                .contains("[--json | --jsonl]", "[--type=TYPE[,TYPE...]]...", "[--path=FILE]")
                .contains("  -n, --lines=N        How many events to print first (default 20).\n")
                .contains("  -f, --follow         Keep printing new events.\n")
                .contains("      --type=TYPE[,TYPE...]\n                       Only these event types.\n")
                .contains("      --path=FILE      The store to read.\n");
        assertThat(help("trust", "--help")).contains("Usage: tool trust [-h] [--debug] [-c=KEY=VALUE]... [--cwd=DIR]",
                "[DIR]", "      DIR              A directory inside the project.");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "exec", "trust", "audit", "audit tail", "audit query"})
    void generatedLinesFitEightyColumnsAndNeverBreakAGroup(String command) {
        List<String> args = new java.util.ArrayList<>(command.isEmpty() ? List.of() : List.of(command.split(" ")));
        args.add("--help");
        String text = help(args.toArray(String[]::new));
        assertThat(text.lines()).allSatisfy(line -> assertThat(line.length()).isLessThanOrEqualTo(HelpText.WIDTH));
        assertThat(text).doesNotContain("[--json |\n");
    }

    @Test
    void longDescriptionsWrapUnderTheirColumn() {
        CommandSpec spec = CommandSpec.named("x")
                .option(OptionSpec.flag("word ".repeat(30).strip(), "--wordy"))
                .runs(line -> 0);
        String text = HelpText.render(List.of(spec));
        List<String> rows = text.lines().filter(l -> l.startsWith(" ") && l.contains("word")).toList();
        assertThat(rows).hasSizeGreaterThan(1);
        assertThat(rows.getFirst()).startsWith("      --wordy          word word");
        assertThat(rows.subList(1, rows.size())).allSatisfy(l -> assertThat(l).startsWith(" ".repeat(25) + "word"));
    }
}
