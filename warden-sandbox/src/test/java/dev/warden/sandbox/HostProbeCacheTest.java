package dev.warden.sandbox;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class HostProbeCacheTest {
    @TempDir
    Path dir;

    @Test
    void theSecondCommandOfABootReadsTheAnswerTheFirstProbed() throws Exception {
        Path file = dir.resolve("cache/host-probe");
        HostCapabilities first = HostProbeCache.probe(file);
        assertThat(first).isEqualTo(HostProbe.probe());
        assertThat(Files.readAllLines(file)).hasSize(2);

        // Mark the saved answer: if the next call probed again, the mark would be gone.
        List<String> lines = Files.readAllLines(file);
        Files.write(file, List.of(lines.get(0), lines.get(1).replace(first.reason(), "read from the cache")));
        assertThat(HostProbeCache.probe(file).reason()).isEqualTo("read from the cache");
        assertThat(HostProbeCache.probe(file).autoBackend()).isEqualTo(first.autoBackend());
    }

    @Test
    void aReplacedBwrapIsProbedAgain() throws Exception {
        Path file = dir.resolve("host-probe");
        Path fake = dir.resolve("bwrap");
        Files.writeString(fake, "#!/bin/sh\necho 'bwrap: setting up uid map: Permission denied' >&2\nexit 1\n");
        Files.setPosixFilePermissions(fake, PosixFilePermissions.fromString("rwxr-xr-x"));
        assertThat(HostProbeCache.probe(file, Optional.of(fake)).bwrapWorks()).isFalse();

        // The administrator installs a working bubblewrap at the same path.
        Path real = BwrapBackend.findOnPath("bwrap").orElseThrow();
        Files.writeString(fake, "#!/bin/sh\nexec " + real + " \"$@\"\n");
        HostCapabilities after = HostProbeCache.probe(file, Optional.of(fake));
        assertThat(after.bwrapWorks()).as(after.reason()).isTrue();
        assertThat(after.autoBackend()).isEqualTo("bwrap");
    }

    @Test
    void aBrokenOrForeignFileIsProbedAgainAndReplaced() throws Exception {
        Path file = dir.resolve("host-probe");
        HostCapabilities real = HostProbeCache.probe(file);
        String key = Files.readAllLines(file).get(0);
        for (String content : List.of(
                "garbage",
                key + "\n{\"bwrap\": 3}\n",
                key + "\n" + Files.readAllLines(file).get(1).replace("\"" + real.autoBackend() + "\"", "\"chroot\"") + "\n",
                "warden-host-probe 1 boot=another-boot\n" + Files.readAllLines(file).get(1).replace(real.reason(), "stale") + "\n")) {
            Files.writeString(file, content);
            HostCapabilities again = HostProbeCache.probe(file);
            assertThat(again).as(content).isEqualTo(real);
            assertThat(Files.readAllLines(file).get(0)).isEqualTo(key);
        }
    }

    @Test
    void refreshProbesAfreshAndReplacesWhatWasSaved() throws Exception {
        Path home = dir.resolve("home");
        HostCapabilities first = HostProbeCache.in(home).get();
        Path file = home.resolve("cache/host-probe");
        List<String> lines = Files.readAllLines(file);
        Files.write(file, List.of(lines.get(0), lines.get(1).replace(first.reason(), "stale")));
        assertThat(HostProbeCache.in(home).get().reason()).isEqualTo("stale");
        assertThat(HostProbeCache.refresh(home)).isEqualTo(first);
        assertThat(HostProbeCache.in(home).get()).isEqualTo(first);
    }

    @Test
    void aCacheThatCannotBeWrittenOnlyCostsAProbe() throws Exception {
        Path blocker = dir.resolve("not-a-directory");
        Files.writeString(blocker, "x");
        HostCapabilities caps = HostProbeCache.probe(blocker.resolve("host-probe"));
        assertThat(caps).isEqualTo(HostProbe.probe());
    }
}
