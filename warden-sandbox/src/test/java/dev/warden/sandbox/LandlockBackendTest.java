package dev.warden.sandbox;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class LandlockBackendTest {
    private static final SandboxPolicy READ_ONLY = new SandboxPolicy(true, List.of(), List.of(), List.of(), List.of(),
            List.of(), 1, NetworkMode.OFF);

    /**
     * Regression: spawning with ProcessBuilder on the restricted thread made that thread create the
     * JDK's process-reaper thread, which inherited Landlock and seccomp and then ran every later
     * onExit callback in the JVM confined.
     */
    @Test
    void theRestOfTheJvmStaysUnconfinedAfterALaunch() throws Exception {
        var sp = new LandlockBackend().launch(READ_ONLY, new SandboxCommand(List.of("/bin/true"), Path.of("/"),
                Map.of("PATH", "/usr/bin:/bin")), Stdio.pipes());
        String inCallback = sp.process().onExit().thenApply(p -> writeTemp()).get();
        assertThat(inCallback).startsWith("wrote");
        Process plain = new ProcessBuilder("/bin/true").start();
        assertThat(plain.onExit().thenApply(p -> writeTemp()).get()).startsWith("wrote");
        assertThat(writeTemp()).startsWith("wrote");
    }

    /**
     * Regression: the cleanup ran after waitFor() had returned, so a `warden exec` that exited next left its
     * private TMPDIR and its pids cgroup behind, one of each per command.
     */
    @Test
    void waitForReturnsOnlyOnceTheCommandsLeftoversAreGone() throws Exception {
        SandboxPolicy limited = new SandboxPolicy(true, List.of(), List.of(), List.of(), List.of(), List.of(), 1,
                NetworkMode.OFF, java.util.Optional.empty(), 8);
        var sp = new LandlockBackend().launch(limited, new SandboxCommand(List.of("/bin/sh", "-c", "echo \"$TMPDIR\""),
                Path.of("/"), Map.of("PATH", "/usr/bin:/bin")), Stdio.pipes());
        String tmpdir = new String(sp.process().getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).strip();
        assertThat(sp.waitFor()).isZero();
        assertThat(tmpdir).contains("warden-landlock-");
        assertThat(Path.of(tmpdir)).doesNotExist();
        String limit = sp.enforcement().limits().stream().filter(l -> l.startsWith("at most 8 processes")).findFirst().orElse("");
        if (!limit.isEmpty()) {
            assertThat(Path.of(limit.replaceAll(".*\\(pids cgroup (.*)\\);.*", "$1"))).doesNotExist();
        }
    }

    @Test
    void refusesProxiedWithoutAPortAndHostsWithoutLandlock() {
        SandboxPolicy proxied = new SandboxPolicy(true, List.of(), List.of(), List.of(), List.of(), List.of(), 1,
                NetworkMode.PROXIED);
        SandboxCommand cmd = new SandboxCommand(List.of("/bin/true"), Path.of("/"), Map.of());
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new LandlockBackend().launch(proxied, cmd, Stdio.pipes()))
                .isInstanceOf(SandboxException.class).hasMessageContaining("proxy's endpoint");
        SandboxPolicy withProxy = proxied.withProxy(new ProxyEndpoint(3128, Path.of("/nonexistent/proxy.sock")));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new LandlockBackend().withAbiCeiling(3)
                        .launch(withProxy, cmd, Stdio.pipes()))
                .isInstanceOf(SandboxException.class).hasMessageContaining("ABI 4");
    }

    private static String writeTemp() {
        try {
            Path file = Files.createTempFile("warden-unconfined-", ".txt");
            Files.delete(file);
            return "wrote " + file;
        } catch (Exception e) {
            return "FAILED " + e;
        }
    }
}
