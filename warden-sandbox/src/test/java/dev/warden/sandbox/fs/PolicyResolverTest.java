package dev.warden.sandbox.fs;

import dev.warden.sandbox.NetworkMode;
import dev.warden.sandbox.SandboxCommand;
import dev.warden.sandbox.SandboxException;
import dev.warden.sandbox.SandboxPolicy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The resolution of a policy against a real directory tree: what is bound read-only, what is masked, what is refused. */
class PolicyResolverTest {
    @TempDir
    Path dir;

    private ResolvedPolicy resolve(Path workspace, List<Path> protectedPaths) throws SandboxException {
        SandboxPolicy policy = new SandboxPolicy(true, List.of(), List.of(workspace), protectedPaths, List.of(), List.of(), 3,
                NetworkMode.OFF);
        return PolicyResolver.resolve(policy, new SandboxCommand(List.of("true"), workspace, Map.of()), 1000);
    }

    @Test
    void aReadOnlyPathInsideAnotherIsNotBoundTwice() throws Exception {
        Path ws = Files.createDirectories(dir.resolve("ws")).toRealPath();
        Files.createDirectories(ws.resolve(".git/hooks"));
        Files.writeString(ws.resolve(".git/config"), "");
        Files.createDirectories(ws.resolve("sub/.git"));
        Files.createDirectories(ws.resolve(".gitted"));
        ResolvedPolicy resolved = resolve(ws, List.of(ws.resolve(".git/hooks"), ws.resolve(".git"), ws.resolve(".git/config"),
                ws.resolve("sub/.git"), ws.resolve(".gitted")));
        assertThat(resolved.readOnly()).as("a name that only starts like another is not inside it")
                .containsExactly(ws.resolve(".git"), ws.resolve("sub/.git"), ws.resolve(".gitted"));
    }

    @Test
    void missingNamesAreMaskedAtTheirHighestMissingAncestorAndNotInsideAReadOnlyPath() throws Exception {
        Path ws = Files.createDirectories(dir.resolve("ws")).toRealPath();
        Files.createDirectories(ws.resolve(".git"));
        ResolvedPolicy resolved = resolve(ws, List.of(ws.resolve(".git"), ws.resolve(".git/hooks"), ws.resolve(".vscode"),
                ws.resolve(".config/git/config")));
        assertThat(resolved.readOnly()).containsExactly(ws.resolve(".git"));
        assertThat(resolved.masks()).containsExactly(ws.resolve(".vscode"), ws.resolve(".config"));
    }

    @Test
    void aProtectedPathReachedThroughASymlinkInTheWorkspaceIsRefused() throws Exception {
        Path ws = Files.createDirectories(dir.resolve("ws")).toRealPath();
        Path elsewhere = Files.createDirectories(dir.resolve("elsewhere"));
        Files.createSymbolicLink(ws.resolve("sub"), elsewhere);
        assertThatThrownBy(() -> resolve(ws, List.of(ws.resolve("sub/.git"))))
                .isInstanceOf(SandboxException.class).hasMessageContaining("goes through the symlink " + ws.resolve("sub"));
    }
}
