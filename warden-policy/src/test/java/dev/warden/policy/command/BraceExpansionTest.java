package dev.warden.policy.command;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Brace expansion as bash does it, checked against bash 5.2 by hand; "|" separates the expected words. */
class BraceExpansionTest {
    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {
            "{/usr,/etc}; /usr|/etc",
            "/usr/{lib,bin}/x; /usr/lib/x|/usr/bin/x",
            "a{b,c{d,e}}f; abf|acdf|acef",
            "{a,b}{1,2}; a1|a2|b1|b2",
            "x{1..3}; x1|x2|x3",
            "{3..1}; 3|2|1",
            "{1..7..3}; 1|4|7",
            "{a..c}; a|b|c",
            "{,.}/x; /x|./x",
            "${HOME}/x; ${HOME}/x",
            "${HOME}/{a,b}; ${HOME}/a|${HOME}/b",
            "{single}; {single}",
            "{a..}; {a..}",
            "{unclosed,; {unclosed,",
            "plain; plain",
    })
    void expandsLikeBash(String word, String expected) {
        assertThat(BraceExpansion.expand(word, 256)).isEqualTo(List.of(expected.split("\\|")));
    }

    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {"{1..100000}", "{a,b}{a,b}{a,b}{a,b}{a,b}{a,b}{a,b}{a,b}{a,b}", "{1..9223372036854775807}"})
    void givesUpPastTheLimit(String word) {
        assertThat(BraceExpansion.expand(word, 256)).isNull();
    }
}
