package dev.warden.cli.line;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class ArgumentParserTest {
    private final SampleCommands sample = new SampleCommands();

    private Parsed parse(String... args) {
        return ArgumentParser.parse(sample.root(), List.of(args));
    }

    private ParsedLine line(String... args) {
        Parsed parsed = parse(args);
        assertThat(parsed).as(String.join(" ", args)).isInstanceOf(Parsed.Run.class);
        return ((Parsed.Run) parsed).line();
    }

    private UsageError error(String... args) {
        try {
            parse(args);
        } catch (UsageError e) {
            return e;
        }
        throw new AssertionError("no usage error for " + List.of(args));
    }

    static Stream<Arguments> valueForms() {
        return Stream.of(
                Arguments.of(List.of("--profile", "safe", "trust")),
                Arguments.of(List.of("--profile=safe", "trust")),
                Arguments.of(List.of("trust", "--profile", "safe")),
                Arguments.of(List.of("trust", "--profile=safe")));
    }

    @ParameterizedTest
    @MethodSource("valueForms")
    void aValueIsTakenSeparateOrAfterAnEqualsSign(List<String> args) {
        ParsedLine line = line(args.toArray(String[]::new));
        assertThat(line.text("--profile")).contains("safe");
        assertThat(line.commandPath()).isEqualTo("tool trust");
    }

    @ParameterizedTest
    @ValueSource(strings = {"-c k=v", "-ck=v", "-c=k=v", "exec -c k=v -- x", "exec -ck=v x"})
    void aShortOptionTakesItsValueAttachedOrNext(String args) {
        ParsedLine line = line(args.startsWith("exec") ? args.split(" ") : (args + " trust").split(" "));
        assertThat(line.texts("-c")).containsExactly("k=v");
    }

    @Test
    void repeatableOptionsKeepEveryValueInOrderOnEitherSideOfTheSubcommand() {
        ParsedLine line = line("-c", "a=1", "exec", "-c", "b=2", "-c=c=3", "--", "true");
        assertThat(line.texts("-c")).containsExactly("a=1", "b=2", "c=3");
    }

    @Test
    void globalOptionsGoAnywhereBeforeAndAfterTheSubcommandsInAnyOrder() {
        Random random = new Random(20260321);
        List<List<String>> globals = List.of(List.of("--profile", "p"), List.of("-c", "k=v"), List.of("--cwd", "/tmp"),
                List.of("--debug"));
        for (int round = 0; round < 200; round++) {
            List<List<String>> shuffled = new ArrayList<>(globals);
            Collections.shuffle(shuffled, random);
            List<String> args = new ArrayList<>();
            int audit = random.nextInt(shuffled.size() + 1);
            int tail = audit + random.nextInt(shuffled.size() + 1 - audit);
            for (int i = 0; i <= shuffled.size(); i++) {
                if (i == audit) {
                    args.add("audit");
                }
                if (i == tail) {
                    args.add("tail");
                }
                if (i < shuffled.size()) {
                    args.addAll(shuffled.get(i));
                }
            }
            ParsedLine line = line(args.toArray(String[]::new));
            assertThat(line.commandPath()).as(args.toString()).isEqualTo("tool audit tail");
            assertThat(line.text("--profile")).contains("p");
            assertThat(line.texts("-c")).containsExactly("k=v");
            assertThat(line.path("--cwd")).contains(Path.of("/tmp"));
            assertThat(line.flag("--debug")).isTrue();
        }
    }

    @Test
    void anOptionInheritedFromAMiddleCommandWorksBelowItButNotAboveIt() {
        assertThat(line("audit", "query", "--path", "a.db").path("--path")).contains(Path.of("a.db"));
        assertThat(line("audit", "--path", "a.db", "query").path("--path")).contains(Path.of("a.db"));
        assertThat(error("--path", "a.db", "audit", "query").getMessage()).isEqualTo("unknown option '--path'");
    }

    @Test
    void doubleDashEndsTheOptions() {
        assertThat(line("exec", "--", "--profile", "x", "--", "-h").positionals())
                .containsExactly("--profile", "x", "--", "-h");
        assertThat(line("trust", "--", "--debug").positional()).contains("--debug");
    }

    @Test
    void everythingFromTheFirstPositionalOnBelongsToTheCommandItRuns() {
        ParsedLine line = line("--debug", "exec", "--profile", "p", "make", "-j4", "--profile", "q", "--help");
        assertThat(line.positionals()).containsExactly("make", "-j4", "--profile", "q", "--help");
        assertThat(line.text("--profile")).contains("p");
    }

    @Test
    void optionsStillFollowAPositionalOfACommandThatDoesNotStopThere() {
        ParsedLine line = line("trust", "dir", "--debug");
        assertThat(line.positional()).contains("dir");
        assertThat(line.flag("--debug")).isTrue();
    }

    @Test
    void splitOptionsSplitEveryOccurrence() {
        assertThat(line("audit", "tail", "--type", "a,b", "--type=c").texts("--type")).containsExactly("a", "b", "c");
    }

    @Test
    void shortFlagsClusterAndTheLastMayTakeAValue() {
        ParsedLine separate = line("audit", "tail", "-fn", "5");
        assertThat(separate.flag("--follow")).isTrue();
        assertThat(separate.integer("-n", 20)).isEqualTo(5);
        assertThat(line("audit", "tail", "-fn5").integer("--lines", 20)).isEqualTo(5);
        assertThat(line("audit", "tail").integer("--lines", 20)).isEqualTo(20);
    }

    @Test
    void valuesAreConvertedToTheirTypes() {
        ParsedLine line = line("--cwd", "/work", "audit", "tail", "-n", "-3", "--interval", "9000000000");
        assertThat(line.path("--cwd")).contains(Path.of("/work"));
        assertThat(line.integer("--lines", 0)).isEqualTo(-3);
        assertThat(line.longInteger("--interval", 0)).isEqualTo(9_000_000_000L);
        assertThat(line.flag("--json")).isFalse();
    }

    @Test
    void aValueMayLookLikeAnOptionThatDoesNotExistButNotLikeOneThatDoes() {
        assertThat(line("--profile", "-x", "trust").text("--profile")).contains("-x");
        assertThat(error("--profile", "--debug", "trust").getMessage()).isEqualTo("missing a value for --profile (NAME)");
        assertThat(error("--profile", "--cwd=/", "trust").getMessage()).isEqualTo("missing a value for --profile (NAME)");
        assertThat(error("--profile", "--", "trust").getMessage()).isEqualTo("missing a value for --profile (NAME)");
    }

    static Stream<Arguments> usageErrors() {
        return Stream.of(
                Arguments.of("exec", "missing CMD: the command and its arguments, after --", "tool exec"),
                Arguments.of("exec --bogus -- ls", "unknown option '--bogus'", "tool exec"),
                Arguments.of("exec --debgu -- ls", "unknown option '--debgu'; did you mean '--debug'?", "tool exec"),
                Arguments.of("exce -- ls", "unknown command 'exce'; did you mean 'exec'?", "tool"),
                Arguments.of("frobnicate", "unknown command 'frobnicate'", "tool"),
                Arguments.of("--profile", "missing a value for --profile (NAME)", "tool"),
                Arguments.of("audit tail -n", "missing a value for -n (N)", "tool audit tail"),
                Arguments.of("audit tail -n x", "invalid value for --lines: 'x' is not a whole number", "tool audit tail"),
                Arguments.of("audit tail --interval=5s", "invalid value for --interval: '5s' is not a whole number",
                        "tool audit tail"),
                Arguments.of("audit tail -n 99999999999", "invalid value for --lines: '99999999999' is not a whole number",
                        "tool audit tail"),
                Arguments.of("audit tail --json --jsonl", "--json and --jsonl cannot be used together; give one of them",
                        "tool audit tail"),
                Arguments.of("audit tail --json=yes", "--json takes no value (got 'yes')", "tool audit tail"),
                Arguments.of("audit tail -f -f", "--follow given more than once; give it once", "tool audit tail"),
                Arguments.of("--profile a trust --profile b", "--profile given more than once; give it once", "tool trust"),
                Arguments.of("trust a b", "unexpected argument 'b'", "tool trust"),
                Arguments.of("-- exec", "unexpected argument 'exec'", "tool"),
                Arguments.of("exec -V", "unknown option '-V'", "tool exec"),
                Arguments.of("exec -x", "unknown option '-x'", "tool exec"));
    }

    @ParameterizedTest
    @MethodSource("usageErrors")
    void usageErrorsSayWhatIsWrongAndWhichCommandsHelpToRead(String args, String message, String command) {
        UsageError e = error(args.isEmpty() ? new String[0] : args.split(" "));
        assertThat(e.getMessage()).isEqualTo(message);
        assertThat(e.command()).isEqualTo(command);
    }

    @Test
    void theRootWithoutACommandRunsItsOwnActionWhichAsksForOne() {
        ParsedLine line = line();
        assertThatThrownBy(() -> line.command().action().run(line)).isInstanceOf(UsageError.class)
                .hasMessage("missing a command");
    }

    @ParameterizedTest
    @ValueSource(strings = {"-h", "--help", "--debug -h", "-c k=v --help", "trust -h x", "audit tail -fh",
            "audit tail --bogus-later -h"})
    void helpIsForTheCommandBeingTyped(String args) {
        Parsed parsed;
        try {
            parsed = parse(args.split(" "));
        } catch (UsageError e) {
            // An error before the -h wins, as it came first; one after it is never reached.
            assertThat(args).contains("--bogus-later -h");
            assertThat(e.getMessage()).contains("--bogus-later");
            return;
        }
        assertThat(parsed).isInstanceOf(Parsed.Help.class);
        List<CommandSpec> chain = ((Parsed.Help) parsed).chain();
        String expected = args.startsWith("trust") ? "trust" : args.startsWith("audit") ? "tail" : "tool";
        assertThat(chain.getLast().name()).isEqualTo(expected);
    }

    @Test
    void helpAfterTheCommandsOwnCommandLineBeganIsTheCommandsArgument() {
        assertThat(line("exec", "ls", "-h").positionals()).containsExactly("ls", "-h");
        assertThat(line("exec", "--", "--help").positionals()).containsExactly("--help");
    }

    @Test
    void versionIsOnTheRootOnly() {
        assertThat(parse("--version")).isEqualTo(new Parsed.Version("tool 1.0"));
        assertThat(parse("-V", "anything")).isEqualTo(new Parsed.Version("tool 1.0"));
        assertThat(error("trust", "--version").getMessage()).isEqualTo("unknown option '--version'");
    }

    @Test
    void onlyTheInvokedCommandsSpecIsBuilt() {
        line("exec", "--", "true");
        assertThat(sample.built).containsExactly("tool", "exec");
        sample.built.clear();
        line("audit", "query");
        assertThat(sample.built).containsExactly("tool", "audit", "audit query");
    }

    @Test
    void readingAnOptionTheCommandDoesNotDeclareIsABugNotAnAbsentValue() {
        ParsedLine line = line("trust");
        assertThatThrownBy(() -> line.flag("--jsonl")).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("tool trust does not declare option --jsonl");
    }

    @Test
    void badSpecsAreRefusedWhenBuilt() {
        assertThatThrownBy(() -> CommandSpec.named("x").option(OptionSpec.flag("a", "--json"))
                .option(OptionSpec.flag("b", "--json")).runs(line -> 0)).hasMessageContaining("--json declared twice");
        assertThatThrownBy(() -> CommandSpec.named("x").option(OptionSpec.flag("a", "-h")).runs(line -> 0))
                .hasMessageContaining("-h declared twice");
        assertThatThrownBy(() -> OptionSpec.flag("a", "json")).hasMessageContaining("not an option name");
        assertThatThrownBy(() -> OptionSpec.flag("a", "--Json")).hasMessageContaining("not an option name");
        assertThatThrownBy(() -> OptionSpec.flag("a", "--json").repeatable()).hasMessageContaining("takes no value");
        CommandSpec shadowing = CommandSpec.named("tool")
                .option(OptionSpec.flag("a", "--debug").inherited())
                .subcommands(name -> CommandSpec.named("sub").option(OptionSpec.flag("b", "--debug")).runs(l -> 0), "sub")
                .runs(line -> 0);
        assertThatThrownBy(() -> ArgumentParser.parse(shadowing, List.of("sub")))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("already inherited");
    }

    @Test
    void suggestionsStayCloseToWhatWasTyped() {
        List<String> names = Arrays.asList("check", "config", "exec", "run", "trust", "untrust");
        assertThat(Suggestion.closest("chekc", names)).isEqualTo("check");
        assertThat(Suggestion.closest("untrsut", names)).isEqualTo("untrust");
        assertThat(Suggestion.closest("rn", names)).isNull();
        assertThat(Suggestion.closest("deploy", names)).isNull();
    }
}
