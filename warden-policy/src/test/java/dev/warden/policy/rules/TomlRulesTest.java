package dev.warden.policy.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.tomlj.Toml;
import org.tomlj.TomlArray;
import org.tomlj.TomlParseResult;

class TomlRulesTest {

    private static TomlArray prefixTables(String toml) {
        TomlParseResult result = Toml.parse(toml);
        assertThat(result.errors()).as("test TOML must be valid").isEmpty();
        TomlArray array = result.getArray("rules.prefix");
        assertThat(array).as("rules.prefix").isNotNull();
        return array;
    }

    private static RuleSet parse(String toml, boolean allowDecisionAllowed) throws RuleLoadException {
        return TomlRules.parse(prefixTables(toml), "config.toml", "project", allowDecisionAllowed);
    }

    @Test
    void tablesBecomeRulesWithOriginsAndVerifiedExamples() throws RuleLoadException {
        RuleSet rules = parse("""
                # project rules
                [[rules.prefix]]
                pattern = ["git", ["push", "fetch"]]
                decision = "prompt"
                justification = "talks to the remote"
                match = ["git push origin main", ["git", "fetch"]]
                not_match = [["git", "status"]]

                [[rules.prefix]]
                pattern = ["rm"]
                decision = "forbidden"
                justification = "use trash-put instead"
                """, true);
        assertThat(rules.prefixRules()).extracting(PrefixRule::describe)
                .containsExactly("prefix_rule([\"git\", [\"push\",\"fetch\"]])", "prefix_rule([\"rm\"])");
        PrefixRule first = rules.prefixRules().getFirst();
        assertThat(first.decision()).isEqualTo(RuleDecision.PROMPT);
        assertThat(first.origin().layer()).isEqualTo("project");
        assertThat(first.origin().file()).isEqualTo("config.toml");
        assertThat(first.origin().line()).isEqualTo(2);
        assertThat(first.matchExamples()).containsExactly(List.of("git", "push", "origin", "main"), List.of("git", "fetch"));
        assertThat(rules.prefixRules().get(1).origin().line()).isEqualTo(9);
        assertThat(rules.matching(List.of("rm", "-rf", "x"))).extracting(PrefixRule::decision).containsExactly(RuleDecision.FORBIDDEN);
    }

    @Test
    void requirementsMayRestrictButNeverAllow() throws RuleLoadException {
        RuleSet rules = parse("""
                [[rules.prefix]]
                pattern = ["curl"]
                decision = "prompt"
                justification = "network access is reviewed"
                """, false);
        assertThat(rules.prefixRules()).hasSize(1);
        assertThatThrownBy(() -> parse("""
                [[rules.prefix]]
                pattern = ["curl"]
                decision = "allow"
                justification = "fine"
                """, false))
                .isInstanceOf(RuleLoadException.class)
                .hasMessageStartingWith("config.toml:3:")
                .hasMessageContaining("requirements may not allow commands");
    }

