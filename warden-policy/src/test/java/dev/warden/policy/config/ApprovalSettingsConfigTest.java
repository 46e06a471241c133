package dev.warden.policy.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** [approvals] timeout_seconds and the model reviewer keys of [auto_review]: defaults, layers, and errors a person can fix. */
class ApprovalSettingsConfigTest {
    @TempDir
    Path temp;
    Workspace w;

    @BeforeEach
    void setUp() {
        w = new Workspace(temp);
    }

    @Test
    void defaultsAreFiveMinutesAndNoModelReviewer() throws Exception {
        ApprovalSettings settings = w.load().effective().approvals();
        assertThat(settings.timeout()).isEqualTo(Duration.ofSeconds(300));
        assertThat(settings.modelReviewer()).isEmpty();
        assertThat(ConfigExplainer.text(w.load(), Map.of())).containsPattern("approvals\\.timeout_seconds +300 +default");
    }

    @Test
    void aModelReviewerNeedsEndpointAndModelAndNamesItsKeyByVariable() throws Exception {
        Path user = w.user("""
                [approvals]
                timeout_seconds = 30
                [auto_review]
                endpoint = "http://127.0.0.1:9/v1/chat/completions"
                model = "reviewer-1"
                api_key_env = "REVIEW_KEY"
                """);
        LoadedConfig config = w.load("auto_review.timeout_seconds=5");
        ApprovalSettings settings = config.effective().approvals();
        assertThat(settings.timeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(settings.modelReviewer()).contains(new ApprovalSettings.ModelReviewer(
                URI.create("http://127.0.0.1:9/v1/chat/completions"), "reviewer-1", Optional.of("REVIEW_KEY"),
                Duration.ofSeconds(5)));
        String text = ConfigExplainer.text(config, Map.of());
        assertThat(text).containsPattern("approvals\\.timeout_seconds +30 +user " + java.util.regex.Pattern.quote(user + ":2"))
                .containsPattern("auto_review\\.model +reviewer-1 +user")
                .containsPattern("auto_review\\.timeout_seconds +5 +cli -c #1");
    }

    @Test
    void halfConfiguredReviewersAndZeroTimeoutsAreErrors() {
        Path user = w.user("[auto_review]\nmodel = \"m\"\n");
        assertThatThrownBy(() -> w.load()).isInstanceOf(ConfigException.class)
                .hasMessage("auto_review.model (user config " + user + ":2:1): set, but auto_review.endpoint is not;"
                        + " add the chat-completions URL or remove it");
        w.user("[auto_review]\nendpoint = \"file:///etc/passwd\"\nmodel = \"m\"\n");
        assertThatThrownBy(() -> w.load()).hasMessageContaining("must be an http or https URL");
        w.user("[auto_review]\nendpoint = \"https://x.example/v1/chat/completions\"\n");
        assertThatThrownBy(() -> w.load()).hasMessageContaining("needs auto_review.model too");
        w.user("[auto_review]\nendpoint = \"https://x.example/v1\"\nmodel = \"m\"\napi_key_env = \"sk-abc 123\"\n");
        assertThatThrownBy(() -> w.load()).hasMessageContaining("is not an environment variable name");
        w.user("[approvals]\ntimeout_seconds = 0\n");
        assertThatThrownBy(() -> w.load()).hasMessageContaining("approvals.timeout_seconds")
                .hasMessageContaining("must be at least 1");
    }
}
