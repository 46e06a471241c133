package dev.warden.policy.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code sandbox_backend} in every layer, its pin in requirements, and {@code allow_degraded_sandbox}. */
class SandboxBackendConfigTest {
    @TempDir
    Path temp;
    Workspace w;

    @BeforeEach
    void setUp() {
        w = new Workspace(temp);
    }

    @Test
    void defaultsToAutoAndNothingDegraded() throws Exception {
        LoadedConfig loaded = w.load();
        assertThat(loaded.effective().sandboxBackend()).isEqualTo(SandboxBackendChoice.AUTO);
        assertThat(loaded.requirements().allowDegradedSandbox()).isFalse();
        assertThat(loaded.requirements().sandboxBackend()).isEmpty();
    }

    @Test
    void everyLayerAndProfileCanChooseTheBackend() throws Exception {
        w.user("sandbox_backend = \"landlock\"\n[profiles.ns]\nsandbox_backend = \"bwrap\"\n");
        assertThat(w.load().effective().sandboxBackend()).isEqualTo(SandboxBackendChoice.LANDLOCK);
        assertThat(w.loadProfile("ns").effective().sandboxBackend()).isEqualTo(SandboxBackendChoice.BWRAP);
        assertThat(w.load("sandbox_backend=auto").effective().sandboxBackend()).isEqualTo(SandboxBackendChoice.AUTO);
    }

    @Test
    void anUnknownBackendListsTheAllowedOnes() {
        Path user = w.user("sandbox_backend = \"firejail\"\n");
        assertThatThrownBy(w::load).isInstanceOf(ConfigException.class)
                .hasMessageContaining(user + ":1")
                .hasMessageContaining("unknown value \"firejail\"; allowed: auto, bwrap, landlock");
    }

    @Test
    void aPinnedBackendReplacesADifferentConfiguredOneWithAWarning() throws Exception {
        Path requirements = w.requirements("sandbox_backend = \"bwrap\"\nallow_degraded_sandbox = true\n");
        Path user = w.user("sandbox_backend = \"landlock\"\n");
        LoadedConfig loaded = w.load();
        assertThat(loaded.effective().sandboxBackend()).isEqualTo(SandboxBackendChoice.BWRAP);
        assertThat(loaded.requirements().allowDegradedSandbox()).isTrue();
        assertThat(loaded.warnings()).containsExactly("sandbox_backend \"landlock\" (user config " + user + ":1:1)"
                + " is not allowed by requirements " + requirements + ":1 (sandbox_backend: bwrap); using \"bwrap\"");
        assertThat(loaded.origins().get("sandbox_backend").layer()).isEqualTo("requirements");
    }

    @Test
    void thePinAlsoReplacesTheDefaultQuietly() throws Exception {
        w.requirements("sandbox_backend = \"landlock\"\n");
        LoadedConfig loaded = w.load();
        assertThat(loaded.effective().sandboxBackend()).isEqualTo(SandboxBackendChoice.LANDLOCK);
        assertThat(loaded.warnings()).isEmpty();
    }

    @Test
    void requirementsCheckTheirTypesAndValues() {
        w.requirements("allow_degraded_sandbox = \"yes\"\n");
        assertThatThrownBy(w::load).isInstanceOf(ConfigException.class).hasMessageContaining("allow_degraded_sandbox");
        w.requirements("sandbox_backend = \"chroot\"\n");
        assertThatThrownBy(w::load).isInstanceOf(ConfigException.class)
                .hasMessageContaining("allowed: auto, bwrap, landlock");
    }

    @Test
    void explainShowsTheBackendAndTheRequirements() throws Exception {
        w.requirements("sandbox_backend = \"bwrap\"\nallow_degraded_sandbox = false\n");
        LoadedConfig loaded = w.load();
        String text = ConfigExplainer.text(loaded, Map.of());
        assertThat(text).containsPattern("sandbox_backend +bwrap +requirements");
        assertThat(text).containsPattern("allow_degraded_sandbox +false");
        @SuppressWarnings("unchecked")
        Map<String, Object> requirements = (Map<String, Object>) ConfigExplainer.json(loaded, Map.of()).get("requirements");
        assertThat(requirements).containsEntry("sandbox_backend", "bwrap").containsEntry("allow_degraded_sandbox", false);
    }

    @Test
    void theBackendIsPartOfTheDigest() throws Exception {
        String auto = w.load().digest();
        assertThat(w.load("sandbox_backend=landlock").digest()).isNotEqualTo(auto);
    }
}
