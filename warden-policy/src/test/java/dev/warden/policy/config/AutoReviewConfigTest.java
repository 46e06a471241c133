package dev.warden.policy.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.warden.policy.risk.AutoReviewThresholds;
import dev.warden.policy.risk.ThresholdAction;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The automatic reviewer's thresholds come from [auto_review], layer by layer, and config explain shows who set them. */
class AutoReviewConfigTest {
    @TempDir
    Path temp;
    Workspace w;

    @BeforeEach
    void setUp() {
        w = new Workspace(temp);
    }

    @Test
    void defaultsFollowTheReferenceDesign() throws Exception {
        assertThat(w.load().effective().autoReview()).isEqualTo(AutoReviewThresholds.DEFAULTS);
        assertThat(AutoReviewThresholds.DEFAULTS.toMap()).containsExactly(Map.entry("low", "allow"),
                Map.entry("medium", "allow"), Map.entry("high", "allow-if-authorized"), Map.entry("critical", "deny"));
    }

    @Test
    void layersOverrideOneLevelAtATimeAndExplainSaysWhere() throws Exception {
        Path user = w.user("[auto_review]\nmedium = \"ask\"\nhigh = \"ask\"\n");
        LoadedConfig config = w.load();
        assertThat(config.effective().autoReview()).isEqualTo(new AutoReviewThresholds(ThresholdAction.ALLOW,
                ThresholdAction.ASK, ThresholdAction.ASK, ThresholdAction.DENY));
        String text = ConfigExplainer.text(config, Map.of());
        assertThat(text).containsPattern("auto_review\\.medium +ask +user " + java.util.regex.Pattern.quote(user + ":2"));
        assertThat(text).containsPattern("auto_review\\.critical +deny +default");
        @SuppressWarnings("unchecked")
        Map<String, Object> effective = (Map<String, Object>) ConfigExplainer.json(config, Map.of()).get("effective");
        assertThat(effective).containsKeys("auto_review.low", "auto_review.medium", "auto_review.high", "auto_review.critical");
    }

    @Test
    void aProfileCanTightenTheThresholds() throws Exception {
        w.user("[profiles.careful.auto_review]\nhigh = \"deny\"\n");
        assertThat(w.loadProfile("careful").effective().autoReview().high()).isEqualTo(ThresholdAction.DENY);
    }

    @Test
    void unknownActionsAreRefusedWithTheAllowedOnes() {
        Path user = w.user("[auto_review]\nhigh = \"maybe\"\n");
        assertThatThrownBy(() -> w.load()).isInstanceOf(ConfigException.class).hasMessage("auto_review.high (user config "
                + user + ":2:1): unknown value \"maybe\"; allowed: allow, allow-if-authorized, ask, deny");
    }

    @Test
    void aHigherLevelMayNotBeMoreLenientThanALowerOne() {
        Path user = w.user("[auto_review]\ncritical = \"allow\"\n");
        assertThatThrownBy(() -> w.load()).isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("auto_review.critical = \"allow\" is more lenient than a lower level's "
                        + "\"allow-if-authorized\"")
                .hasMessageContaining("auto_review.critical: user config " + user + ":2:1")
                .hasMessageContaining("auto_review.high: built-in default");
    }
}
