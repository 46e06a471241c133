package dev.warden.policy.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.policy.fs.Access;
import dev.warden.policy.fs.DenyGlob;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Objects;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The profile from the article Warden grew out of must load verbatim and mean exactly what it says. */
class SeedProfileTest {
    @TempDir
    Path temp;
    Workspace w;
    Path userConfig;
    LoadedConfig loaded;

    @BeforeEach
    void load() throws Exception {
        w = new Workspace(temp);
        userConfig = w.user(fixture());
        loaded = w.loadProfile("safe-workspace");
    }

    static String fixture() throws IOException {
        try (InputStream in = SeedProfileTest.class.getResourceAsStream("/fixtures/safe-workspace.toml")) {
            return new String(Objects.requireNonNull(in, "fixture").readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void approvalPolicyIsGranularWithEveryFlagAsWritten() {
        assertThat(loaded.effective().approvalPolicy())
                .isEqualTo(new ApprovalPolicy.Granular(true, true, true, false, false));
        assertThat(loaded.effective().approvalPolicy().wireName()).isEqualTo("granular");
    }

    @Test
    void reviewerSandboxAndPermissionProfile() {
        EffectiveConfig e = loaded.effective();
        assertThat(e.approvalsReviewer()).isEqualTo(ApprovalsReviewer.AUTO_REVIEW);
        assertThat(e.sandboxMode()).isEqualTo(SandboxMode.WORKSPACE_WRITE);
        assertThat(e.permissionProfile()).isEqualTo("workspace");
        assertThat(e.networkAccess()).isFalse();
    }

    @Test
    void filesystemPolicyHasTheProjectWritableAndTwoDenyGlobs() {
        var fs = loaded.effective().filesystem();
        assertThat(fs.fullDiskRead()).isFalse();
        assertThat(fs.fullDiskWrite()).isFalse();
        assertThat(fs.writableRoots()).containsExactly(w.project);
        // The seed names only its project; the platform minimum (/usr, /lib, ...) is readable so programs start.
        assertThat(fs.readableRoots()).contains(dev.warden.policy.fs.CanonicalPath.of(java.nio.file.Path.of("/usr")))
                .allMatch(root -> !root.startsWith(w.home));
        assertThat(fs.deniedPaths()).isEmpty();
        assertThat(fs.denyGlobs()).containsExactly(
                new DenyGlob(w.project, "**/*.env"), new DenyGlob(w.project, "**/.secrets/**"));
        assertThat(fs.globScanMaxDepth()).isEqualTo(3);
        assertThat(fs.accessFor(w.project.resolve("src/Main.java"))).isEqualTo(Access.WRITE);
        assertThat(fs.accessFor(w.project.resolve("config/prod.env"))).isEqualTo(Access.NONE);
        assertThat(fs.accessFor(w.project.resolve(".env"))).isEqualTo(Access.NONE);
        assertThat(fs.accessFor(w.project.resolve("a/.secrets/key.pem"))).isEqualTo(Access.NONE);
        assertThat(fs.accessFor(w.project.resolve(".git/config"))).isEqualTo(Access.READ);
        assertThat(fs.accessFor(w.root.resolve("elsewhere"))).isEqualTo(Access.NONE);
    }

    @Test
    void modelAndWebSearchAreReportedAsNotEnforced() {
        assertThat(loaded.notEnforced()).containsOnlyKeys("model", "sandbox_workspace_write.web_search");
        ValueOrigin model = loaded.notEnforced().get("model");
        assertThat(model.layer()).isEqualTo("profile:safe-workspace");
        assertThat(model.file()).contains(userConfig);
        assertThat(model.line()).isEqualTo(2);
        assertThat(loaded.notEnforced().get("sandbox_workspace_write.web_search").line()).isEqualTo(20);
    }

    @Test
    void everyValueIsTracedToTheProfileInTheUserConfig() {
        assertThat(loaded.origins().get("approval_policy.granular.rules"))
                .isEqualTo(new ValueOrigin("profile:safe-workspace", java.util.Optional.of(userConfig), 5));
        assertThat(loaded.origins().get("approvals_reviewer").line()).isEqualTo(10);
        assertThat(loaded.origins().get("sandbox_mode").line()).isEqualTo(11);
        assertThat(loaded.origins().get("default_permissions").line()).isEqualTo(12);
        assertThat(loaded.origins().get("sandbox_workspace_write.network_access").line()).isEqualTo(19);
        assertThat(loaded.origins().get("approvals_reviewer").layer()).isEqualTo("profile:safe-workspace");
        assertThat(loaded.sources()).contains(new ConfigSource("profile:safe-workspace", userConfig, "applied"));
    }

    @Test
    void withoutTheProfileTheUserConfigChangesNothing() throws Exception {
        LoadedConfig plain = w.load();
        assertThat(plain.effective().approvalPolicy()).isEqualTo(new ApprovalPolicy.OnRequest());
        assertThat(plain.effective().approvalsReviewer()).isEqualTo(ApprovalsReviewer.USER);
        assertThat(plain.notEnforced()).isEmpty();
        assertThat(plain.digest()).isNotEqualTo(loaded.digest());
    }
}
