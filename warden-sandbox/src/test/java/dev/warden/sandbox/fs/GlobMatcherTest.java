package dev.warden.sandbox.fs;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class GlobMatcherTest {
    @ParameterizedTest
    @CsvSource({
            "**/*.env, .env, true",
            "**/*.env, a/.env, true",
            "**/*.env, a/b/prod.env, true",
            "**/*.env, a/b/prod.env.bak, false",
            "*.env, a/.env, false",
            "*.env, x.env, true",
            "secrets/**, secrets/a/b, true",
            "secrets/**, secrets, true",
            "secrets/**, other/a, false",
            "a/**/b, a/b, true",
            "a/**/b, a/x/y/b, true",
            "a/**/b, a/x/y/c, false",
            "id_?sa, id_rsa, true",
            "id_?sa, id_ecdsa, false",
            "**, anything/at/all, true",
    })
    void matchesSegmentsLikeTheDocumentationSays(String glob, String path, boolean expected) {
        assertThat(GlobMatcher.compile(glob).matches(Path.of(path))).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({"/abs/*.env", "[ab].env", "{a,b}.env"})
    void refusesGlobsItWouldMisread(String glob) {
        assertThatThrownBy(() -> GlobMatcher.compile(glob)).isInstanceOf(IllegalArgumentException.class);
    }
}
