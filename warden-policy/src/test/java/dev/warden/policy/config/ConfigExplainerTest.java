package dev.warden.policy.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.core.json.Json;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigExplainerTest {
    @TempDir
    Path temp;

    static final Map<String, String> HOST = Map.of("PATH", "/usr/bin", "GITHUB_TOKEN", "x", "AWS_REGION", "eu");

    LoadedConfig seeded(Workspace w) throws Exception {
        w.requirements("allowed_approval_policies = [\"granular\", \"on-request\"]\n[permissions.filesystem]\ndeny_read = [\"~/.ssh\"]\n");
        w.user(SeedProfileTest.fixture());
        w.projectConfig("approval_policy = \"never\"\n");
        return w.loadProfile("safe-workspace", "otel.environment=staging");
    }

    @Test
    void textShowsEveryEffectiveValueWithItsOriginAndEverySection() throws Exception {
        Workspace w = new Workspace(temp);
        String text = ConfigExplainer.text(seeded(w), HOST);
        Path user = w.wardenHome.resolve("config.toml");
        assertThat(text).contains("approval_policy.granular.rules", "profile:safe-workspace " + user + ":5");
        assertThat(text).containsPattern("(?m)^  approvals_reviewer +auto_review +profile:safe-workspace " + user + ":10$");
        assertThat(text).containsPattern("(?m)^  otel.environment +staging +cli -c #1$");
        assertThat(text).contains("Filesystem (permission profile `workspace`)", "deny glob", w.project + "/**/*.env",
                "denied", w.home.resolve(".ssh").toString(), "glob scan depth  3");
        assertThat(text).contains("commands will not see 1 host variable: GITHUB_TOKEN");
        assertThat(text).contains("allowed_approval_policies", "granular, on-request");
        assertThat(text).contains("ignored: project not trusted (run `warden trust " + w.project + "`)");
        assertThat(text).containsPattern("(?m)^  model +profile:safe-workspace " + user + ":2$");
        assertThat(text).doesNotContain("grants no read access");
    }

    @Test
    void textColumnsAreAligned() throws Exception {
        String text = ConfigExplainer.text(seeded(new Workspace(temp)), HOST);
        String section = text.substring(text.indexOf("Effective values"), text.indexOf("Filesystem"));
        List<Integer> starts = section.lines().skip(1).filter(l -> !l.isBlank())
                .map(l -> {
                    int i = l.indexOf(' ', 2);
                    while (l.charAt(i) == ' ') {
                        i++;
                    }
                    return i;
                }).distinct().toList();
        assertThat(section.lines().skip(1).filter(l -> !l.isBlank()).count()).isGreaterThan(10);
        assertThat(starts).as("every value starts in the same column").hasSize(1);
    }

    @Test
    void jsonCarriesTheSameFactsAndRoundTrips() throws Exception {
        Workspace w = new Workspace(temp);
        LoadedConfig loaded = seeded(w);
        Map<String, Object> json = ConfigExplainer.json(loaded, HOST);
        assertThat(json).containsKeys("digest", "project", "effective", "filesystem", "environment", "requirements",
                "sources", "warnings", "not_enforced", "rule_sources", "settings");
        @SuppressWarnings("unchecked")
        Map<String, Object> reviewer = (Map<String, Object>) ((Map<String, Object>) json.get("effective")).get("approvals_reviewer");
        assertThat(reviewer.get("value")).isEqualTo("auto_review");
        assertThat(reviewer.get("set_by")).isEqualTo(Map.of("layer", "profile:safe-workspace",
                "file", w.wardenHome.resolve("config.toml").toString(), "line", 10));
        assertThat(((Map<?, ?>) json.get("environment")).get("dropped")).isEqualTo(List.of("GITHUB_TOKEN"));
        assertThat(Json.parse(Json.write(json))).isInstanceOf(Map.class);
    }

    @Test
    void digestIsStableAndFollowsEffectiveValuesOnly() throws Exception {
        Workspace w = new Workspace(temp);
        w.user("approval_policy = \"untrusted\"\nmodel = \"a\"\n");
        String first = w.load().digest();
        assertThat(first).hasSize(64).matches("[0-9a-f]+");
        assertThat(w.load().digest()).isEqualTo(first);
        w.user("approval_policy = \"untrusted\"\nmodel = \"b\"\n");
        assertThat(w.load().digest()).as("keys Warden does not enforce do not change behaviour").isEqualTo(first);
        assertThat(w.load("approval_policy=never").digest()).isNotEqualTo(first);
        assertThat(w.load("sandbox_mode=workspace-write").digest()).isNotEqualTo(first);
    }
}
