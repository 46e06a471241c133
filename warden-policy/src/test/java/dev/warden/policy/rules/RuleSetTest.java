package dev.warden.policy.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.warden.core.Decision;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RuleSetTest {
    private static final RuleOrigin ORIGIN = new RuleOrigin("user", "default.rules", 1);

    private static PrefixRule rule(RuleDecision decision, PatternToken... pattern) {
        return new PrefixRule(List.of(pattern), decision, "because", List.of(), List.of(), ORIGIN);
    }

    private static PatternToken word(String w) {
        return new PatternToken.Single(w);
    }

    private static PatternToken anyOf(String... words) {
        return new PatternToken.Alternatives(List.of(words));
    }

    @Test
    void matchingReturnsEveryMatchingRuleInLoadOrder() {
        PrefixRule git = rule(RuleDecision.PROMPT, word("git"));
        PrefixRule push = rule(RuleDecision.FORBIDDEN, word("git"), anyOf("push", "fetch"));
        PrefixRule status = rule(RuleDecision.ALLOW, word("git"), word("status"));
        RuleSet rules = new RuleSet(List.of(git, push, status), List.of());

        assertThat(rules.matching(List.of("git", "push", "origin"))).containsExactly(git, push);
        assertThat(rules.matching(List.of("git", "status"))).containsExactly(git, status);
        assertThat(rules.matching(List.of("git"))).containsExactly(git);
        assertThat(rules.matching(List.of("gitk"))).isEmpty();
        assertThat(rules.matching(List.of())).isEmpty();
        assertThat(rules.strictestFor(List.of("git", "fetch"))).isEqualTo(RuleDecision.FORBIDDEN);
        assertThat(rules.strictestFor(List.of("ls"))).isNull();
    }

    @Test
    void matchingIsExactWordByWordWithNoNormalisation() {
        RuleSet rules = new RuleSet(List.of(rule(RuleDecision.FORBIDDEN, word("git"), word("push"))), List.of());
        // The same exact-prefix semantics as Codex: options between words, paths and case all defeat a match.
        assertThat(rules.matching(List.of("git", "-C", "repo", "push"))).isEmpty();
        assertThat(rules.matching(List.of("/usr/bin/git", "push"))).isEmpty();
        assertThat(rules.matching(List.of("git", "Push"))).isEmpty();
        assertThat(rules.matching(List.of("git", "push "))).isEmpty();
    }

    @Test
    void aFirstWordWithAlternativesIsFoundUnderEachWord() {
        PrefixRule shells = rule(RuleDecision.PROMPT, anyOf("bash", "sh", "bash"), anyOf("-c", "-lc"));
        RuleSet rules = new RuleSet(List.of(shells), List.of());
        assertThat(rules.matching(List.of("sh", "-c", "ls"))).containsExactly(shells);
        assertThat(rules.matching(List.of("bash", "-lc", "ls"))).containsExactly(shells);
        assertThat(rules.matching(List.of("zsh", "-c", "ls"))).isEmpty();
    }

    @Test
    void plusKeepsOrderAndEmptyIsNeutral() {
        PrefixRule a = rule(RuleDecision.ALLOW, word("ls"));
        PrefixRule b = rule(RuleDecision.PROMPT, word("ls"), word("-R"));
        RuleSet user = new RuleSet(List.of(a), List.of());
        RuleSet project = new RuleSet(List.of(b), List.of());
        assertThat(user.plus(project).matching(List.of("ls", "-R", "/"))).containsExactly(a, b);
        assertThat(project.plus(user).matching(List.of("ls", "-R", "/"))).containsExactly(b, a);
        assertThat(RuleSet.empty().plus(user)).isEqualTo(user);
        assertThat(user.plus(RuleSet.empty())).isEqualTo(user);
    }

    @Test
    void rulesAreImmutable() {
        List<PatternToken> pattern = new ArrayList<>(List.of(word("rm")));
        PrefixRule r = new PrefixRule(pattern, RuleDecision.FORBIDDEN, "x", List.of(), List.of(), ORIGIN);
        pattern.add(word("-rf"));
        assertThat(r.pattern()).hasSize(1);
        RuleSet set = new RuleSet(List.of(r), List.of());
        assertThatThrownBy(() -> set.prefixRules().add(r)).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void describeIsStableAndQuotesLikeJson() {
        assertThat(rule(RuleDecision.ALLOW, word("git"), anyOf("push", "fetch")).describe())
                .isEqualTo("prefix_rule([\"git\", [\"push\",\"fetch\"]])");
        assertThat(rule(RuleDecision.ALLOW, word("echo"), word("say \"hi\"\\\n")).describe())
                .isEqualTo("prefix_rule([\"echo\", \"say \\\"hi\\\"\\\\\\n\"])");
    }

    @Test
    void emptyPatternIsRefusedEvenInCode() {
        assertThatThrownBy(() -> new PrefixRule(List.of(), RuleDecision.ALLOW, "x", List.of(), List.of(), ORIGIN))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new PatternToken.Alternatives(List.of())).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void decisionsMapToTheEngineAndOrderByStrictness() {
        assertThat(RuleDecision.ALLOW.toDecision()).isEqualTo(Decision.ALLOW);
        assertThat(RuleDecision.PROMPT.toDecision()).isEqualTo(Decision.ASK);
        assertThat(RuleDecision.FORBIDDEN.toDecision()).isEqualTo(Decision.DENY);
        assertThat(RuleDecision.PROMPT.strictest(RuleDecision.FORBIDDEN)).isEqualTo(RuleDecision.FORBIDDEN);
        assertThat(RuleDecision.ALLOW.strictest(RuleDecision.PROMPT)).isEqualTo(RuleDecision.PROMPT);
        assertThat(RuleDecision.parse("forbidden")).isEqualTo(RuleDecision.FORBIDDEN);
    }

    @ParameterizedTest
    @ValueSource(strings = {"deny", "Allow", "ALLOW", " allow", "", "ask"})
    void unknownDecisionsListTheAllowedValues(String spelling) {
        assertThatThrownBy(() -> RuleDecision.parse(spelling))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("\"allow\", \"prompt\", \"forbidden\"");
    }

    /** The first-word index must give exactly what a linear scan of every rule gives, in the same order. */
    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 42, 2024})
    void indexAgreesWithALinearScan(long seed) {
        Random random = new Random(seed);
        String[] vocabulary = {"git", "npm", "ls", "rm", "-rf", "push", "install", "sh", "-c", "x"};
        List<PrefixRule> rules = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            int length = 1 + random.nextInt(3);
            List<PatternToken> pattern = new ArrayList<>();
            for (int j = 0; j < length; j++) {
                if (random.nextInt(4) == 0) {
                    pattern.add(anyOf(vocabulary[random.nextInt(vocabulary.length)], vocabulary[random.nextInt(vocabulary.length)]));
                } else {
                    pattern.add(word(vocabulary[random.nextInt(vocabulary.length)]));
                }
            }
            rules.add(new PrefixRule(pattern, RuleDecision.values()[random.nextInt(3)], "r" + i, List.of(), List.of(), ORIGIN));
        }
        RuleSet set = new RuleSet(rules, List.of());
        for (int i = 0; i < 2000; i++) {
            List<String> argv = new ArrayList<>();
            int length = random.nextInt(5);
            for (int j = 0; j < length; j++) {
                argv.add(vocabulary[random.nextInt(vocabulary.length)]);
            }
            List<PrefixRule> expected = rules.stream().filter(r -> r.matches(argv)).toList();
            assertThat(set.matching(argv)).as("argv %s", argv).containsExactlyElementsOf(expected);
        }
    }
}
