package dev.warden.audit.redact;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class RedactorTest {
    static Stream<FakeSecrets> secrets() {
        return Stream.of(1L, 2L, 3L).flatMap(seed -> FakeSecrets.all(seed).stream());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("secrets")
    void masksEverySecretShape(FakeSecrets fixture) {
        String out = Redactor.DEFAULT.redact(fixture.text());
        assertThat(out).doesNotContain(fixture.secret()).doesNotContain(fixture.core()).contains("[REDACTED:");
        assertThat(Redactor.DEFAULT.redact(out)).as("idempotent").isEqualTo(out);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("secrets")
    void masksSecretsInsideJsonValuesListsAndKeys(FakeSecrets fixture) {
        Map<String, Object> env = new LinkedHashMap<>();
        env.put("HOME", "/home/ada");
        env.put("MY_SERVICE_TOKEN", fixture.core());
        env.put("NOTES", fixture.text());
        Object out = Redactor.DEFAULT.redactJson(Map.of("argv", List.of("bash", "-lc", fixture.text()), "env", env));
        String flat = String.valueOf(out);
        assertThat(flat).doesNotContain(fixture.core()).contains("/home/ada");
    }

    @ParameterizedTest
    @ValueSource(strings = {"--password", "--api-key", "--client-secret", "--token", "-token"})
    void masksTheWordAfterASecretOption(String option) {
        Object out = Redactor.DEFAULT.redactJson(List.of("tool", option, "hunter2-value", "--verbose", "file.txt"));
        assertThat(out).isEqualTo(List.of("tool", option, "[REDACTED:secret-value]", "--verbose", "file.txt"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"-u", "--user"})
    void masksThePasswordOfCurlUserOptions(String option) {
        Object out = Redactor.DEFAULT.redactJson(List.of("curl", option, "deploy:correct-horse", "https://x"));
        assertThat(out).isEqualTo(List.of("curl", option, "deploy:[REDACTED:password]", "https://x"));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "git commit -m 'fix: refresh the token before it expires'",
        "git show 3f786850e387550fdab836ed7e6dc881de23001b --stat",
        "PWD=/home/ada/project OLDPWD=/home/ada",
        "ls -la /usr/lib/x86_64-linux-gnu/pkgconfig/",
        "Basic Authentication is enabled for the Bearer scheme",
        "curl https://github.com/openai/codex/blob/main/README.md",
        "http://localhost:8080/path?x=1&y=two",
        "export PATH=/usr/local/bin:/usr/bin:/bin",
        "GIT_AUTHOR_NAME=Ada MAX_TOKENS=4096",
        "sha256: e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
        "password: \"\"",
        "src/main/java/dev/warden/cli/CheckCommand.java:42:7"})
    void leavesOrdinaryTextAlone(String text) {
        assertThat(Redactor.DEFAULT.redact(text)).isEqualTo(text);
    }

    @ParameterizedTest
    @ValueSource(strings = {"GITHUB_TOKEN", "db.password", "apiKey", "AWS_SECRET_ACCESS_KEY", "client_secret",
        "OPENAI_API_KEY", "SIGNING_KEY", "GITLAB_PAT", "Proxy-Authorization", "session_cookie", "passphrase"})
    void secretLookingNames(String name) {
        assertThat(SecretNames.looksSecret(name)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"PWD", "OLDPWD", "GIT_AUTHOR_NAME", "PASSPORT_NO", "key", "HOME", "TOKENIZERS_PARALLELISM2",
        "MAX_TOKENS_X", "keyboard", "monkey"})
    void ordinaryNames(String name) {
        assertThat(SecretNames.looksSecret(name)).isFalse();
    }
}
