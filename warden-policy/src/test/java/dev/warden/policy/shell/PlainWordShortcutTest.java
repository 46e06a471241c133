package dev.warden.policy.shell;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.policy.Corpus;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The splitter takes a word made only of characters that mean nothing to the shell as one substring, skipping its
 * general character loop. That shortcut is a speed-up and nothing else: with it and without it, every script must
 * split into the same commands with the same reasons for being complex.
 */
class PlainWordShortcutTest {

    @Test
    void corpusScriptsSplitAlikeWithAndWithoutTheShortcut() {
        List<String> scripts = Stream.of(
                Corpus.strings("nl2bash.jsonl", "command"),
                Corpus.strings("atomic-red-team-linux.jsonl", "command"),
                Corpus.strings("gtfobins.jsonl", "code")).flatMap(List::stream).toList();
        assertThat(scripts).hasSizeGreaterThan(13_000);
        for (String script : scripts) {
            assertSameParse(script);
        }
    }

    /**
     * Words that end where the shortcut must give way to the general loop: a line continuation, a quote or an
     * expansion glued to a plain run, digits before a redirection, {@code NAME=} and {@code NAME+=}, braces, globs,
     * tildes, non-ASCII text.
     */
    @ParameterizedTest
    @ValueSource(strings = {"ls -la src/main", "a\\\nb c", "ab\\\n", "2>x", "2\\\n>x", "12>&1 x", "a+=b c", "a+\\\n=b",
            "x=1 y", "a,b{c,d}", "a..b{1..2}", "a~ ~b", "foo[1] x", "x]", "-", "--", "@a %b ^c", "a:b:c",
            "ls é", "a'b'c", "a\"b\"", "a$b", "a`b`", "a*b", "a?b", "a#b #c", "{ a; }", "!x", "a!b", "x\r", "ab\tcd",
            "cmd>out", "cmd<in", "a|b&&c||d;e&f", "a(b)", "0<&-", "%1", "in", "fi", "time x"})
    void boundaryWordsSplitAlike(String script) {
        assertSameParse(script);
    }

    /** Seeded random scripts from the splitter's grammar, then random character soup from a shell-heavy alphabet. */
    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8})
    void randomScriptsSplitAlike(long seed) {
        ScriptGenerator grammar = new ScriptGenerator(seed, 0.3);
        Random random = new Random(seed);
        String alphabet = "ab09-/._:@%+,^=~*?[]{}$`'\"\\ \t\n;|&<>()#!é";
        List<String> scripts = new ArrayList<>();
        for (int i = 0; i < 2_000; i++) {
            scripts.add(grammar.script());
            StringBuilder soup = new StringBuilder();
            for (int n = 1 + random.nextInt(24); n > 0; n--) {
                soup.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            scripts.add(soup.toString());
        }
        for (String script : scripts) {
            assertSameParse(script);
        }
    }

    private static void assertSameParse(String script) {
        ParsedScript general = ShellSplitter.parse(script, false);
        ParsedScript shortcut = ShellSplitter.parse(script, true);
        assertThat(shortcut.commands()).as("commands of %s", script).isEqualTo(general.commands());
        assertThat(shortcut.complexities()).as("complexities of %s", script).isEqualTo(general.complexities());
    }
}