    static Stream<Arguments> loadErrors() {
        String head = "[[rules.prefix]]\n";
        return Stream.of(
                Arguments.of(head + "decision = \"prompt\"\njustification = \"x\"\n", 1, "needs pattern"),
                Arguments.of(head + "pattern = []\ndecision = \"prompt\"\njustification = \"x\"\n", 2, "pattern is empty"),
                Arguments.of(head + "pattern = \"git\"\ndecision = \"prompt\"\njustification = \"x\"\n", 2, "pattern must be an array"),
                Arguments.of(head + "pattern = [\"git\", 1]\ndecision = \"prompt\"\njustification = \"x\"\n", 2, "pattern[1] must be a string or an array"),
                Arguments.of(head + "pattern = [\"git\", []]\ndecision = \"prompt\"\njustification = \"x\"\n", 2, "empty list of alternatives"),
                Arguments.of(head + "pattern = [\"git\", [\"a\", 2]]\ndecision = \"prompt\"\njustification = \"x\"\n", 2, "pattern[1][1] must be a string"),
                Arguments.of(head + "pattern = [\"\"]\ndecision = \"prompt\"\njustification = \"x\"\n", 2, "empty word"),
                Arguments.of(head + "pattern = [\"git\"]\njustification = \"x\"\n", 1, "needs decision"),
                Arguments.of(head + "pattern = [\"git\"]\ndecision = \"sometimes\"\njustification = \"x\"\n", 3,
                        "unknown decision \"sometimes\"; use one of \"allow\", \"prompt\", \"forbidden\""),
                Arguments.of(head + "pattern = [\"git\"]\ndecision = 3\njustification = \"x\"\n", 3, "decision must be a string, found an integer"),
                Arguments.of(head + "pattern = [\"git\"]\ndecision = \"prompt\"\n", 1, "needs justification"),
                Arguments.of(head + "pattern = [\"git\"]\ndecision = \"prompt\"\njustification = \"\"\n", 4, "justification is blank"),
                Arguments.of(head + "pattern = [\"git\"]\ndecision = \"prompt\"\njustification = \"x\"\nreason = \"y\"\n", 5,
                        "has no key 'reason'; use pattern, decision, justification, match, not_match"),
                Arguments.of(head + "pattern = [\"git\", \"push\"]\ndecision = \"prompt\"\njustification = \"x\"\nmatch = [\"git pull\"]\n", 5,
                        "match[0]: match example \"git pull\" is not matched by"),
                Arguments.of(head + "pattern = [\"git\"]\ndecision = \"prompt\"\njustification = \"x\"\nnot_match = [\"ls\", \"git log\"]\n", 5,
                        "not_match[1]: not_match example \"git log\" is matched by"),
                Arguments.of(head + "pattern = [\"git\"]\ndecision = \"prompt\"\njustification = \"x\"\nmatch = \"git\"\n", 5, "must be an array of examples"),
                Arguments.of(head + "pattern = [\"git\"]\ndecision = \"prompt\"\njustification = \"x\"\nmatch = [\"git \\\"x\"]\n", 5, "unclosed double quote"),
                Arguments.of(head + "pattern = [\"git\"]\ndecision = \"prompt\"\njustification = \"x\"\nmatch = [[]]\n", 5, "empty example"),
                Arguments.of(head + "pattern = [\"git\"]\ndecision = \"prompt\"\njustification = \"x\"\nmatch = [true]\n", 5, "found a boolean"));
    }

    @ParameterizedTest(name = "[{index}] {2}")
    @MethodSource("loadErrors")
    void loadErrorsSayWhereAndWhat(String toml, int line, String message) {
        assertThatThrownBy(() -> parse(toml, true))
                .isInstanceOfSatisfying(RuleLoadException.class, e -> {
                    assertThat(e.getMessage()).startsWith("config.toml:" + line + ":");
                    assertThat(e.getMessage()).contains("rules.prefix[0]").contains(message);
                    assertThat(e.line()).isEqualTo(line);
                    assertThat(e.column()).isPositive();
                });
    }

    @Test
    void theSecondTableIsNamedByItsIndex() {
        assertThatThrownBy(() -> parse("""
                [[rules.prefix]]
                pattern = ["ls"]
                decision = "allow"
                justification = "read only"

                [[rules.prefix]]
                pattern = ["rm"]
                decision = "nope"
                justification = "x"
                """, true))
                .isInstanceOf(RuleLoadException.class)
                .hasMessageStartingWith("config.toml:8:")
                .hasMessageContaining("rules.prefix[1].decision");
    }

    @Test
    void anEntryThatIsNotATableIsRefused() {
        TomlArray array = Toml.parse("prefix = [\"git\"]").getArray("prefix");
        assertThatThrownBy(() -> TomlRules.parse(array, "config.toml", "user", true))
                .isInstanceOf(RuleLoadException.class)
                .hasMessageContaining("rules.prefix[0] must be a table");
    }
}
