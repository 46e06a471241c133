package dev.warden.policy.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProjectTrustTest {
    @TempDir
    Path temp;
    Workspace w;

    @BeforeEach
    void setUp() {
        w = new Workspace(temp);
    }

    @Test
    void anUntrustedProjectsConfigIsReportedAndNotApplied() throws Exception {
        Path file = w.projectConfig("sandbox_mode = \"danger-full-access\"\napproval_policy = \"never\"\n");
        LoadedConfig loaded = w.load();
        assertThat(loaded.effective().sandboxMode()).isEqualTo(SandboxMode.READ_ONLY);
        assertThat(loaded.effective().approvalPolicy()).isEqualTo(new ApprovalPolicy.OnRequest());
        assertThat(loaded.sources()).contains(new ConfigSource("project", file,
                "ignored: project not trusted (run `warden trust " + w.project + "`)"));
        assertThat(loaded.effective().projectTrusted()).isFalse();
    }

    @Test
    void anUntrustedProjectCannotBreakTheLoadEither() throws Exception {
        w.projectConfig("this is = = not toml");
        assertThat(w.load().sources()).anyMatch(s -> s.layer().equals("project") && s.status().startsWith("ignored"));
    }

    @Test
    void aTrustedProjectsConfigIsApplied() throws Exception {
        Path file = w.projectConfig("approval_policy = \"never\"\n");
        LoadedConfig loaded = w.trustProject().load();
        assertThat(loaded.effective().approvalPolicy()).isEqualTo(new ApprovalPolicy.Never());
        assertThat(loaded.origins().get("approval_policy").layer()).isEqualTo("project");
        assertThat(loaded.origins().get("approval_policy").file()).contains(file);
        assertThat(loaded.sources()).contains(new ConfigSource("project", file, "applied"));
    }

    @Test
    void configsFromTheRootDownToTheWorkingDirectoryStackClosestLast() throws Exception {
        w.trustProject();
        w.projectConfig("approval_policy = \"never\"\napprovals_reviewer = \"auto_review\"\n");
        Path sub = Files.createDirectories(w.project.resolve("services/api"));
        w.write(sub.resolve(".warden/config.toml"), "approval_policy = \"untrusted\"\n");
        LoadedConfig loaded = w.loadFrom(sub);
        assertThat(loaded.effective().projectRoot()).isEqualTo(w.project);
        assertThat(loaded.effective().approvalPolicy()).isEqualTo(new ApprovalPolicy.Untrusted());
        assertThat(loaded.effective().approvalsReviewer()).isEqualTo(ApprovalsReviewer.AUTO_REVIEW);
    }

    @Test
    void withoutARepositoryTheProjectIsTheWorkingDirectory() throws Exception {
        Path loose = Files.createDirectories(w.root.resolve("loose/dir"));
        w.write(w.root.resolve("loose/.warden/config.toml"), "approval_policy = \"never\"\n");
        LoadedConfig loaded = w.loadFrom(loose);
        assertThat(loaded.effective().projectRoot()).isEqualTo(loose);
        assertThat(loaded.effective().approvalPolicy()).isEqualTo(new ApprovalPolicy.OnRequest());
    }

    @Test
    void projectRulesLoadOnlyWhenTrusted() throws Exception {
        w.write(w.project.resolve(".warden/rules/b.rules"), "prefix_rule(pattern=[\"ls\"])\n");
        w.write(w.project.resolve(".warden/rules/a.rules"), "prefix_rule(pattern=[\"pwd\"])\n");
        w.write(w.project.resolve(".warden/rules/notes.txt"), "ignored");
        w.write(w.wardenHome.resolve("rules/default.rules"), "prefix_rule(pattern=[\"git\"])\n");
        assertThat(w.load().ruleSources()).extracting(RuleSource::file)
                .containsExactly(w.wardenHome.resolve("rules/default.rules"));
        assertThat(w.trustProject().load().ruleSources()).extracting(RuleSource::file).containsExactly(
                w.wardenHome.resolve("rules/default.rules"),
                w.project.resolve(".warden/rules/a.rules"), w.project.resolve(".warden/rules/b.rules"));
    }

    @Test
    void tomlPrefixRulesAreCollectedPerLayerNotMerged() throws Exception {
        w.trustProject();
        w.system("[[rules.prefix]]\npattern = [\"rm\"]\ndecision = \"forbidden\"\n");
        w.user("[[rules.prefix]]\npattern = [\"git\", \"push\"]\ndecision = \"prompt\"\n"
                + "[profiles.p]\n[[profiles.p.rules.prefix]]\npattern = [\"make\"]\ndecision = \"allow\"\n");
        w.projectConfig("[[rules.prefix]]\npattern = [\"npm\"]\ndecision = \"allow\"\n");
        LoadedConfig loaded = w.loadProfile("p");
        assertThat(loaded.ruleSources()).extracting(RuleSource::layer)
                .containsExactly("system", "user", "project", "profile:p");
        assertThat(loaded.ruleSources()).allMatch(r -> r.tomlPrefixRules().isPresent() && r.allowDecisionAllowed());
        assertThat(loaded.ruleSources().get(1).tomlPrefixRules().orElseThrow().getTable(0).getString("decision"))
                .isEqualTo("prompt");
    }

    @Test
    void trustIsStoredPerRepositoryRootAtomicallyAndPrivately() throws Exception {
        TrustStore store = new TrustStore(w.wardenHome);
        Path sub = Files.createDirectories(w.project.resolve("deep/dir"));
        store.trust(sub);
        assertThat(store.trusted()).containsExactly(w.project);
        assertThat(store.isTrusted(w.project)).isTrue();
        assertThat(store.isTrusted(sub)).isTrue();
        assertThat(Files.readString(store.file())).contains("[projects.\"" + w.project + "\"]", "trust_level = \"trusted\"");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(store.file()))).isEqualTo("rw-------");
        try (var files = Files.list(w.wardenHome)) {
            assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith(".tmp"));
        }
        store.untrust(w.project);
        assertThat(store.isTrusted(sub)).isFalse();
        assertThat(store.trusted()).isEmpty();
    }

    @Test
    void trustFollowsSymlinksToTheRealProject() throws Exception {
        Path link = Files.createSymbolicLink(w.root.resolve("link"), w.project);
        TrustStore store = new TrustStore(w.wardenHome);
        store.trust(link);
        assertThat(store.trusted()).containsExactly(w.project);
        assertThat(w.load().effective().projectTrusted()).isTrue();
    }

    @Test
    void pathsWithQuotesRoundTrip() throws Exception {
        Path odd = Files.createDirectories(w.root.resolve("we\"ird \\ name"));
        TrustStore store = new TrustStore(w.wardenHome);
        store.trust(odd);
        assertThat(store.isTrusted(odd)).isTrue();
    }

    @Test
    void aBrokenTrustFileIsAnErrorNotAnEmptyList() throws Exception {
        w.write(w.wardenHome.resolve("trusted-projects.toml"), "[projects\n");
        TrustStore store = new TrustStore(w.wardenHome);
        assertThatThrownBy(store::trusted).isInstanceOf(UncheckedIOException.class)
                .hasMessageContaining("trusted-projects.toml:1:");
        assertThatThrownBy(() -> store.trust(w.project)).hasMessageContaining("trusted-projects.toml");
        assertThatThrownBy(() -> w.load()).isInstanceOf(ConfigException.class).hasMessageContaining("trusted-projects.toml");
    }

    @Test
    void aProjectMarkedAnythingButTrustedIsNotTrusted() throws Exception {
        w.write(w.wardenHome.resolve("trusted-projects.toml"), "[projects.\"" + w.project + "\"]\ntrust_level = \"untrusted\"\n");
        w.projectConfig("approval_policy = \"never\"\n");
        assertThat(w.load().effective().approvalPolicy()).isEqualTo(new ApprovalPolicy.OnRequest());
    }

    @Test
    void theUserConfigIsNotLoadedTwiceWhenHomeIsTheProject() throws Exception {
        w.user("approval_policy = \"never\"\n");
        new TrustStore(w.wardenHome).trust(w.home);
        LoadedConfig loaded = w.loadFrom(w.home);
        assertThat(loaded.effective().projectRoot()).isEqualTo(w.home);
        assertThat(loaded.sources()).filteredOn(s -> s.layer().equals("project")).isEmpty();
        assertThat(loaded.origins().get("approval_policy").layer()).isEqualTo("user");
    }
}
