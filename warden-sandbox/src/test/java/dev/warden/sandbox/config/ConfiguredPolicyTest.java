package dev.warden.sandbox.config;

import dev.warden.policy.config.ConfigLoader;
import dev.warden.policy.config.ConfigRequest;
import dev.warden.policy.fs.DenyGlob;
import dev.warden.policy.fs.FilesystemPolicy;
import dev.warden.sandbox.DenyPattern;
import dev.warden.sandbox.NetworkMode;
import dev.warden.sandbox.SandboxPolicy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ConfiguredPolicyTest {
    @TempDir
    Path temp;

    @Test
    void carriesEveryListAndTheNetworkAcross() throws Exception {
        Path ws = Files.createDirectories(temp.resolve("ws"));
        FilesystemPolicy fs = new FilesystemPolicy(false, false, List.of(Path.of("/usr")), List.of(ws),
                List.of(Path.of("/home/u/.ssh")), List.of(DenyGlob.under(ws, "**/*.env")), List.of(ws.resolve(".warden")), 3);
        SandboxPolicy policy = ConfiguredPolicy.of(fs, NetworkMode.OFF);
        assertThat(policy.fullDiskRead()).isFalse();
        assertThat(policy.readableRoots()).containsExactly(Path.of("/usr"));
        assertThat(policy.writableRoots()).containsExactly(ws);
        assertThat(policy.deniedPaths()).containsExactly(Path.of("/home/u/.ssh"));
        assertThat(policy.denyGlobs()).containsExactly(new DenyPattern(ws, "**/*.env"));
        assertThat(policy.protectedPaths()).containsExactly(ws.resolve(".warden"), ws.resolve(".git"));
        assertThat(policy.globScanMaxDepth()).isEqualTo(3);
        assertThat(policy.network()).isEqualTo(NetworkMode.OFF);
        assertThat(ConfiguredPolicy.of(fs, NetworkMode.FULL).network()).isEqualTo(NetworkMode.FULL);
    }

    @Test
    void theSharedTmpBecomesThePrivateOne() {
        FilesystemPolicy fs = new FilesystemPolicy(true, false, List.of(), List.of(Path.of("/tmp"), temp), List.of(),
                List.of(), List.of(Path.of("/tmp/.bashrc")), 8);
        assertThat(ConfiguredPolicy.of(fs, NetworkMode.OFF).writableRoots()).containsExactly(temp);
    }

    @Test
    void aWorktreesRealGitDirIsProtected() throws Exception {
        Path real = Files.createDirectories(temp.resolve("main.git/worktrees/feature"));
        Files.writeString(real.resolve("commondir"), "../..\n");
        Path ws = Files.createDirectories(temp.resolve("feature"));
        Files.writeString(ws.resolve(".git"), "gitdir: " + real + "\n");
        FilesystemPolicy fs = new FilesystemPolicy(true, false, List.of(), List.of(ws), List.of(), List.of(), List.of(), 8);
        assertThat(ConfiguredPolicy.of(fs, NetworkMode.OFF).protectedPaths())
                .contains(ws.resolve(".git"), real, temp.resolve("main.git"));
    }

    @Test
    void aWorkingDirectoryUnderTmpMustBeWritableToBeSeen() throws Exception {
        Path ws = Files.createTempDirectory(Path.of("/tmp"), "warden-cwd-");
        try {
            FilesystemPolicy readOnly = new FilesystemPolicy(true, false, List.of(), List.of(), List.of(), List.of(),
                    List.of(), 8);
            assertThat(ConfiguredPolicy.unreachableWorkingDirectory(ConfiguredPolicy.of(readOnly, NetworkMode.OFF), ws))
                    .hasValueSatisfying(message -> assertThat(message).contains(ws + " is under /tmp").contains("writable_roots"));
            FilesystemPolicy writable = new FilesystemPolicy(true, false, List.of(), List.of(ws), List.of(), List.of(),
                    List.of(), 8);
            assertThat(ConfiguredPolicy.unreachableWorkingDirectory(ConfiguredPolicy.of(writable, NetworkMode.OFF),
                    ws)).isEmpty();
            assertThat(ConfiguredPolicy.unreachableWorkingDirectory(ConfiguredPolicy.of(readOnly, NetworkMode.OFF),
                    Path.of("/usr"))).isEmpty();
        } finally {
            Files.delete(ws);
        }
    }

    @Test
    void aReadOnlyProjectUnderTmpStaysReadable() throws Exception {
        Path project = Files.createDirectories(temp.toRealPath().resolve("project"));
        Files.createDirectories(project.resolve(".git"));
        Path home = Files.createDirectories(temp.resolve("warden-home"));
        var config = ConfigLoader.load(new ConfigRequest(home, temp.resolve("etc"), project, Optional.empty(),
                List.of("sandbox_mode=read-only")), Map.of("HOME", temp.toString()));
        SandboxPolicy policy = ConfiguredPolicy.of(config.effective(), NetworkMode.OFF);
        assertThat(project).startsWith(Path.of("/tmp"));
        assertThat(policy.readableRoots()).containsExactly(project);
        assertThat(ConfiguredPolicy.unreachableWorkingDirectory(policy, project.resolve("src"))).isEmpty();
        var writable = ConfigLoader.load(new ConfigRequest(home, temp.resolve("etc"), project, Optional.empty(),
                List.of("sandbox_mode=workspace-write")), Map.of("HOME", temp.toString()));
        assertThat(ConfiguredPolicy.of(writable.effective(), NetworkMode.OFF).readableRoots()).isEmpty();
    }

    @Test
    void fullDiskWriteIsNoSandbox() {
        FilesystemPolicy fs = new FilesystemPolicy(true, true, List.of(), List.of(), List.of(), List.of(), List.of(), 8);
        assertThatThrownBy(() -> ConfiguredPolicy.of(fs, NetworkMode.FULL)).isInstanceOf(IllegalArgumentException.class);
    }
}
