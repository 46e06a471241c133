package dev.warden.policy.command;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.policy.Corpus;
import dev.warden.policy.shell.ParsedScript;
import dev.warden.policy.shell.ShellSplitter;
import dev.warden.policy.shell.SimpleCommand;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The raw scan of a complex script skips the commands the engine already found harmless in the same place. That
 * is a saving only: the answer must be what the full scan gives, and a command cleared in one directory must still
 * be judged in another.
 */
class ClearedCommandsTest {
    private static final Path HOME = Path.of("/home/dev");
    private static final Path PROJECT = Path.of("/home/dev/project");
    private static final DangerContext IN_PROJECT = new DangerContext(PROJECT, List.of(PROJECT), HOME);

    @Test
    void skippingClearedCommandsNeverChangesTheAnswerOnTheCorpora() {
        List<String> scripts = Stream.of(
                Corpus.strings("nl2bash.jsonl", "command"),
                Corpus.strings("atomic-red-team-linux.jsonl", "command"),
                Corpus.strings("gtfobins.jsonl", "code")).flatMap(List::stream).toList();
        int complex = 0;
        int withDanger = 0;
        for (String script : scripts) {
            ParsedScript parsed = ShellSplitter.parse(script);
            if (!parsed.isComplex()) {
                continue;
            }
            complex++;
            List<DangerousCommands.Cleared> cleared = new ArrayList<>();
            for (SimpleCommand command : parsed.commands()) {
                if (DangerousCommands.dangerReason(command.words(), IN_PROJECT).isEmpty()) {
                    cleared.add(new DangerousCommands.Cleared(command.words(), IN_PROJECT));
                }
            }
            var full = DangerousCommands.scriptDanger(script, IN_PROJECT);
            withDanger += full.isPresent() ? 1 : 0;
            assertThat(DangerousCommands.scriptDanger(script, IN_PROJECT, cleared)).as(script).isEqualTo(full);
        }
        assertThat(complex).isGreaterThan(4_000);
        assertThat(withDanger).as("complex corpus scripts the raw scan calls dangerous").isGreaterThan(50);
    }

    @Test
    void aCommandClearedInTheProjectIsJudgedAgainElsewhere() {
        String script = "rm -rf build; echo \"$(date)\"";
        var cleared = List.of(new DangerousCommands.Cleared(List.of("rm", "-rf", "build"), IN_PROJECT));
        DangerContext inHome = new DangerContext(HOME, List.of(PROJECT), HOME);

        assertThat(DangerousCommands.scriptDanger(script, IN_PROJECT, cleared)).isEmpty();
        assertThat(DangerousCommands.scriptDanger(script, inHome, cleared)).isPresent();
        // After a cd the scan judges in another directory, so the clearance no longer applies.
        assertThat(DangerousCommands.scriptDanger("cd ..; " + script, IN_PROJECT, cleared)).isPresent();
    }

    @Test
    void onlyTheSameWordsAreSkipped() {
        var cleared = List.of(new DangerousCommands.Cleared(List.of("rm", "-rf", "build"), IN_PROJECT));

        assertThat(DangerousCommands.scriptDanger("rm -rf / $(true)", IN_PROJECT, cleared)).isPresent();
        assertThat(DangerousCommands.scriptDanger("x=$(rm -rf ~)", IN_PROJECT, cleared)).isPresent();
    }
}
