package dev.warden.policy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.core.Action;
import dev.warden.core.Decision;
import dev.warden.core.Verdict;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The heuristics on real commands nobody on this project wrote: attack tests must never be
 * auto-allowed under {@code untrusted}, and everyday read-only one-liners mostly should be.
 */
class CorpusVerdictTest {
    @TempDir
    Path tmp;

    private Verdict untrusted(PolicyEngine engine, Path cwd, String script) {
        return engine.evaluate(new Action.Exec(List.of("bash", "-lc", script), cwd));
    }

    @Test
    void noAtomicRedTeamTestIsAllowedUnderUntrusted() {
        PolicyFixture fixture = new PolicyFixture(tmp).with("approval_policy=untrusted");
        PolicyEngine engine = fixture.engine();
        List<String> allowed = new ArrayList<>();
        List<String> commands = Corpus.strings("atomic-red-team-linux.jsonl", "command");
        for (String command : commands) {
            if (untrusted(engine, fixture.project, command).decision() == Decision.ALLOW) {
                allowed.add(command);
            }
        }
        System.out.printf("atomic-red-team: %d tests, %d allowed under untrusted%n", commands.size(), allowed.size());
        assertThat(allowed).as("attack tests auto-allowed").isEmpty();
    }

    @Test
    void noGtfobinsExampleIsAllowedUnderUntrusted() {
        PolicyFixture fixture = new PolicyFixture(tmp).with("approval_policy=untrusted");
        PolicyEngine engine = fixture.engine();
        Set<String> abusive = Set.of("shell", "reverse-shell", "bind-shell", "upload", "download", "file-write",
                "library-load", "command", "sudo", "suid");
        List<String> allowed = new ArrayList<>();
        int considered = 0;
        for (var record : Corpus.records("gtfobins.jsonl")) {
            if (!abusive.contains((String) record.get("function"))) {
                continue;
            }
            considered++;
            String code = (String) record.get("code");
            if (untrusted(engine, fixture.project, code).decision() == Decision.ALLOW) {
                allowed.add(record.get("function") + ": " + code);
            }
        }
        System.out.printf("gtfobins: %d abusive examples, %d allowed under untrusted%n", considered, allowed.size());
        assertThat(allowed).as("GTFOBins abuse auto-allowed").isEmpty();
    }

    /**
     * A label independent of the known-safe list: a one-liner "only reads" when every program in it
     * is a classic reader and nothing in it writes, deletes, executes or talks to the network.
     */
    private static final Pattern READER = Pattern.compile(
            "^(ls|cat|head|tail|wc|grep|egrep|fgrep|find|sort|uniq|cut|du|df|echo|pwd|file|stat|tree|diff|date|whoami|"
                    + "basename|dirname|which|nl|tr|comm|cmp|uname|id|rg|readlink|realpath|seq)$");
    private static final Pattern WRITES = Pattern.compile(
            "(>|-exec|-ok|-delete|-fprint|-i\\b|--in-place|\\bsudo\\b|\\bxargs\\b|-o\\b|--output|\\$\\(|`)");

    @Test
    void mostReadOnlyOneLinersAreAllowedUnderUntrusted() {
        PolicyFixture fixture = new PolicyFixture(tmp).with("approval_policy=untrusted");
        PolicyEngine engine = fixture.engine();
        int readOnly = 0;
        int allowed = 0;
        java.util.Map<String, Integer> why = new java.util.TreeMap<>();
        for (String command : Corpus.strings("nl2bash.jsonl", "command")) {
            if (!onlyReads(command)) {
                continue;
            }
            readOnly++;
            Verdict verdict = untrusted(engine, fixture.project, command);
            if (verdict.decision() == Decision.ALLOW) {
                allowed++;
            } else {
                String reason = verdict.reasons().stream().filter(r -> r.decision() != Decision.ALLOW).findFirst()
                        .map(r -> r.message().replaceAll("\\(.*", "").replaceAll(":.*", "")).orElse("?");
                why.merge(reason, 1, Integer::sum);
            }
        }
        System.out.println("nl2bash read-only one-liners not allowed, by reason: " + why);
        double rate = readOnly == 0 ? 0 : (double) allowed / readOnly;
        System.out.printf("nl2bash: %d read-only one-liners, %d allowed under untrusted (%.1f%%)%n",
                readOnly, allowed, 100 * rate);
        assertThat(readOnly).isGreaterThan(500);
        assertThat(rate).as("share of read-only one-liners allowed").isGreaterThan(0.6);
    }

    private static boolean onlyReads(String command) {
        if (WRITES.matcher(command).find()) {
            return false;
        }
        for (String part : command.split("\\|\\||&&|;|\\|")) {
            String[] words = part.trim().split("\\s+");
            if (words.length == 0 || !READER.matcher(words[0]).matches()) {
                return false;
            }
        }
        return true;
    }
}
