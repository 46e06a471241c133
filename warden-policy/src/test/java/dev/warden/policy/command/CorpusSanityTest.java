package dev.warden.policy.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.warden.core.json.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Sanity checks over the shared corpora (atomic-red-team, nl2bash): attack commands must not be "known safe"
 * unless they are trivially read-only, known-safe and dangerous never overlap, and the counts are printed so a
 * change in behaviour shows up in the build log.
 */
class CorpusSanityTest {

    /** Programs reviewed as read-only: the only ones allowed to be known safe among attack commands. */
    private static final Set<String> REVIEWED_READ_ONLY = Set.of(
            "echo", "printf", "cat", "ls", "grep", "find", "cd", "test", "[", "whoami", "id", "groups", "hostname", "date",
            "uname", "tail", "head", "wc", "pwd", "true", "false", "stat", "which", "cut", "sort", "uniq", "tr", "df",
            "du", "basename", "dirname", "readlink", "realpath", "file", "diff", "cmp", "seq", "nl", "column", "expr",
            "tree", "base64", "od", "strings", "sha256sum", "md5sum", "rg", "sed", "git", "uptime", "nproc", "arch");

    private static Path data(String name) {
        String shared = System.getProperty("warden.shared.dir");
        Path dir = shared != null ? Path.of(shared, "data") : Path.of("../../shared/data");
        Path file = dir.resolve(name);
        if (!Files.exists(file)) {
            file = Path.of("../../shared/data", name);
        }
        assumeTrue(Files.exists(file), "corpus not found: " + file);
        return file;
    }

    private static List<String> commands(String corpus) throws IOException {
        List<String> commands = new ArrayList<>();
        for (String line : Files.readAllLines(data(corpus))) {
            if (!line.isBlank()) {
                commands.add((String) ((Map<?, ?>) Json.parse(line)).get("command"));
            }
        }
        return commands;
    }

    /** The first simple command of a line, split naively on blanks with surrounding quotes dropped. */
    private static List<String> naiveFirstCommand(String line) {
        int cut = line.length();
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if ("|;&<>`".indexOf(c) >= 0 || (c == '$' && i + 1 < line.length() && line.charAt(i + 1) == '(')) {
                cut = i;
                break;
            }
        }
        List<String> argv = new ArrayList<>();
        for (String word : line.substring(0, cut).strip().split("\\s+")) {
            if (!word.isEmpty()) {
                argv.add(word.replaceAll("^[\"']|[\"']$", ""));
            }
        }
        return argv;
    }

    @Test
    void atomicRedTeamCommandsAreKnownSafeOnlyWhenTriviallyReadOnly() throws IOException {
        List<List<String>> safe = new ArrayList<>();
        int lines = 0;
        for (String command : commands("atomic-red-team-linux.jsonl")) {
            for (String line : command.split("\n")) {
                List<String> argv = naiveFirstCommand(line);
                if (argv.isEmpty()) {
                    continue;
                }
                lines++;
                if (KnownSafeCommands.isKnownSafe(argv)) {
                    safe.add(argv);
                }
            }
        }
        Map<String, Integer> byProgram = new TreeMap<>();
        safe.forEach(argv -> byProgram.merge(argv.getFirst(), 1, Integer::sum));
        System.out.printf("atomic-red-team: %d command lines, %d known safe, by program %s%n", lines, safe.size(), byProgram);
        safe.stream().filter(argv -> !argv.getFirst().equals("echo")).distinct()
                .forEach(argv -> System.out.println("  known safe: " + String.join(" ", argv)));

        assertThat(safe).allSatisfy(argv -> {
            assertThat(REVIEWED_READ_ONLY).as("program of %s", argv).contains(argv.getFirst());
            assertThat(argv).as("secret location in %s", argv).noneMatch(SecretLocations::isSecret);
            assertThat(DangerousCommands.dangerReason(argv, DangerousCommandsTest.AT_ROOT)).as("danger in %s", argv).isEmpty();
        });
    }

    @Test
    void atomicRedTeamDestructiveAndPersistenceScriptsAreFlagged() throws IOException {
        List<String> commands = commands("atomic-red-team-linux.jsonl");
        long flagged = commands.stream().filter(c -> DangerousCommands.scriptDanger(c).isPresent()).count();
        System.out.printf("atomic-red-team: %d of %d scripts have a danger reason%n", flagged, commands.size());
        // A floor, not a target: a regression that blinds the heuristics shows up here.
        assertThat(flagged).isGreaterThanOrEqualTo(70);
    }

    @Test
    void nl2bashSingleCommandsKnownSafeCount() throws IOException {
        int single = 0;
        int safe = 0;
        int safeAndDangerous = 0;
        for (String command : commands("nl2bash.jsonl")) {
            List<String> argv = naiveFirstCommand(command);
            if (command.contains("\n") || argv.isEmpty() || hasOperator(command)) {
                continue;
            }
            single++;
            if (KnownSafeCommands.isKnownSafe(argv)) {
                safe++;
                if (DangerousCommands.dangerReason(argv, DangerousCommandsTest.AT_ROOT).isPresent()) {
                    safeAndDangerous++;
                }
            }
        }
        long flagged = commands("nl2bash.jsonl").stream().filter(c -> DangerousCommands.scriptDanger(c).isPresent()).count();
        System.out.printf("nl2bash: %d single commands, %d known safe; %d scripts with a danger reason%n", single, safe, flagged);
        assertThat(safeAndDangerous).as("known safe and dangerous at once").isZero();
        assertThat(safe).isBetween(single / 3, single - 1);
    }

    private static boolean hasOperator(String command) {
        for (int i = 0; i < command.length(); i++) {
            char c = command.charAt(i);
            if ("|;&<>`".indexOf(c) >= 0 || (c == '$' && i + 1 < command.length() && command.charAt(i + 1) == '(')) {
                return true;
            }
        }
        return false;
    }
}
