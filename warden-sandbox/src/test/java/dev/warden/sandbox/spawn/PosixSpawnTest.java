package dev.warden.sandbox.spawn;

import dev.warden.sandbox.Stdio;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.FileInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PosixSpawnTest {
    @TempDir
    Path dir;

    @Test
    void pipesEnvironmentCwdAndExtraDescriptors() throws Exception {
        Path extra = Files.writeString(dir.resolve("extra"), "from-fd-3");
        SpawnedProcess p = PosixSpawn.start(new PosixSpawn.Request(List.of("sh", "-c",
                "read line; echo \"$line $FOO $(pwd)\"; cat <&3; echo oops >&2; exit 7"),
                Map.of("PATH", "/usr/bin:/bin", "FOO", "bar"), dir, Stdio.pipes(), List.of(extra), false));
        p.getOutputStream().write("hello\n".getBytes());
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).isEqualTo(7);
        assertThat(out).isEqualTo("hello bar " + dir.toRealPath() + "\nfrom-fd-3");
        assertThat(err).isEqualTo("oops\n");
        assertThat(p.onExit().get().exitValue()).isEqualTo(7);
    }

    @Test
    void noOtherDescriptorOfTheJvmLeaksIntoTheChild() throws Exception {
        Path secret = Files.writeString(dir.resolve("secret"), "x");
        try (FileInputStream open = new FileInputStream(secret.toFile())) {
            SpawnedProcess p = PosixSpawn.start(new PosixSpawn.Request(List.of("/bin/sh", "-c", "ls /proc/self/fd"),
                    Map.of("PATH", "/usr/bin:/bin"), dir, Stdio.pipes(), List.of(), true));
            String fds = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            p.waitFor();
            // 0-2 and the one ls opens to read the directory.
            assertThat(fds.lines().toList()).hasSizeLessThanOrEqualTo(4).contains("0", "1", "2");
        }
    }

    @Test
    void killedBySignalReportsOneTwentyEightPlusSignalAndDestroyWorks() throws Exception {
        SpawnedProcess p = PosixSpawn.start(new PosixSpawn.Request(List.of("sleep", "30"), Map.of("PATH", "/usr/bin:/bin"),
                dir, Stdio.pipes(), List.of(), false));
        assertThat(p.isAlive()).isTrue();
        p.destroy();
        assertThat(p.waitFor(5, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).isEqualTo(128 + 15);
        p.destroyForcibly(); // after reaping: a no-op, never a signal to a recycled pid
    }

    @Test
    void unknownProgramIsAClearError() {
        assertThatThrownBy(() -> PosixSpawn.start(new PosixSpawn.Request(List.of("no-such-program-xyz"),
                Map.of("PATH", "/usr/bin"), dir, Stdio.pipes(), List.of(), false)))
                .hasMessageContaining("no-such-program-xyz").hasMessageContaining("not found");
    }
}
