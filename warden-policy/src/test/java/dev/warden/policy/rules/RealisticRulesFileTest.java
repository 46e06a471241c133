package dev.warden.policy.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A rules file shaped like the examples in Codex's documentation, read end to end. */
class RealisticRulesFileTest {

    private static RuleSet load() throws IOException, RuleLoadException {
        try (InputStream in = RealisticRulesFileTest.class.getResourceAsStream("/rules/team.rules")) {
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            return RulesFileParser.parse(text, "team.rules", "project");
        }
    }

    @Test
    void everyRuleLoadsWithItsLineAndJustification() throws Exception {
        RuleSet rules = load();
        assertThat(rules.prefixRules()).extracting(PrefixRule::describe).containsExactly(
                "prefix_rule([\"git\", [\"status\",\"log\",\"diff\",\"show\"]])",
                "prefix_rule([\"git\", [\"push\",\"fetch\",\"pull\"]])",
                "prefix_rule([\"gh\", \"pr\", \"view\"])",
                "prefix_rule([\"rm\"])",
                "prefix_rule([\"npm\", [\"i\",\"install\",\"ci\"]])",
                "prefix_rule([[\"bash\",\"sh\",\"zsh\"], [\"-c\",\"-lc\"]])");
        assertThat(rules.prefixRules()).extracting(r -> r.origin().line()).containsExactly(5, 22, 30, 45, 53, 55);
        assertThat(rules.prefixRules()).allSatisfy(r -> assertThat(r.justification()).isNotBlank());
        assertThat(rules.networkRules()).extracting(NetworkRule::host)
                .containsExactly("registry.npmjs.org", "api.github.com", "pastebin.com");
        assertThat(rules.networkRules().get(2).decision()).isEqualTo(RuleDecision.FORBIDDEN);
    }

    @Test
    void decisionsForEverydayCommands() throws Exception {
        RuleSet rules = load();
        assertThat(rules.strictestFor(List.of("git", "status"))).isEqualTo(RuleDecision.ALLOW);
        assertThat(rules.strictestFor(List.of("git", "push", "origin", "main"))).isEqualTo(RuleDecision.PROMPT);
        assertThat(rules.strictestFor(List.of("rm", "-rf", "build"))).isEqualTo(RuleDecision.FORBIDDEN);
        assertThat(rules.strictestFor(List.of("npm", "ci"))).isEqualTo(RuleDecision.PROMPT);
        assertThat(rules.strictestFor(List.of("npm", "test"))).isNull();
        assertThat(rules.strictestFor(List.of("zsh", "-lc", "make"))).isEqualTo(RuleDecision.PROMPT);
        assertThat(rules.strictestFor(List.of("git", "-C", "x", "push"))).isNull();
    }
}
