package dev.warden.policy.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class LayerPrecedenceTest {
    @TempDir
    Path temp;

    static final List<String> LAYERS = List.of("default", "system", "user", "project", "profile", "cli");

    static Stream<Arguments> pairs() {
        List<Arguments> pairs = new ArrayList<>();
        for (int low = 0; low < LAYERS.size(); low++) {
            for (int high = low + 1; high < LAYERS.size(); high++) {
                pairs.add(Arguments.of(LAYERS.get(low), LAYERS.get(high)));
            }
        }
        return pairs.stream();
    }

    /** Writes approval_policy = value into one layer, so the pair's winner can be read back with its origin. */
    private static void set(String layer, String value, StringBuilder system, StringBuilder user, StringBuilder profile,
                            StringBuilder project, List<String> cli) {
        String line = "approval_policy = \"" + value + "\"\n";
        switch (layer) {
            case "default" -> { }
            case "system" -> system.append(line);
            case "user" -> user.append(line);
            case "profile" -> profile.append(line);
            case "project" -> project.append(line);
            case "cli" -> cli.add("approval_policy=" + value);
            default -> throw new IllegalArgumentException(layer);
        }
    }

    @ParameterizedTest(name = "{1} beats {0}")
    @MethodSource("pairs")
    void theHigherLayerWinsAndIsNamedAsTheOrigin(String low, String high) throws Exception {
        Workspace w = new Workspace(temp).trustProject();
        StringBuilder system = new StringBuilder();
        StringBuilder user = new StringBuilder();
        StringBuilder profile = new StringBuilder("[profiles.p]\n");
        StringBuilder project = new StringBuilder();
        List<String> cli = new ArrayList<>();
        set(low, "untrusted", system, user, profile, project, cli);
        set(high, "never", system, user, profile, project, cli);
        w.system(system.toString());
        w.user(user.toString() + profile);
        w.projectConfig(project.toString());

        LoadedConfig loaded = w.loadProfile("p", cli.toArray(String[]::new));

        assertThat(loaded.effective().approvalPolicy()).isEqualTo(new ApprovalPolicy.Never());
        String expectedLayer = high.equals("profile") ? "profile:p" : high;
        assertThat(loaded.origins().get("approval_policy").layer()).isEqualTo(expectedLayer);
    }

    @Test
    void tablesMergeKeyByKeyAcrossLayers() throws Exception {
        Workspace w = new Workspace(temp);
        w.system("[sandbox_workspace_write]\nnetwork_access = true\n[shell_environment_policy]\ninherit = \"core\"\n");
        w.user("sandbox_mode = \"workspace-write\"\n[sandbox_workspace_write]\nexclude_slash_tmp = true\n"
                + "[shell_environment_policy.set]\nA = \"1\"\n");
        LoadedConfig loaded = w.load("shell_environment_policy.set.B=two");
        assertThat(loaded.effective().networkAccess()).isTrue();
        assertThat(loaded.effective().filesystem().writableRoots()).doesNotContain(Path.of("/tmp").toRealPath());
        assertThat(loaded.effective().shellEnvironment().inherit()).isEqualTo(ShellEnvironmentPolicy.Inherit.CORE);
        assertThat(loaded.effective().shellEnvironment().set()).containsOnlyKeys("A", "B");
        assertThat(loaded.origins().get("sandbox_workspace_write.network_access").layer()).isEqualTo("system");
        assertThat(loaded.origins().get("sandbox_workspace_write.exclude_slash_tmp").layer()).isEqualTo("user");
    }

    @Test
    void arraysFromAHigherLayerReplaceRatherThanAppend() throws Exception {
        Workspace w = new Workspace(temp);
        w.system("sandbox_mode = \"workspace-write\"\n[sandbox_workspace_write]\nwritable_roots = [\"/opt/a\", \"/opt/b\"]\n");
        w.user("[sandbox_workspace_write]\nwritable_roots = [\"/opt/c\"]\n");
        LoadedConfig loaded = w.load();
        assertThat(loaded.effective().filesystem().writableRoots()).contains(Path.of("/opt/c"))
                .doesNotContain(Path.of("/opt/a"), Path.of("/opt/b"));
    }

    @Test
    void aScalarCanReplaceATableAndBack() throws Exception {
        Workspace w = new Workspace(temp);
        w.system("approval_policy = { granular = { sandbox_approval = true, rules = true, mcp_elicitations = true } }\n");
        w.user("approval_policy = \"untrusted\"\n");
        assertThat(w.load().effective().approvalPolicy()).isEqualTo(new ApprovalPolicy.Untrusted());
        assertThat(w.load("approval_policy.granular.rules=false", "approval_policy.granular.sandbox_approval=true",
                "approval_policy.granular.mcp_elicitations=false").effective().approvalPolicy())
                .isEqualTo(new ApprovalPolicy.Granular(true, false, false, false, false));
    }

    @Test
    void profilesMergeAcrossTheLayersThatDefineThem() throws Exception {
        Workspace w = new Workspace(temp);
        w.system("[profiles.team]\napproval_policy = \"untrusted\"\napprovals_reviewer = \"auto_review\"\n");
        w.user("[profiles.team]\napproval_policy = \"on-failure\"\n");
        LoadedConfig loaded = w.loadProfile("team");
        assertThat(loaded.effective().approvalPolicy()).isEqualTo(new ApprovalPolicy.OnFailure());
        assertThat(loaded.effective().approvalsReviewer()).isEqualTo(ApprovalsReviewer.AUTO_REVIEW);
        assertThat(loaded.origins().get("approvals_reviewer").file()).contains(w.systemDir.resolve("config.toml"));
        assertThat(loaded.origins().get("approval_policy").file()).contains(w.wardenHome.resolve("config.toml"));
    }

    @Test
    void defaultsFollowCodexForTrustedAndUntrustedProjects() throws Exception {
        Workspace w = new Workspace(temp);
        LoadedConfig untrusted = w.load();
        assertThat(untrusted.effective().sandboxMode()).isEqualTo(SandboxMode.READ_ONLY);
        assertThat(untrusted.effective().approvalPolicy()).isEqualTo(new ApprovalPolicy.OnRequest());
        assertThat(untrusted.effective().approvalsReviewer()).isEqualTo(ApprovalsReviewer.USER);
        assertThat(untrusted.effective().networkAccess()).isFalse();
        assertThat(untrusted.origins().get("sandbox_mode").layer()).isEqualTo("default");
        LoadedConfig trusted = w.trustProject().load();
        assertThat(trusted.effective().sandboxMode()).isEqualTo(SandboxMode.WORKSPACE_WRITE);
        assertThat(trusted.effective().permissionProfile()).isEqualTo("workspace-write");
        assertThat(trusted.effective().filesystem().writableRoots()).contains(w.project, w.tmpdir);
        assertThat(trusted.effective().projectTrusted()).isTrue();
    }
}
