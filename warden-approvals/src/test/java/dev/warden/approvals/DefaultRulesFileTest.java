package dev.warden.approvals;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.warden.core.Decision;
import dev.warden.policy.rules.RuleSet;
import dev.warden.policy.rules.RulesFileParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** "Always" rules: loaded by the next policy, written whole or not at all, and never lost to a concurrent writer. */
class DefaultRulesFileTest {
    @TempDir
    Path temp;

    @Test
    void aWrittenRuleIsLoadedByThePolicyLoaderAndAllowsTheCommand() throws Exception {
        Machine m = new Machine(temp);
        assertThat(m.engine("approval_policy=untrusted").evaluate(m.exec("make", "lint")).decision())
                .isEqualTo(Decision.ASK);
        DefaultRulesFile.in(m.wardenHome).appendPrefixRule(List.of("make", "lint"), "approved by alice on 2026-11-21");
        var verdict = m.engine("approval_policy=untrusted").evaluate(m.exec("make", "lint", "--fix"));
        assertThat(verdict.decision()).isEqualTo(Decision.ALLOW);
        assertThat(verdict.reasons().getFirst().justification()).contains("approved by alice on 2026-11-21");
        assertThat(m.engine("approval_policy=untrusted").evaluate(m.exec("make", "deploy")).decision())
                .isEqualTo(Decision.ASK);
    }

    @Test
    void wordsWithQuotesBackslashesAndControlCharactersReadBackAsTheSameWords() throws Exception {
        DefaultRulesFile file = DefaultRulesFile.in(temp);
        List<String> prefix = List.of("printf", "a \"b\" \\c", "tab\there", "bell\u0007", "new\nline", "ünï");
        file.appendPrefixRule(prefix, "approved by \"bob\" on 2026-11-21");
        RuleSet rules = RulesFileParser.parse(Files.readString(file.file()), "default.rules", "user");
        assertThat(rules.prefixRules()).singleElement().satisfies(rule -> {
            assertThat(rule.matches(prefix)).isTrue();
            assertThat(rule.justification()).isEqualTo("approved by \"bob\" on 2026-11-21");
        });
    }

    @Test
    void theSameRuleTwiceIsWrittenOnceAndNetworkRulesNameTheHost() throws Exception {
        DefaultRulesFile file = DefaultRulesFile.in(temp);
        file.appendPrefixRule(List.of("npm", "test"), "approved by a on d");
        file.appendPrefixRule(List.of("npm", "test"), "approved by a on d");
        file.appendNetworkRule("registry.npmjs.org", "https", "approved by a on d");
        file.appendNetworkRule("registry.npmjs.org", "https", "approved by a on d");
        RuleSet rules = RulesFileParser.parse(Files.readString(file.file()), "default.rules", "user");
        assertThat(rules.prefixRules()).hasSize(1);
        assertThat(rules.networkRules()).singleElement()
                .satisfies(r -> assertThat(r.describe()).isEqualTo("network_rule(\"registry.npmjs.org\", \"https\")"));
    }

    @Test
    void aBrokenFileIsLeftAsItIsAndReported() throws Exception {
        DefaultRulesFile file = DefaultRulesFile.in(temp);
        Files.createDirectories(file.file().getParent());
        String broken = "prefix_rule(pattern=[\"ls\"], decision=\"allow\", justification=\"x\")\nbogus = 1\n";
        Files.writeString(file.file(), broken);
        assertThatThrownBy(() -> file.appendPrefixRule(List.of("npm", "test"), "approved"))
                .isInstanceOf(IOException.class).hasMessageContaining(file.file() + ":2")
                .hasMessageContaining("left unchanged");
        assertThat(file.file()).hasContent(broken);
        try (var files = Files.list(file.file().getParent())) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("default.rules",
                    "default.rules.lock");
        }
    }

    @Test
    void concurrentWritersInOneProcessLoseNothing() throws Exception {
        DefaultRulesFile file = DefaultRulesFile.in(temp);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<String>> writes = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                List<String> prefix = List.of("tool" + i, "run");
                writes.add(pool.submit(() -> new DefaultRulesFile(file.file()).appendPrefixRule(prefix, "approved")));
            }
            for (Future<String> write : writes) {
                write.get(30, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        RuleSet rules = RulesFileParser.parse(Files.readString(file.file()), "default.rules", "user");
        assertThat(rules.prefixRules()).hasSize(40);
    }

    @Test
    void concurrentWritersInTwoProcessesLoseNothing() throws Exception {
        Path rules = temp.resolve("rules/default.rules");
        String java = ProcessHandle.current().info().command().orElse("java");
        List<Process> writers = new ArrayList<>();
        for (String name : List.of("alpha", "beta")) {
            writers.add(new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                    RulesWriterProcess.class.getName(), rules.toString(), name, "25").inheritIO().start());
        }
        for (Process writer : writers) {
            assertThat(writer.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(writer.exitValue()).isZero();
        }
        RuleSet parsed = RulesFileParser.parse(Files.readString(rules), "default.rules", "user");
        assertThat(parsed.prefixRules()).hasSize(50);
    }
}
