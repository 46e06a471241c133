package dev.warden.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A host file shown read-only at a fixed path in the sandbox: readable there, never replaceable, bwrap only. */
class ReadOnlyBindTest {
    @TempDir
    Path dir;

    private SandboxPolicy policy(Path workspace, ReadOnlyBind bind) {
        return new SandboxPolicy(true, List.of(), List.of(workspace), List.of(), List.of(), List.of(), 1,
                NetworkMode.OFF).withReadOnlyBinds(List.of(bind));
    }

    /**
     * The threat: a command that could swap the directory for its own (rename it away, create a look-alike) would
     * put its own server where Warden's client connects. A directory bound directly under a mount point is a mount
     * point itself: rename fails (EBUSY), and nothing can be created in it (read-only).
     */
    @Test
    void theCommandReadsTheDirectoryAndCannotReplaceAnythingInIt() throws Exception {
        assumeTrue(BwrapBackend.onPath().isPresent(), "bubblewrap is not installed");
        Path ws = Files.createDirectories(dir.resolve("ws"));
        Path host = Files.createDirectories(dir.resolve("hooks"));
        Files.writeString(host.resolve("client.py"), "print('hello')\n");
        SandboxPolicy policy = policy(ws, new ReadOnlyBind(host, Path.of("/run/warden-hooks")));
        String d = "/run/warden-hooks";
        String script = "cat " + d + "/client.py; echo x > " + d + "/client.py && echo wrote;"
                + " rm -f " + d + "/client.py && echo removed; touch " + d + "/new && echo created;"
                + " mv " + d + " /run/elsewhere 2>/dev/null && echo moved; mv " + d + "/client.py /run/c 2>/dev/null"
                + " && echo moved-file; true";
        var process = BwrapBackend.onPath().orElseThrow().launch(policy,
                new SandboxCommand(List.of("/bin/sh", "-c", script), ws, Map.of("PATH", "/usr/bin:/bin")),
                Stdio.pipes());
        String out = new String(process.process().getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.process().waitFor()).isZero();
        assertThat(out).isEqualTo("print('hello')\n");
        assertThat(Files.readString(host.resolve("client.py"))).isEqualTo("print('hello')\n");
        assertThat(host.resolve("new")).doesNotExist();
    }

    @Test
    void landlockRefusesAPolicyWithBinds() throws IOException {
        Path ws = Files.createDirectories(dir.resolve("ws"));
        SandboxPolicy policy = policy(ws, new ReadOnlyBind(dir.resolve("s.sock"), Path.of("/run/warden/s.sock")));
        assumeTrue(new LandlockBackend().abi() > 0, "this kernel has no Landlock");
        assertThatThrownBy(() -> new LandlockBackend().launch(policy,
                new SandboxCommand(List.of("/bin/true"), ws, Map.of()), Stdio.pipes()))
                .isInstanceOf(SandboxException.class).hasMessageContaining("cannot show")
                .hasMessageContaining("sandbox_backend = \"bwrap\"");
    }

    @Test
    void bindsNeedAbsolutePathsAndSurviveTheOtherWithers() {
        assertThatThrownBy(() -> new ReadOnlyBind(Path.of("rel"), Path.of("/x"))).isInstanceOf(IllegalArgumentException.class);
        ReadOnlyBind bind = new ReadOnlyBind(Path.of("/a/../b"), Path.of("/run/warden/b"));
        assertThat(bind.host()).isEqualTo(Path.of("/b"));
        SandboxPolicy policy = policy(Path.of("/ws"), bind).withMaxProcesses(7)
                .withProxy(new ProxyEndpoint(3128, Path.of("/tmp/p.sock")));
        assertThat(policy.readOnlyBinds()).containsExactly(bind);
    }
}
