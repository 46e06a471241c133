package dev.warden.policy.fs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real files and symlinks: what a hostile workspace could do to get a hook or an rc file written. */
class ProtectedPathsTest {
    @TempDir
    Path temp;
    Path root;
    Path home;

    @BeforeEach
    void dirs() throws IOException {
        root = temp.toRealPath();
        home = Files.createDirectories(root.resolve("home"));
    }

    FilesystemPolicy workspace(Path project, Path homeDir, String... extraRoots) throws ProfileException {
        ResolutionContext context = new ResolutionContext(project, homeDir, Optional.empty(),
                new ResolutionContext.WorkspaceWrite(List.of(extraRoots), true, true), List.of(), "none",
                List.of(homeDir.resolve(".warden")));
        return new PermissionProfiles(List.of()).resolve("workspace-write", context).policy();
    }

    @Test
    void everyListedNameIsProtectedInTheWritableRootEvenBeforeItExists() throws Exception {
        Path project = Files.createDirectories(root.resolve("p"));
        FilesystemPolicy fs = workspace(project, home);
        for (String name : ProtectedPaths.READ_ONLY_DIRECTORIES) {
            assertThat(fs.protectedPaths()).contains(project.resolve(name));
            assertThat(fs.accessFor(project.resolve(name).resolve("new-file"))).isEqualTo(Access.READ);
        }
        for (String name : ProtectedPaths.WRITE_DENIED) {
            assertThat(fs.protectedPaths()).contains(project.resolve(name));
            assertThat(fs.accessFor(project.resolve(name))).as(name).isEqualTo(Access.READ);
        }
        assertThat(fs.accessFor(project.resolve("src/.bashrc"))).isEqualTo(Access.WRITE);
    }

    @Test
    void gitdirPointerFileProtectsTheDirectoryItNames() throws Exception {
        Path main = Files.createDirectories(root.resolve("main"));
        Path worktreeGitdir = Files.createDirectories(main.resolve(".git/worktrees/feature"));
        Files.writeString(worktreeGitdir.resolve("commondir"), "../..\n");
        Path worktree = Files.createDirectories(root.resolve("feature"));
        Files.writeString(worktree.resolve(".git"), "gitdir: ../main/.git/worktrees/feature\n");

        FilesystemPolicy fs = workspace(worktree, home, main.toString());
        assertThat(fs.protectedPaths()).contains(worktreeGitdir, main.resolve(".git/hooks"), main.resolve(".git/config"));
        assertThat(fs.accessFor(worktreeGitdir.resolve("HEAD"))).isEqualTo(Access.READ);
        assertThat(fs.accessFor(main.resolve(".git/hooks/post-checkout"))).isEqualTo(Access.READ);
        assertThat(fs.accessFor(worktree.resolve(".git"))).isEqualTo(Access.READ);
    }

    @Test
    void absoluteGitdirAndSymlinkedGitAreFollowed() throws Exception {
        Path modules = Files.createDirectories(root.resolve("super/.git/modules/lib"));
        Path submodule = Files.createDirectories(root.resolve("super/lib"));
        Files.writeString(submodule.resolve(".git"), "gitdir: " + modules + "\n");
        Path linked = Files.createDirectories(root.resolve("linked"));
        Path realGit = Files.createDirectories(root.resolve("elsewhere/git"));
        Files.createSymbolicLink(linked.resolve(".git"), realGit);

        assertThat(workspace(submodule, home).protectedPaths()).contains(modules);
        assertThat(workspace(linked, home).protectedPaths()).contains(realGit, linked.resolve(".git"));
    }

    @Test
    void symlinkedWritableRootIsCanonicalised() throws Exception {
        Path real = Files.createDirectories(root.resolve("real/project"));
        Path link = Files.createSymbolicLink(root.resolve("link"), real.getParent());
        FilesystemPolicy fs = workspace(link.resolve("project"), home);
        assertThat(fs.writableRoots()).contains(real).doesNotContain(link.resolve("project"));
        assertThat(fs.protectedPaths()).contains(real.resolve(".git"));
        assertThat(fs.accessFor(real.resolve("src/a.c"))).isEqualTo(Access.WRITE);
    }

    @Test
    void homeShellFilesAreProtectedWhenHomeIsInsideAWritableRoot() throws Exception {
        FilesystemPolicy homeAsProject = workspace(home, home);
        assertThat(homeAsProject.accessFor(home.resolve(".bashrc"))).isEqualTo(Access.READ);
        assertThat(homeAsProject.accessFor(home.resolve(".gitconfig"))).isEqualTo(Access.READ);
        assertThat(homeAsProject.accessFor(home.resolve(".warden/config.toml"))).isEqualTo(Access.READ);

        Path project = Files.createDirectories(home.resolve("code/p"));
        FilesystemPolicy parentWritable = workspace(project, home, root.toString());
        assertThat(parentWritable.accessFor(home.resolve(".zshrc"))).isEqualTo(Access.READ);
        assertThat(parentWritable.accessFor(home.resolve("notes.txt"))).isEqualTo(Access.WRITE);

        FilesystemPolicy elsewhere = workspace(Files.createDirectories(root.resolve("w")), home);
        assertThat(elsewhere.protectedPaths()).doesNotContain(home.resolve(".bashrc"));
    }

    @Test
    void aWritableRootInsideAGitDirectoryIsStillProtected() throws Exception {
        Path project = Files.createDirectories(root.resolve("p/.git/objects"));
        FilesystemPolicy fs = workspace(root.resolve("p"), home, project.toString());
        assertThat(fs.accessFor(root.resolve("p/.git/objects/aa/bb"))).isEqualTo(Access.READ);
        ResolutionContext ctx = new ResolutionContext(root, home, Optional.empty(),
                ResolutionContext.WorkspaceWrite.defaults(), List.of(), "none", List.of());
        FilesystemPolicy onlyHooks = new PermissionProfiles(List.of(new PermissionProfileDefinition("hooks",
                Optional.of("read-only"), Map.of(root.resolve("p/.git/hooks").toString(), new FilesystemEntry.Grant(Access.WRITE)),
                OptionalInt.empty(), "t"))).resolve("hooks", ctx).policy();
        assertThat(onlyHooks.accessFor(root.resolve("p/.git/hooks/pre-commit"))).isEqualTo(Access.READ);
    }
}
