package dev.warden.sandbox;

import dev.warden.core.json.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class HostProbeTest {
    @TempDir
    Path dir;

    @Test
    void thisHostRunsBwrapWithLandlockAndSeccompAvailable() {
        HostCapabilities caps = HostProbe.probe();
        assertThat(caps.bwrapWorks()).as(caps.reason()).isTrue();
        assertThat(caps.bwrapProblem()).isNull();
        assertThat(caps.landlockAbi()).isGreaterThanOrEqualTo(1);
        assertThat(caps.seccomp()).isTrue();
        assertThat(caps.autoBackend()).isEqualTo("bwrap");
        String json = Json.write(caps.toJson());
        assertThat(Json.parse(json)).isInstanceOfSatisfying(Map.class, m -> assertThat(m)
                .containsKeys("bwrap", "landlock_abi", "seccomp", "auto_backend", "reason", "limits"));
    }

    @Test
    void aBwrapThatCannotCreateNamespacesFallsBackToLandlockAndSaysWhy() throws Exception {
        Path fake = dir.resolve("bwrap");
        Files.writeString(fake, "#!/bin/sh\necho 'bwrap: setting up uid map: Permission denied' >&2\nexit 1\n");
        Files.setPosixFilePermissions(fake, PosixFilePermissions.fromString("rwxr-xr-x"));
        HostCapabilities caps = HostProbe.probe(Optional.of(fake), new LandlockBackend());
        assertThat(caps.bwrapWorks()).isFalse();
        assertThat(caps.bwrapProblem()).contains("uid map: Permission denied");
        assertThat(caps.autoBackend()).isEqualTo("landlock");
        assertThat(caps.reason()).contains("uid map").contains("Landlock ABI");
        assertThat(caps.limits()).anyMatch(l -> l.contains("no pid namespace"));
    }

    @Test
    void noBackendAtAllRefusesToRunAndSaysWhatIsMissing() {
        HostCapabilities caps = HostProbe.probe(Optional.empty(), new LandlockBackend().withAbiCeiling(0));
        assertThat(caps.autoBackend()).isEqualTo("none");
        assertThat(caps.reason()).contains("not on PATH").contains("Landlock is unavailable");
        assertThatThrownBy(() -> HostProbe.auto(caps, new LandlockBackend()))
                .isInstanceOf(SandboxException.class).hasMessageContaining("refusing to run unconfined");
    }
}
