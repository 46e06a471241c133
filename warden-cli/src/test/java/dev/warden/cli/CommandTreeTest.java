package dev.warden.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.cli.line.ArgumentParser;
import dev.warden.cli.line.CommandSpec;
import dev.warden.cli.line.OptionSpec;
import dev.warden.cli.line.Parsed;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Warden's real command tree: every command builds, documents itself, and fails usage the documented way. */
class CommandTreeTest {

    /** Every command path below the root, found by walking the specs (which builds each one). */
    static List<List<String>> commandPaths() {
        List<List<String>> out = new ArrayList<>();
        walk(WardenCommand.spec(), List.of(), out);
        return out;
    }

    private static void walk(CommandSpec spec, List<String> path, List<List<String>> out) {
        out.add(path);
        for (String name : spec.subcommands()) {
            List<String> child = new ArrayList<>(path);
            child.add(name);
            walk(ArgumentParser.parse(WardenCommand.spec(), withHelp(child)) instanceof Parsed.Help help
                    ? help.chain().getLast() : null, child, out);
        }
    }

    private static List<String> withHelp(List<String> path) {
        List<String> args = new ArrayList<>(path);
        args.add("--help");
        return args;
    }

    @Test
    void everyCommandHasHelpThatNamesAllItsOptions() {
        List<List<String>> paths = commandPaths();
        assertThat(paths).hasSize(27); // the root and 26 commands below it
        for (List<String> path : paths) {
            Parsed.Help help = (Parsed.Help) ArgumentParser.parse(WardenCommand.spec(), withHelp(path));
            String text = help.text();
            String name = path.isEmpty() ? "warden" : "warden " + String.join(" ", path);
            assertThat(text).as(path.toString()).startsWith("Usage: " + name + " [-h");
            CommandSpec command = help.chain().getLast();
            assertThat(command.description()).as(path.toString()).isNotEmpty();
            for (OptionSpec option : command.options()) {
                assertThat(text).as(path.toString()).contains(option.key(), option.description().split(" ")[0]);
            }
            for (String global : List.of("--profile=NAME", "-c=KEY=VALUE", "--cwd=DIR", "--debug")) {
                assertThat(text).as(path.toString()).contains(global);
            }
        }
    }

    @Test
    void theRootHelpDocumentsTheCommandsEnvironmentAndExitCodes() {
        Result r = run("--help");
        assertThat(r.exit).isZero();
        assertThat(r.out).contains("check", "config", "trust", "untrust", "WARDEN_HOME", "WARDEN_SYSTEM_DIR",
                "2   usage or configuration error", "70  internal error");
    }

    @Test
    void versionNamesWardenAndTheRuntime() {
        Result r = run("--version");
        assertThat(r.exit).isZero();
        assertThat(r.out).startsWith("warden ").contains("Java " + Runtime.version().feature());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "''                           | missing a command                                 | warden",
        "check --bogus -- ls          | unknown option '--bogus'                          | warden check",
        "check                        | missing ARGV: the command and its arguments, after -- | warden check",
        "exce -- true                 | unknown command 'exce'; did you mean 'exec'?      | warden",
        "--profile                    | missing a value for --profile (NAME)              | warden",
        "audit query --json --jsonl   | --json and --jsonl cannot be used together; give one of them | warden audit query",
        "install claude-code --project --user | --project and --user cannot be used together; give one of them | warden install claude-code",
        "audit tail -n many           | invalid value for --lines: 'many' is not a whole number | warden audit tail",
        "hook                         | missing the agent, e.g. `warden hook claude-code` | warden hook",
        "trust a b                    | unexpected argument 'b'                           | warden trust",
        "daemon --idle-exit -5        | --idle-exit: seconds must be 0 (never) or more, not -5 | warden daemon",
        "daemon start --idle-exit -5  | --idle-exit: seconds must be 0 (never) or more, not -5 | warden daemon start",
        "daemon start --idle-exit soon | invalid value for --idle-exit: 'soon' is not a whole number | warden daemon start",
    })
    void usageErrorsAreOneLinePlusAPointerToHelpAndExitTwo(String args, String message, String command) {
        Result r = run(args.isBlank() ? new String[0] : args.strip().split(" +"));
        assertThat(r.exit).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err).isEqualTo("warden: " + message + "\nsee '" + command + " --help'\n");
        assertThat(r.out).isEmpty();
    }

    @Test
    void aMistakeTheCommandFindsIsOneLineWithoutThePointer() {
        Result r = run("audit");
        assertThat(r.exit).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err).isEqualTo("warden: missing a subcommand; see 'warden audit --help'\n");
    }

    private record Result(int exit, String out, String err) {}

    private static Result run(String... args) {
        PrintStream realOut = System.out;
        PrintStream realErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            int exit = Main.run(args);
            return new Result(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(realOut);
            System.setErr(realErr);
        }
    }
}
