package dev.warden.policy.fs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Random;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class DenyGlobTest {
    private static final Path BASE = Path.of("/work/project");

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("**/*.env", "/work/project/.env", true),
                Arguments.of("**/*.env", "/work/project/prod.env", true),
                Arguments.of("**/*.env", "/work/project/a/b/c/d/prod.env", true),
                Arguments.of("**/*.env", "/work/project/prod.env.example", false),
                Arguments.of("**/*.env", "/work/project/env", false),
                Arguments.of("**/*.env", "/work/other/prod.env", false),
                Arguments.of("**/*.env", "/work/projectx/prod.env", false),
                Arguments.of("**/.secrets/**", "/work/project/.secrets", true),
                Arguments.of("**/.secrets/**", "/work/project/.secrets/key", true),
                Arguments.of("**/.secrets/**", "/work/project/a/.secrets/deep/key", true),
                Arguments.of("**/.secrets/**", "/work/project/a/.secretsx/key", false),
                Arguments.of("**/.secrets/**", "/work/project/a/not.secrets/key", false),
                Arguments.of("*.pem", "/work/project/server.pem", true),
                Arguments.of("*.pem", "/work/project/certs/server.pem", false),
                Arguments.of("certs/*.pem", "/work/project/certs/a.pem", true),
                Arguments.of("certs/*.pem", "/work/project/certs/sub/a.pem", false),
                Arguments.of("id_?sa", "/work/project/id_rsa", true),
                Arguments.of("id_?sa", "/work/project/id_/sa", false),
                Arguments.of("**", "/work/project", true),
                Arguments.of("**", "/work/project/anything/at/all", true),
                Arguments.of("a/**/b", "/work/project/a/b", true),
                Arguments.of("a/**/b", "/work/project/a/x/y/b", true),
                Arguments.of("a/**/b", "/work/project/a/x/y/bc", false),
                Arguments.of("**/node_modules/**/*.js", "/work/project/x/node_modules/p/q/i.js", true));
    }

    @ParameterizedTest(name = "{0} vs {1} -> {2}")
    @MethodSource("cases")
    void matchesLikeAPersonExpects(String glob, String path, boolean expected) {
        assertThat(new DenyGlob(BASE, glob).matches(Path.of(path))).isEqualTo(expected);
    }

    @Test
    void absolutePatternsFoldTheirLiteralPrefixIntoTheBase() {
        assertThat(DenyGlob.ofAbsolute("/home/*/.ssh/**")).isEqualTo(new DenyGlob(Path.of("/home"), "*/.ssh/**"));
        assertThat(DenyGlob.ofAbsolute("/srv/data/**/*.key")).isEqualTo(new DenyGlob(Path.of("/srv/data"), "**/*.key"));
        assertThat(DenyGlob.ofAbsolute("/**/*.pem").matches(Path.of("/etc/ssl/private/x.pem"))).isTrue();
        assertThat(DenyGlob.under(BASE, "src/**/*.env")).isEqualTo(new DenyGlob(BASE.resolve("src"), "**/*.env"));
        assertThat(DenyGlob.ofAbsolute("/home/*/.ssh/**").toString()).isEqualTo("/home/*/.ssh/**");
    }

    @Test
    void rejectsWhatItCannotMatchFaithfully() {
        assertThatThrownBy(() -> new DenyGlob(BASE, "[ab].env")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new DenyGlob(BASE, "../**")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new DenyGlob(BASE, "/abs/**")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new DenyGlob(Path.of("rel"), "**")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new DenyGlob(BASE, "")).isInstanceOf(IllegalArgumentException.class);
    }

    /** Seeded random paths: "**}{@code /NAME" denies NAME at every depth below the base and nowhere outside it. */
    @ParameterizedTest
    @MethodSource("seeds")
    void globstarDeniesAtEveryDepthAndNeverOutsideTheBase(long seed) {
        Random random = new Random(seed);
        DenyGlob glob = new DenyGlob(BASE, "**/secret.txt");
        StringBuilder dirs = new StringBuilder();
        int depth = random.nextInt(12);
        for (int i = 0; i < depth; i++) {
            dirs.append('/').append(segment(random));
        }
        assertThat(glob.matches(Path.of(BASE + dirs.toString() + "/secret.txt"))).isTrue();
        assertThat(glob.matches(Path.of(BASE + dirs.toString() + "/secret.txt.bak"))).isFalse();
        assertThat(glob.matches(Path.of("/work/elsewhere" + dirs + "/secret.txt"))).isFalse();
    }

    static IntStream seeds() {
        return IntStream.range(0, 200);
    }

    private static String segment(Random random) {
        String alphabet = "abcxyz._-*?";
        StringBuilder out = new StringBuilder();
        int length = 1 + random.nextInt(6);
        for (int i = 0; i < length; i++) {
            out.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        String s = out.toString();
        return s.equals(".") || s.equals("..") ? "d" : s;
    }
}
