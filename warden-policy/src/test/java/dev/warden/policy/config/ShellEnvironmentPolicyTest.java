package dev.warden.policy.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class ShellEnvironmentPolicyTest {
    static final Map<String, String> HOST = Map.ofEntries(
            Map.entry("PATH", "/usr/bin"), Map.entry("HOME", "/home/a"), Map.entry("LANG", "C.UTF-8"),
            Map.entry("GITHUB_TOKEN", "ghp"), Map.entry("OPENAI_API_KEY", "sk"), Map.entry("DB_PASSWORD", "pw"),
            Map.entry("AWS_SECRET_ACCESS_KEY", "x"), Map.entry("AWS_PROFILE", "prod"), Map.entry("AWS_REGION", "eu-west-1"),
            Map.entry("AWS_DEFAULT_REGION", "eu-west-1"), Map.entry("SSH_AUTH_SOCK", "/tmp/ssh"),
            Map.entry("LD_PRELOAD", "/evil.so"), Map.entry("BASH_ENV", "/x"), Map.entry("PROMPT_COMMAND", "curl"),
            Map.entry("GOOGLE_APPLICATION_CREDENTIALS", "/k.json"), Map.entry("NPM_CONFIG_AUTH", "a"),
            Map.entry("EDITOR", "vi"));

    @Test
    void defaultsKeepOrdinaryVariablesAndDropSecretsAndLoaderHooks() {
        Map<String, String> env = ShellEnvironmentPolicy.defaults().apply(HOST);
        assertThat(env).containsOnlyKeys("PATH", "HOME", "LANG", "AWS_REGION", "AWS_DEFAULT_REGION", "EDITOR");
        assertThat(ShellEnvironmentPolicy.defaults().dropped(HOST)).containsExactly("AWS_PROFILE", "AWS_SECRET_ACCESS_KEY",
                "BASH_ENV", "DB_PASSWORD", "GITHUB_TOKEN", "GOOGLE_APPLICATION_CREDENTIALS", "LD_PRELOAD",
                "NPM_CONFIG_AUTH", "OPENAI_API_KEY", "PROMPT_COMMAND", "SSH_AUTH_SOCK");
    }

    @Test
    void shellStartupInjectorsAreDroppedSoTheScriptRunIsTheScriptJudged() {
        Map<String, String> host = Map.of("BASH_FUNC_ls%%", "() { rm -rf ~; }", "SHELLOPTS", "xtrace",
                "BASHOPTS", "extglob", "PS4", "$(curl x)", "ZDOTDIR", "/tmp/evil", "LD_AUDIT", "/evil.so", "PATH", "/usr/bin");
        assertThat(ShellEnvironmentPolicy.defaults().apply(host)).containsOnlyKeys("PATH");
    }

    @Test
    void inheritCoreAndNone() {
        var core = new ShellEnvironmentPolicy(ShellEnvironmentPolicy.Inherit.CORE, List.of(), List.of(), Map.of(), false);
        assertThat(core.apply(HOST)).containsOnlyKeys("PATH", "HOME", "LANG");
        var none = new ShellEnvironmentPolicy(ShellEnvironmentPolicy.Inherit.NONE, List.of(), List.of(), Map.of("CI", "1"), false);
        assertThat(none.apply(HOST)).containsExactly(Map.entry("CI", "1"));
    }

    @Test
    void excludeThenSetThenIncludeOnlyInCodexOrder() {
        var policy = new ShellEnvironmentPolicy(ShellEnvironmentPolicy.Inherit.ALL, List.of("ed*"), List.of("P*", "MY_*"),
                Map.of("MY_TOKEN", "explicit", "OTHER", "gone"), false);
        Map<String, String> env = policy.apply(HOST);
        assertThat(env).containsOnlyKeys("PATH", "MY_TOKEN");
        assertThat(env.get("MY_TOKEN")).isEqualTo("explicit");
        assertThat(policy.dropped(HOST)).contains("EDITOR", "HOME").doesNotContain("PATH");
    }

    @Test
    void ignoringTheDefaultExcludesPassesSecretsThrough() {
        var open = new ShellEnvironmentPolicy(ShellEnvironmentPolicy.Inherit.ALL, List.of(), List.of(), Map.of(), true);
        assertThat(open.apply(HOST)).containsKey("GITHUB_TOKEN");
        assertThat(open.dropped(HOST)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"github_token", "Stripe_Secret", "my_apikey", "X_PASSWORD_FILE", "gcloud_credentials",
            "HTTP_AUTH_HEADER", "aws_session_token", "env", "ld_library_path"})
    void defaultExcludesIgnoreCase(String name) {
        assertThat(ShellEnvironmentPolicy.isDefaultExcluded(name)).isTrue();
    }

    /** Seeded random names: anything with TOKEN/SECRET/KEY/PASSWORD in it never reaches a command by default. */
    @ParameterizedTest
    @MethodSource("seeds")
    void secretLookingNamesNeverSurviveTheDefaults(long seed) {
        Random random = new Random(seed);
        String[] words = {"TOKEN", "secret", "Key", "PASSWORD", "credential"};
        Map<String, String> host = new HashMap<>();
        for (int i = 0; i < 20; i++) {
            String name = prefix(random) + words[random.nextInt(words.length)] + prefix(random);
            host.put(random.nextBoolean() ? name : name.toLowerCase(Locale.ROOT), "v");
        }
        assertThat(ShellEnvironmentPolicy.defaults().apply(host)).isEmpty();
        assertThat(ShellEnvironmentPolicy.defaults().dropped(host)).hasSize(host.size());
    }

    static IntStream seeds() {
        return IntStream.range(0, 50);
    }

    private static String prefix(Random random) {
        String alphabet = "ABCXYZ_019";
        StringBuilder out = new StringBuilder();
        for (int i = random.nextInt(5); i > 0; i--) {
            out.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return out.toString();
    }

    @Test
    void wildcardMatching() {
        assertThat(ShellEnvironmentPolicy.wildcard("A*B?C", "axxbyc")).isTrue();
        assertThat(ShellEnvironmentPolicy.wildcard("A*B?C", "axxbc")).isFalse();
        assertThat(ShellEnvironmentPolicy.wildcard("*", "")).isTrue();
        assertThat(ShellEnvironmentPolicy.wildcard("ENV", "ENVX")).isFalse();
    }

    @Test
    void theLoaderBuildsThePolicyFromConfig(@org.junit.jupiter.api.io.TempDir java.nio.file.Path temp) throws Exception {
        Workspace w = new Workspace(temp);
        w.user("[shell_environment_policy]\ninherit = \"core\"\ninclude_only = [\"PATH\", \"CI\"]\nset = { CI = \"true\" }\n");
        ShellEnvironmentPolicy policy = w.load().effective().shellEnvironment();
        assertThat(policy.apply(HOST)).containsOnlyKeys("PATH", "CI");
    }
}
