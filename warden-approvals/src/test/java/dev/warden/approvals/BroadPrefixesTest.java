package dev.warden.approvals;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Prefixes that would allow far more than the command approved are refused for "always"; specific ones pass. */
class BroadPrefixesTest {

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"bash -c", "sh -c", "zsh -c", "bash", "/bin/sh -c", "python", "python3", "python -c",
        "python3.12 -c", "node", "node -e", "node --eval", "perl -e", "ruby -e", "php -r", "env", "env FOO=1",
        "sudo", "sudo apt-get install", "doas make", "git", "xargs", "xargs rm", "find", "find . -name",
        "busybox sh", "timeout 5", "nohup", "npx", "ssh host", "/usr/bin/env", "make", "npm", "rm"})
    void tooBroad(String prefix) {
        assertThat(BroadPrefixes.problem(words(prefix))).as(prefix).isPresent();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"git status", "git push origin", "npm test", "npm install", "cargo build",
        "python tools/build.py", "python3 -m pytest", "bash scripts/ci.sh", "make lint", "rm -rf build",
        "touch marker", "ls", "docker ps"})
    void specificEnough(String prefix) {
        assertThat(BroadPrefixes.problem(words(prefix))).as(prefix).isEmpty();
    }

    @org.junit.jupiter.api.Test
    void emptyAndBlankPrefixesAreRefused() {
        assertThat(BroadPrefixes.problem(List.of())).contains("an empty prefix would allow every command");
        assertThat(BroadPrefixes.problem(List.of("ls", " "))).isPresent();
    }

    private static List<String> words(String text) {
        return Arrays.asList(text.split(" "));
    }
}
