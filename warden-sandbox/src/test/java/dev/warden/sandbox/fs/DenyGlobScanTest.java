package dev.warden.sandbox.fs;

import dev.warden.sandbox.DenyPattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class DenyGlobScanTest {
    @TempDir
    Path dir;

    @Test
    void findsTopLevelAndNestedMatchesWithinDepthAndSkipsSymlinks() throws Exception {
        Files.writeString(dir.resolve(".env"), "x");
        Files.createDirectories(dir.resolve("a/b/c"));
        Files.writeString(dir.resolve("a/prod.env"), "x");
        Files.writeString(dir.resolve("a/b/c/deep.env"), "x");
        Files.createSymbolicLink(dir.resolve("link.env"), dir.resolve(".env"));
        var result = DenyGlobScan.scan(List.of(new DenyPattern(dir, "**/*.env")), 2, 1000);
        assertThat(result.matches()).containsExactly(dir.resolve(".env"), dir.resolve("a/prod.env"));
        assertThat(result.capped()).isFalse();
        assertThat(result.warnings()).isEmpty();
    }

    @Test
    void saysSoWhenTheCapIsHit() throws Exception {
        for (int i = 0; i < 50; i++) {
            Files.writeString(dir.resolve("f" + i), "x");
        }
        var result = DenyGlobScan.scan(List.of(new DenyPattern(dir, "**/*.env")), 4, 10);
        assertThat(result.capped()).isTrue();
        assertThat(result.warnings()).singleElement().asString().contains("cap of 10 files");
    }
}
