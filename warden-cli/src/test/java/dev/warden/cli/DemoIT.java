package dev.warden.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's first command: an allowed command runs, a dangerous one is refused, escapes are contained. */
class DemoIT {
    @TempDir
    Path tmp;

    @Test
    void theDemoPassesAndLeavesTheHostUnchanged() throws Exception {
        WardenProcess warden = new WardenProcess(tmp);
        Path home = warden.home.getParent();
        Files.writeString(home.resolve(".bashrc"), "# the user's own\n");
        var r = warden.run(Map.of("XDG_CACHE_HOME", tmp.resolve("cache").toString()), "demo");
        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(r.out()).contains("hello from the sandbox", "refused: nothing ran", "Read-only file system",
                "demo passed").doesNotContain("demo-value-not-a-secret");
        assertThat(Files.readString(home.resolve(".bashrc"))).isEqualTo("# the user's own\n");
        assertThat(tmp.resolve("cache/warden/escaped.txt")).doesNotExist();
        assertThat(tmp.resolve("cache/warden/demo/.git/hooks/pre-commit")).doesNotExist();
    }
}
