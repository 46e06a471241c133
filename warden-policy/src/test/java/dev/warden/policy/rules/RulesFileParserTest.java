package dev.warden.policy.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class RulesFileParserTest {

    private static RuleSet parse(String text) throws RuleLoadException {
        return RulesFileParser.parse(text, "test.rules", "user");
    }

    @Test
    void keywordArgumentsOverSeveralLinesWithCommentsAndTrailingCommas() throws RuleLoadException {
        RuleSet rules = parse("""
                # Ask before touching the remote.
                prefix_rule(
                    pattern = ["git", ["push", "fetch"]],   # alternatives
                    decision = "prompt",
                    justification = "talks to the remote",
                    match = [["git", "push", "origin"], "git fetch --all"],
                    not_match = ["git status",],
                )
                """);
        assertThat(rules.prefixRules()).hasSize(1);
        PrefixRule rule = rules.prefixRules().getFirst();
        assertThat(rule.describe()).isEqualTo("prefix_rule([\"git\", [\"push\",\"fetch\"]])");
        assertThat(rule.decision()).isEqualTo(RuleDecision.PROMPT);
        assertThat(rule.justification()).isEqualTo("talks to the remote");
        assertThat(rule.origin()).isEqualTo(new RuleOrigin("user", "test.rules", 2));
        assertThat(rule.matchExamples()).containsExactly(List.of("git", "push", "origin"), List.of("git", "fetch", "--all"));
        assertThat(rule.notMatchExamples()).containsExactly(List.of("git", "status"));
    }

    @Test
    void positionalArgumentsFollowCodexOrder() throws RuleLoadException {
        // pattern, decision, match, not_match, justification
        PrefixRule rule = parse("prefix_rule([\"rm\"], \"forbidden\", [\"rm -rf x\"], [\"rmdir x\"], \"use trash\")")
                .prefixRules().getFirst();
        assertThat(rule.decision()).isEqualTo(RuleDecision.FORBIDDEN);
        assertThat(rule.justification()).isEqualTo("use trash");
        assertThat(rule.matchExamples()).containsExactly(List.of("rm", "-rf", "x"));
    }

    @Test
    void decisionDefaultsToAllowAsInCodex() throws RuleLoadException {
        PrefixRule rule = parse("prefix_rule(pattern=[\"ls\"], justification=\"read only\")").prefixRules().getFirst();
        assertThat(rule.decision()).isEqualTo(RuleDecision.ALLOW);
    }

    @Test
    void stringEscapesRawAndTripleQuotedStrings() throws RuleLoadException {
        RuleSet rules = parse("""
                prefix_rule(pattern=['echo', "a\\"b", 'it\\'s', "tab\\there", "\\x41\\u00e9\\101", r"C:\\dir"], justification='''multi
                line''')
                """);
        PrefixRule rule = rules.prefixRules().getFirst();
        assertThat(rule.pattern()).extracting(t -> t.words().getFirst())
                .containsExactly("echo", "a\"b", "it's", "tab\there", "AéA", "C:\\dir");
        assertThat(rule.justification()).isEqualTo("multi\nline");
    }

    @Test
    void statementsMaySitOnOneLineSeparatedBySemicolons() throws RuleLoadException {
        RuleSet rules = parse("prefix_rule([\"a\"], justification=\"x\"); prefix_rule([\"b\"], justification=\"y\")\n");
        assertThat(rules.prefixRules()).extracting(PrefixRule::describe)
                .containsExactly("prefix_rule([\"a\"])", "prefix_rule([\"b\"])");
    }

    @Test
    void singleAlternativeCollapsesToAWord() throws RuleLoadException {
        PrefixRule rule = parse("prefix_rule([\"npm\", [\"ci\"]], justification=\"x\")").prefixRules().getFirst();
        assertThat(rule.pattern().get(1)).isEqualTo(new PatternToken.Single("ci"));
    }

    @Test
    void networkRulesNormaliseHostAndAcceptCodexSpellings() throws RuleLoadException {
        RuleSet rules = parse("""
                network_rule(host="API.GitHub.com:443", protocol="https_connect", decision="allow", justification="releases")
                network_rule("blocked.example.com.", "http", "deny", "exfiltration risk")
                network_rule(host="[::1]:8080", protocol="socks5_tcp", decision="prompt", justification="local")
                """);
        assertThat(rules.networkRules()).extracting(NetworkRule::host, NetworkRule::protocol, NetworkRule::decision)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("api.github.com", "https", RuleDecision.ALLOW),
                        org.assertj.core.groups.Tuple.tuple("blocked.example.com", "http", RuleDecision.FORBIDDEN),
                        org.assertj.core.groups.Tuple.tuple("::1", "socks5_tcp", RuleDecision.PROMPT));
        assertThat(rules.networkRules().get(1).origin().line()).isEqualTo(2);
        assertThat(rules.networkRules().getFirst().describe()).isEqualTo("network_rule(\"api.github.com\", \"https\")");
    }

    @Test
    void emptyFileAndCommentsOnlyGiveNoRules() throws RuleLoadException {
        assertThat(parse("")).isEqualTo(RuleSet.empty());
        assertThat(parse("# nothing yet\n\n   # indented comment\n")).isEqualTo(RuleSet.empty());
    }

    /**
     * Each kind of mistake: the text, the text at which the error must point (its first occurrence gives the
     * expected line and column), and words the message must contain.
     */
    static Stream<Arguments> loadErrors() {
        return Stream.of(
                Arguments.of("prefix_rule(pattern=[], justification=\"x\")", "[]", "pattern is empty"),
                Arguments.of("prefix_rule(justification=\"x\")", "prefix_rule", "needs pattern"),
                Arguments.of("prefix_rule(pattern=\"git\", justification=\"x\")", "\"git\"", "must be a list"),
                Arguments.of("prefix_rule(pattern=[\"git\", []], justification=\"x\")", "[]", "empty list of alternatives"),
                Arguments.of("prefix_rule(pattern=[\"git\", [[\"a\"]]], justification=\"x\")", "[\"a\"]", "cannot nest"),
                Arguments.of("prefix_rule(pattern=[\"\"], justification=\"x\")", "\"\"]", "empty word"),
                Arguments.of("prefix_rule(pattern=[\"git\"], decision=\"maybe\", justification=\"x\")", "\"maybe",
                        "unknown decision \"maybe\"; use one of \"allow\", \"prompt\", \"forbidden\""),
                Arguments.of("prefix_rule(pattern=[\"git\"], decision=\"Allow\", justification=\"x\")", "\"Allow", "unknown decision"),
                Arguments.of("prefix_rule(pattern=[\"git\"], decision=[\"allow\"], justification=\"x\")", "[\"allow", "must be a string"),
                Arguments.of("prefix_rule(pattern=[\"git\"])", "prefix_rule", "needs justification"),
                Arguments.of("prefix_rule(pattern=[\"git\"], justification=\"   \")", "\"   ", "justification is blank"),
                Arguments.of("prefix_rule(pattern=[\"git\"], justification=\"x\", colour=\"red\")", "colour",
                        "has no argument 'colour'; use pattern, decision, match, not_match, justification"),
                Arguments.of("prefix_rule(pattern=[\"git\"], justification=\"x\", justification=\"y\")", "justification=\"y", "given twice"),
                Arguments.of("prefix_rule(pattern=[\"git\"], \"allow\")", "\"allow", "positional argument after a keyword"),
                Arguments.of("prefix_rule([\"a\"], \"allow\", [], [], \"j\", \"extra\")", "\"extra", "at most 5 positional"),
                Arguments.of("prefix_rule(\n  pattern=[\"git\", \"push\"],\n  justification=\"x\",\n  match=[\"git pull\"],\n)", "\"git pull",
                        "match example \"git pull\" is not matched by prefix_rule([\"git\", \"push\"])"),
                Arguments.of("prefix_rule(pattern=[\"git\"], justification=\"x\", not_match=[[\"git\", \"status\"]])", "[\"git\", \"status",
                        "not_match example \"git status\" is matched by"),
                Arguments.of("prefix_rule(pattern=[\"git\"], justification=\"x\", match=[\"git 'oops\"])", "\"git 'oops", "unclosed single quote"),
                Arguments.of("prefix_rule(pattern=[\"git\"], justification=\"x\", match=[\"\"])", "\"\"]", "example is empty"),
                Arguments.of("prefix_rule(pattern=[\"git\"], justification=\"x\", match=[[]])", "[]]", "empty list"),
                Arguments.of("prefix_rule(pattern=[\"git\"], justification=\"x\", match=[[\"git\", 1]])", "1]", "numbers are not accepted"),
                Arguments.of("prefix_rule(pattern=[\"git\"], justification=\"x\", match=\"git\")", "\"git\")", "must be a list of examples"),
                Arguments.of("rules = []", "rules", "assignments are not supported"),
                Arguments.of("load(\"x.star\", \"y\")", "load", "unknown function 'load'"),
                Arguments.of("host_executable(name=\"git\", paths=[\"/usr/bin/git\"])", "host_executable", "host_executable(...) is not supported"),
                Arguments.of("prefix_rule(pattern=[\"git\"] + [\"x\"], justification=\"x\")", "+", "unsupported syntax '+'"),
                Arguments.of("prefix_rule(pattern=[GIT], justification=\"x\")", "GIT", "'GIT' is not a value here"),
                Arguments.of("prefix_rule(pattern=[\"git\"], justification=True)", "True", "'True' is not a value here"),
                Arguments.of("prefix_rule(pattern=[\"git\"], justification=\"x\"\n", "prefix_rule", "ends inside this prefix_rule(...) call"),
                Arguments.of("prefix_rule(pattern=[\"git\"], justification=\"x\",\n  match=[\"a\"", "[\"a", "ends inside this list"),
                Arguments.of("prefix_rule(pattern=[\"git\"], justification=\"unterminated)", "\"unterminated", "unterminated string"),
                Arguments.of("prefix_rule(pattern=[\"git\\q\"], justification=\"x\")", "\\q", "unknown escape \\q"),
                Arguments.of("prefix_rule(pattern=[\"git\"] justification=\"x\")", "justification", "expected ',' or ')'"),
                Arguments.of("prefix_rule(pattern=[\"git\"], justification=\"x\") prefix_rule()", "prefix_rule()", "put each call on its own line"),
                Arguments.of("  prefix_rule(pattern=[\"git\"], justification=\"x\")", "prefix_rule", "unexpected indentation"),
                Arguments.of("prefix_rule(pattern=[\"git\"], justification=\"x\")\n) ", ") ", "unmatched ')'"),
                Arguments.of("for r in []:\n  pass", ":", "unsupported syntax ':'"),
                Arguments.of("network_rule(host=\"*.example.com\", protocol=\"https\", decision=\"allow\", justification=\"x\")", "\"*", "wildcard"),
                Arguments.of("network_rule(host=\"https://example.com\", protocol=\"https\", decision=\"allow\", justification=\"x\")",
                        "\"https://", "without scheme or path"),
                Arguments.of("network_rule(host=\"example.com\", protocol=\"ftp\", decision=\"allow\", justification=\"x\")", "\"ftp",
                        "unknown protocol \"ftp\""),
                Arguments.of("network_rule(host=\"example.com\", protocol=\"http\", decision=\"block\", justification=\"x\")", "\"block",
                        "(or \"deny\")"),
                Arguments.of("network_rule(host=\"example.com\", protocol=\"http\", justification=\"x\")", "network_rule", "needs decision"),
                Arguments.of("network_rule(host=\"example.com\", protocol=\"http\", decision=\"allow\")", "network_rule", "needs justification"));
    }

    @ParameterizedTest(name = "[{index}] {2}")
    @MethodSource("loadErrors")
    void loadErrorsSayWhereAndWhat(String text, String anchor, String message) {
        int offset = text.indexOf(anchor);
        assertThat(offset).as("anchor in text").isNotNegative();
        int line = (int) text.substring(0, offset).chars().filter(c -> c == '\n').count() + 1;
        int column = offset - (text.lastIndexOf('\n', offset - 1) + 1) + 1;
        int expectedLine = line;
        int expectedColumn = column;
        assertThatThrownBy(() -> parse(text))
                .isInstanceOfSatisfying(RuleLoadException.class, e -> {
                    assertThat(e.getMessage()).startsWith("test.rules:" + expectedLine + ":" + expectedColumn + ": ");
                    assertThat(e.getMessage()).contains(message);
                    assertThat(e.file()).isEqualTo("test.rules");
                    assertThat(e.line()).isEqualTo(expectedLine);
                    assertThat(e.column()).isEqualTo(expectedColumn);
                });
    }

    @Test
    void aFileWithOneBadRuleLoadsNothing() {
        // Fail closed: the good rule before the bad one must not survive on its own.
        assertThatThrownBy(() -> parse("""
                prefix_rule(pattern=["git", "push"], decision="forbidden", justification="review first")
                prefix_rule(pattern=["rm"], decision="forbid", justification="x")
                """)).isInstanceOf(RuleLoadException.class).hasMessageStartingWith("test.rules:2:");
    }
}
