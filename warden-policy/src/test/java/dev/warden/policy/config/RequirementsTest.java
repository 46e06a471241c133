package dev.warden.policy.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.warden.policy.fs.Access;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RequirementsTest {
    @TempDir
    Path temp;
    Workspace w;
    Path requirements;

    @BeforeEach
    void setUp() {
        w = new Workspace(temp);
        requirements = w.systemDir.resolve("requirements.toml");
    }

    @Test
    void aDisallowedValueFallsBackToTheFirstAllowedWithAWarningNamingBothSources() throws Exception {
        w.requirements("allowed_approval_policies = [\"untrusted\", \"on-request\"]\n");
        Path user = w.user("\napproval_policy = \"never\"\n");
        LoadedConfig loaded = w.load();
        assertThat(loaded.effective().approvalPolicy()).isEqualTo(new ApprovalPolicy.Untrusted());
        assertThat(loaded.warnings()).containsExactly("approval_policy \"never\" (user config " + user + ":2:1)"
                + " is not allowed by requirements " + requirements + ":1 (allowed_approval_policies: untrusted, on-request);"
                + " using \"untrusted\"");
        assertThat(loaded.origins().get("approval_policy").layer()).isEqualTo("requirements");
        assertThat(loaded.origins().get("approval_policy").file()).contains(requirements);
    }

    @Test
    void allowedValuesPassUntouched() throws Exception {
        w.requirements("allowed_sandbox_modes = [\"read-only\", \"workspace-write\"]\n"
                + "allowed_approvals_reviewers = [\"auto_review\"]\n");
        w.user("sandbox_mode = \"workspace-write\"\napprovals_reviewer = \"auto_review\"\n");
        LoadedConfig loaded = w.load();
        assertThat(loaded.effective().sandboxMode()).isEqualTo(SandboxMode.WORKSPACE_WRITE);
        assertThat(loaded.warnings()).noneMatch(x -> x.contains("not allowed"));
    }

    @Test
    void defaultsOutsideTheAllowedSetAreReplacedQuietly() throws Exception {
        w.requirements("allowed_approvals_reviewers = [\"auto_review\"]\n");
        LoadedConfig loaded = w.load();
        assertThat(loaded.effective().approvalsReviewer()).isEqualTo(ApprovalsReviewer.AUTO_REVIEW);
        assertThat(loaded.warnings()).isEmpty();
    }

    @Test
    void sandboxModeFromTheCommandLineCannotEscapeTheRequirement() throws Exception {
        w.requirements("allowed_sandbox_modes = [\"workspace-write\", \"read-only\"]\n");
        LoadedConfig loaded = w.load("sandbox_mode=danger-full-access");
        assertThat(loaded.effective().sandboxMode()).isEqualTo(SandboxMode.WORKSPACE_WRITE);
        assertThat(loaded.effective().filesystem().fullDiskWrite()).isFalse();
        assertThat(loaded.warnings()).singleElement().asString()
                .contains("sandbox_mode \"danger-full-access\" (command line -c sandbox_mode=danger-full-access)");
    }

    @Test
    void aCustomProfileThatAmountsToADisallowedModeIsReplaced() throws Exception {
        w.requirements("allowed_sandbox_modes = [\"read-only\"]\n");
        w.user("default_permissions = \"everything\"\n[permissions.everything.filesystem]\n\":root\" = \"write\"\n");
        LoadedConfig loaded = w.load();
        assertThat(loaded.effective().permissionProfile()).isEqualTo("read-only");
        assertThat(loaded.effective().filesystem().writableRoots()).isEmpty();
        assertThat(loaded.effective().filesystem().fullDiskWrite()).isFalse();
        assertThat(loaded.warnings()).anyMatch(x -> x.contains("`everything`") && x.contains("danger-full-access"));
    }

    @Test
    void permissionProfilesFallBackAndUndefinedFallbacksAreFatal() throws Exception {
        w.requirements("allowed_permission_profiles = [\":read-only\", \"workspace-write\"]\n");
        w.user("default_permissions = \"danger-full-access\"\n");
        LoadedConfig loaded = w.load();
        assertThat(loaded.effective().permissionProfile()).isEqualTo("read-only");
        assertThat(loaded.warnings()).anyMatch(x -> x.contains("permission profile `danger-full-access`"));

        w.requirements("allowed_permission_profiles = [\"corp\"]\n");
        assertThatThrownBy(() -> w.load()).isInstanceOf(ConfigException.class)
                .hasMessageContaining("first allowed profile `corp` is not defined");
    }

    @Test
    void anEmptyAllowedListMeansNoFallbackAndWardenRefuses() {
        for (String key : List.of("allowed_approval_policies", "allowed_sandbox_modes", "allowed_approvals_reviewers",
                "allowed_permission_profiles")) {
            w.requirements(key + " = []\n");
            assertThatThrownBy(() -> w.load()).as(key).isInstanceOf(ConfigException.class)
                    .hasMessageStartingWith(key + " (requirements " + requirements + ":1:1): is empty")
                    .hasMessageContaining("refuses to run");
        }
    }

    @Test
    void unknownRequirementKeysAreErrorsNamingKeyAndFile() {
        w.requirements("allowed_sandbox_mode = [\"read-only\"]\n");
        assertThatThrownBy(() -> w.load()).isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("allowed_sandbox_mode (requirements " + requirements + ":1)")
                .hasMessageContaining("unknown requirement key");
        w.requirements("[network]\nallowed_domain = [\"x.com\"]\n");
        assertThatThrownBy(() -> w.load()).hasMessageStartingWith("network.allowed_domain (requirements ");
    }

    @Test
    void unknownAllowedValuesListTheRealOnes() {
        w.requirements("allowed_sandbox_modes = [\"full\"]\n");
        assertThatThrownBy(() -> w.load())
                .hasMessageContaining("unknown value \"full\"; allowed: read-only, workspace-write, danger-full-access");
    }

    @Test
    void denyReadIsAUnionNoLayerCanRemove() throws Exception {
        Path secrets = Files.createDirectories(w.home.resolve(".ssh"));
        w.requirements("[permissions.filesystem]\ndeny_read = [\"~/.ssh\", \"**/*.pem\", \"/srv/vault\"]\n");
        w.trustProject();
        w.system("default_permissions = \"open\"\n[permissions.open]\nextends = \"danger-full-access\"\n"
                + "[permissions.open.filesystem]\n\"~/.ssh\" = \"write\"\n");
        w.user("[permissions.open.filesystem]\n\"~/.ssh/id_rsa\" = \"read\"\n\"/srv/vault\" = \"read\"\n"
                + "[profiles.p.permissions.open.filesystem]\n\"~/.ssh\" = \"read\"\n");
        w.projectConfig("[permissions.open.filesystem.\":project_roots\"]\n\"keys/server.pem\" = \"read\"\n");
        LoadedConfig loaded = w.loadProfile("p", "permissions.open.filesystem.\"/srv/vault/x\"=write");
        var fs = loaded.effective().filesystem();
        assertThat(fs.accessFor(secrets.resolve("id_rsa"))).isEqualTo(Access.NONE);
        assertThat(fs.accessFor(secrets)).isEqualTo(Access.NONE);
        assertThat(fs.accessFor(w.project.resolve("keys/server.pem"))).isEqualTo(Access.NONE);
        assertThat(fs.accessFor(Path.of("/srv/vault/x/y"))).isEqualTo(Access.NONE);
        assertThat(fs.accessFor(w.project.resolve("src/main.c"))).isEqualTo(Access.WRITE);
        assertThat(fs.deniedPaths()).contains(secrets, Path.of("/srv/vault"));
        assertThat(loaded.requirements().denyRead()).containsExactly("~/.ssh", "**/*.pem", "/srv/vault");
    }

    @Test
    void denyReadEntriesMustBeAnchored() {
        w.requirements("[permissions.filesystem]\ndeny_read = [\"secrets\"]\n");
        assertThatThrownBy(() -> w.load()).hasMessageContaining("\"secrets\" must be an absolute path");
        w.requirements("[permissions.filesystem]\ndeny_read = [\"/a/[bc]\"]\n");
        assertThatThrownBy(() -> w.load()).hasMessageContaining("unsupported syntax");
    }

    @Test
    void prefixRulesAndNetworkConstraintsAreKept() throws Exception {
        w.requirements("[rules]\nprefix_rules = [{ pattern = [{ token = \"rm\" }], decision = \"forbidden\" }]\n"
                + "[network]\nallowed_domains = [\"github.com\", \"*.npmjs.org\"]\ndenied_domains = [\"evil.example\"]\n"
                + "managed_allowed_domains_only = true\n");
        LoadedConfig loaded = w.load();
        RuleSource rules = loaded.ruleSources().getFirst();
        assertThat(rules.layer()).isEqualTo("requirements");
        assertThat(rules.file()).isEqualTo(requirements);
        assertThat(rules.allowDecisionAllowed()).isFalse();
        assertThat(rules.tomlPrefixRules().orElseThrow().size()).isEqualTo(1);
        assertThat(loaded.requirements().allowedDomains()).containsExactly("github.com", "*.npmjs.org");
        assertThat(loaded.requirements().deniedDomains()).containsExactly("evil.example");
        assertThat(loaded.requirements().managedAllowedDomainsOnly()).isTrue();
        assertThat(loaded.sources().getFirst()).isEqualTo(new ConfigSource("requirements", requirements, "applied"));
    }

    @Test
    void requirementTypesAreChecked() {
        w.requirements("[network]\nmanaged_allowed_domains_only = \"yes\"\n");
        assertThatThrownBy(() -> w.load()).hasMessage("network.managed_allowed_domains_only (requirements "
                + requirements + ":2:1): expected a boolean, got a string");
        w.requirements("allowed_sandbox_modes = \"read-only\"\n");
        assertThatThrownBy(() -> w.load()).hasMessageContaining("expected an array of strings, got a string");
    }
}
