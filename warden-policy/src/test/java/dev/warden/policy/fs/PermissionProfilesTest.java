package dev.warden.policy.fs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PermissionProfilesTest {
    @TempDir
    Path temp;
    Path project;
    Path home;
    Path tmpdir;

    @BeforeEach
    void dirs() throws IOException {
        Path root = temp.toRealPath();
        project = Files.createDirectories(root.resolve("project"));
        home = Files.createDirectories(root.resolve("home"));
        tmpdir = Files.createDirectories(root.resolve("tmp"));
    }

    ResolutionContext context(ResolutionContext.WorkspaceWrite workspace, List<String> denyRead) {
        return new ResolutionContext(project, home, Optional.of(tmpdir), workspace, denyRead, "requirements /etc/warden/requirements.toml",
                List.of());
    }

    ResolutionContext context() {
        return context(ResolutionContext.WorkspaceWrite.defaults(), List.of());
    }

    static PermissionProfileDefinition profile(String name, String parent, Map<String, FilesystemEntry> fs) {
        return new PermissionProfileDefinition(name, Optional.ofNullable(parent), fs, OptionalInt.empty(), "test config:1");
    }

    static FilesystemEntry grant(Access access) {
        return new FilesystemEntry.Grant(access);
    }

    static FilesystemEntry scoped(Object... pairs) {
        Map<String, Access> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put((String) pairs[i], (Access) pairs[i + 1]);
        }
        return new FilesystemEntry.Scoped(map);
    }

    FilesystemPolicy resolve(String name, PermissionProfileDefinition... definitions) throws ProfileException {
        return new PermissionProfiles(List.of(definitions)).resolve(name, context()).policy();
    }

    @Test
    void readOnlyReadsEverythingAndWritesNothing() throws ProfileException {
        FilesystemPolicy fs = resolve(":read-only");
        assertThat(fs.fullDiskRead()).isTrue();
        assertThat(fs.writableRoots()).isEmpty();
        assertThat(fs.accessFor(project.resolve("a"))).isEqualTo(Access.READ);
    }

    @Test
    void workspaceWriteOpensTheProjectAndBothTemporaryDirectories() throws ProfileException {
        FilesystemPolicy fs = resolve("workspace-write");
        assertThat(fs.fullDiskRead()).isTrue();
        assertThat(fs.writableRoots()).containsExactlyInAnyOrder(project, tmpdir, CanonicalPath.of(Path.of("/tmp")));
        assertThat(fs.accessFor(project.resolve(".git/hooks/pre-push"))).isEqualTo(Access.READ);
        assertThat(new PermissionProfiles(List.of()).resolve(":workspace", context()).name()).isEqualTo("workspace-write");
    }

    @Test
    void workspaceWriteSettingsExcludeTemporaryDirectoriesAndAddRoots() throws ProfileException {
        var settings = new ResolutionContext.WorkspaceWrite(List.of("~/cache", "/opt/shared"), true, true);
        FilesystemPolicy fs = new PermissionProfiles(List.of()).resolve("workspace-write", context(settings, List.of())).policy();
        assertThat(fs.writableRoots()).containsExactlyInAnyOrder(project, home.resolve("cache"), Path.of("/opt/shared"));
    }

    @Test
    void dangerFullAccessWritesEverywhereButStillProtectsShellFilesInHome() throws ProfileException {
        FilesystemPolicy fs = resolve("danger-full-access");
        assertThat(fs.fullDiskWrite()).isTrue();
        assertThat(fs.accessFor(Path.of("/usr/local/bin/x"))).isEqualTo(Access.WRITE);
        assertThat(fs.accessFor(home.resolve(".bashrc"))).isEqualTo(Access.READ);
    }

    @Test
    void customProfileExtendsABuiltinAndAddsDenials() throws ProfileException {
        FilesystemPolicy fs = resolve("strict", profile("strict", ":workspace", Map.of(
                ":project_roots", scoped("secrets", Access.NONE, "**/*.pem", Access.NONE),
                ":slash_tmp", grant(Access.READ))));
        assertThat(fs.fullDiskRead()).isTrue();
        assertThat(fs.writableRoots()).contains(project).doesNotContain(CanonicalPath.of(Path.of("/tmp")));
        assertThat(fs.deniedPaths()).containsExactly(project.resolve("secrets"));
        assertThat(fs.accessFor(project.resolve("secrets/a"))).isEqualTo(Access.NONE);
        assertThat(fs.accessFor(project.resolve("x/y.pem"))).isEqualTo(Access.NONE);
    }

    @Test
    void childScopedEntriesMergeIntoTheParentsAndOverrideTheSameKey() throws ProfileException {
        FilesystemPolicy fs = resolve("child",
                profile("base", null, Map.of(":root", grant(Access.READ),
                        ":project_roots", scoped(".", Access.WRITE, "docs", Access.NONE))),
                profile("child", "base", Map.of(":workspace_roots", scoped("docs", Access.READ, "build", Access.NONE))));
        assertThat(fs.writableRoots()).containsExactly(project);
        assertThat(fs.readableRoots()).containsExactly(project.resolve("docs"));
        assertThat(fs.deniedPaths()).containsExactly(project.resolve("build"));
    }

    @Test
    void extendsCycleIsAnErrorNamingTheCycle() {
        assertThatThrownBy(() -> resolve("a", profile("a", "b", Map.of()), profile("b", "c", Map.of()),
                profile("c", "a", Map.of())))
                .isInstanceOf(ProfileException.class)
                .hasMessageContaining("cycle: a -> b -> c -> a");
        assertThatThrownBy(() -> resolve("self", profile("self", "self", Map.of())))
                .hasMessageContaining("self -> self");
    }

    @Test
    void unknownParentAndUnknownProfileListTheKnownOnes() {
        assertThatThrownBy(() -> resolve("a", profile("a", "nope", Map.of())))
                .hasMessageContaining("`a`").hasMessageContaining("extends unknown profile `nope`")
                .hasMessageContaining("read-only, workspace-write, danger-full-access, a");
        assertThatThrownBy(() -> resolve("missing")).hasMessageContaining("unknown permission profile `missing`");
    }

    @Test
    void builtinNamesAreReserved() {
        for (String name : List.of("read-only", ":workspace", ":anything", "workspace-write")) {
            assertThatThrownBy(() -> new PermissionProfiles(List.of(profile(name, null, Map.of()))))
                    .isInstanceOf(ProfileException.class).hasMessageContaining("reserved");
        }
    }

    @Test
    void globsMayOnlyDenyUnlessTheyAreASubtree() throws ProfileException {
        assertThatThrownBy(() -> resolve("g", profile("g", null, Map.of(":project_roots", scoped("**/*.ts", Access.WRITE)))))
                .hasMessageContaining("a glob can only deny");
        FilesystemPolicy fs = resolve("g", profile("g", null, Map.of(":project_roots", scoped("out/**", Access.WRITE))));
        assertThat(fs.writableRoots()).containsExactly(project.resolve("out"));
    }

    @Test
    void subPathsCannotClimbOutOfTheirParent() {
        for (String sub : List.of("../etc", "a/../../b", "/etc", "~/x", "a//b")) {
            assertThatThrownBy(() -> resolve("p", profile("p", null, Map.of(":project_roots", scoped(sub, Access.WRITE)))))
                    .as(sub).isInstanceOf(ProfileException.class).hasMessageContaining(sub);
        }
    }

    @Test
    void pathsMustBeAbsoluteHomeRelativeOrSpecial() throws ProfileException {
        assertThatThrownBy(() -> resolve("p", profile("p", null, Map.of("relative/dir", grant(Access.READ)))))
                .hasMessageContaining("must be an absolute path");
        assertThatThrownBy(() -> resolve("p", profile("p", null, Map.of(":cwd", grant(Access.READ)))))
                .hasMessageContaining("unknown special path").hasMessageContaining(":project_roots");
        assertThatThrownBy(() -> resolve("p", profile("p", null, Map.of(":root", scoped(".", Access.READ)))))
                .hasMessageContaining("does not take nested entries");
        FilesystemPolicy fs = resolve("p", profile("p", null, Map.of("~/notes", grant(Access.WRITE),
                "~/.aws/**", grant(Access.NONE), ":minimal", grant(Access.READ))));
        assertThat(fs.writableRoots()).containsExactly(home.resolve("notes"));
        assertThat(fs.denyGlobs()).containsExactly(new DenyGlob(home.resolve(".aws"), "**"));
        assertThat(fs.readableRoots()).contains(CanonicalPath.of(Path.of("/usr")));
    }

    @Test
    void aProfileThatNamesNoSystemAccessStillGetsThePlatformMinimumToRead() throws ProfileException {
        ResolvedProfile resolved = new PermissionProfiles(List.of(profile("bare", null,
                Map.of(":project_roots", scoped(".", Access.WRITE))))).resolve("bare", context());
        assertThat(resolved.policy().readableRoots()).contains(CanonicalPath.of(Path.of("/usr")));
        assertThat(resolved.warnings()).noneMatch(w -> w.contains("grants no read access"));
    }

    @Test
    void refusingTheMinimumExplicitlyWarnsThatProgramsMayNotStart() throws ProfileException {
        ResolvedProfile resolved = new PermissionProfiles(List.of(profile("bare", null,
                Map.of(":project_roots", scoped(".", Access.WRITE), ":minimal", grant(Access.NONE)))))
                .resolve("bare", context());
        assertThat(resolved.policy().readableRoots()).isEmpty();
        assertThat(resolved.warnings()).anyMatch(w -> w.contains("grants no read access"));
    }

    @Test
    void tmpdirWithoutTmpdirGrantsNothingAndIsNotWorthAWarning() throws ProfileException {
        ResolutionContext noTmp = new ResolutionContext(project, home, Optional.empty(),
                ResolutionContext.WorkspaceWrite.defaults(), List.of(), "none", List.of());
        ResolvedProfile resolved = new PermissionProfiles(List.of()).resolve("workspace-write", noTmp);
        assertThat(resolved.warnings()).isEmpty();
        assertThat(resolved.policy().writableRoots()).doesNotContain(tmpdir);
    }

    @Test
    void administratorDenyReadDropsRootsBelowItAndCannotBeReopened() throws Exception {
        Files.createDirectories(home.resolve(".ssh"));
        ResolvedProfile resolved = new PermissionProfiles(List.of(profile("open", ":workspace", Map.of(
                "~/.ssh", grant(Access.WRITE), "~/.ssh/config", grant(Access.READ)))))
                .resolve("open", context(ResolutionContext.WorkspaceWrite.defaults(), List.of("~/.ssh", "**/*.pem", "/srv/*/keys/**")));
        FilesystemPolicy fs = resolved.policy();
        assertThat(fs.deniedPaths()).contains(home.resolve(".ssh"));
        assertThat(fs.writableRoots()).doesNotContain(home.resolve(".ssh"));
        assertThat(fs.readableRoots()).doesNotContain(home.resolve(".ssh/config"));
        assertThat(fs.accessFor(home.resolve(".ssh/config"))).isEqualTo(Access.NONE);
        assertThat(fs.accessFor(project.resolve("deploy/server.pem"))).isEqualTo(Access.NONE);
        assertThat(fs.accessFor(Path.of("/srv/app/keys/k1"))).isEqualTo(Access.NONE);
        assertThat(resolved.warnings()).anyMatch(w -> w.contains("deny_read") && w.contains(".ssh"));
    }
    /** Escape case 28: an earlier session turned a configured root inside the workspace into a symlink to ~. */
    @Test
    void aWritableRootThroughASymlinkInsideAnotherWritableRootIsRefused() throws Exception {
        Path build = Files.createSymbolicLink(project.resolve("build"), home);
        assertThatThrownBy(() -> resolve("build", profile("build", ":workspace", Map.of(
                ":project_roots", scoped("build", Access.WRITE)))))
                .isInstanceOf(ProfileException.class)
                .hasMessageContaining("goes through the symlink " + build)
                .hasMessageContaining("writable root " + project);
        var settings = new ResolutionContext.WorkspaceWrite(List.of(build.toString()), false, false);
        assertThatThrownBy(() -> new PermissionProfiles(List.of()).resolve("workspace-write", context(settings, List.of())))
                .isInstanceOf(ProfileException.class).hasMessageContaining("symlink " + build);
    }

    @Test
    void aSymlinkOutsideEveryWritableRootStillResolvesToItsTarget() throws Exception {
        Path target = Files.createDirectories(temp.toRealPath().resolve("cache-real"));
        Path link = Files.createSymbolicLink(home.resolve("cache"), target);
        FilesystemPolicy fs = resolve("cache", profile("cache", ":workspace", Map.of(link.toString(), grant(Access.WRITE))));
        assertThat(fs.writableRoots()).contains(target, project);
    }
}
