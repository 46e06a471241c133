package dev.warden.policy.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CommandLineOverridesTest {
    @TempDir
    Path temp;
    Workspace w;

    @BeforeEach
    void setUp() {
        w = new Workspace(temp);
    }

    @Test
    void bareWordValuesAreStrings() throws Exception {
        LoadedConfig loaded = w.load("sandbox_mode=read-only", "approvals_reviewer=auto_review");
        assertThat(loaded.effective().sandboxMode()).isEqualTo(SandboxMode.READ_ONLY);
        assertThat(loaded.effective().approvalsReviewer()).isEqualTo(ApprovalsReviewer.AUTO_REVIEW);
        assertThat(loaded.origins().get("sandbox_mode")).isEqualTo(new ValueOrigin("cli", java.util.Optional.empty(), 1));
        assertThat(loaded.origins().get("approvals_reviewer").line()).isEqualTo(2);
    }

    @Test
    void inlineTablesParseAsToml() throws Exception {
        LoadedConfig loaded = w.load("approval_policy={granular={sandbox_approval=true,rules=false,"
                + "mcp_elicitations=true,request_permissions=true,skill_approval=false}}");
        assertThat(loaded.effective().approvalPolicy()).isEqualTo(new ApprovalPolicy.Granular(true, false, true, true, false));
    }

    @Test
    void dottedUnknownKeysAreKeptAndReported() throws Exception {
        LoadedConfig loaded = w.load("a.b.c=1", "model=\"gpt-5\"");
        assertThat(loaded.notEnforced()).containsOnlyKeys("a.b.c", "model");
        assertThat(loaded.notEnforced().get("a.b.c").layer()).isEqualTo("cli");
    }

    @Test
    void quotedKeySegmentsReachPermissionProfiles() throws Exception {
        LoadedConfig loaded = w.load("default_permissions=mine", "permissions.mine.extends=read-only",
                "permissions.mine.filesystem.\":project_roots\".\"**/*.key\"=none");
        assertThat(loaded.effective().permissionProfile()).isEqualTo("mine");
        assertThat(loaded.effective().filesystem().denyGlobs()).hasSize(1);
        assertThat(loaded.effective().filesystem().accessFor(w.project.resolve("a/b.key")))
                .isEqualTo(dev.warden.policy.fs.Access.NONE);
    }

    @Test
    void aLaterOverrideOfTheSameKeyWins() throws Exception {
        assertThat(w.load("sandbox_mode=danger-full-access", "sandbox_mode=read-only").effective().sandboxMode())
                .isEqualTo(SandboxMode.READ_ONLY);
    }

    @Test
    void typedValuesKeepTheirTomlType() throws Exception {
        assertThat(w.load("sandbox_mode=workspace-write", "sandbox_workspace_write.network_access=true")
                .effective().networkAccess()).isTrue();
        assertThatThrownBy(() -> w.load("sandbox_workspace_write.network_access=yes"))
                .isInstanceOf(ConfigException.class)
                .hasMessage("sandbox_workspace_write.network_access (command line -c sandbox_workspace_write.network_access=yes):"
                        + " expected a boolean, got a string");
    }

    @Test
    void withoutAnEqualsSignItIsAnError() {
        assertThatThrownBy(() -> w.load("sandbox_mode")).isInstanceOf(ConfigException.class)
                .hasMessageContaining("-c sandbox_mode: expected key=value");
        assertThatThrownBy(() -> w.load("=x")).hasMessageContaining("is not a key path");
        assertThatThrownBy(() -> w.load("a..b=1")).hasMessageContaining("is not a key path");
    }

    @Test
    void aValueCannotSmuggleASecondKey() throws Exception {
        assertThatThrownBy(() -> w.load("approvals_reviewer=user\nsandbox_mode = \"danger-full-access\""))
                .isInstanceOf(ConfigException.class).hasMessageContaining("unknown value");
        LoadedConfig loaded = w.load("model=x\nsandbox_mode = \"danger-full-access\"");
        assertThat(loaded.effective().sandboxMode()).isEqualTo(SandboxMode.READ_ONLY);
    }
}
