package dev.warden.sandbox.fs;

import dev.warden.sandbox.DenyPattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;

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

    @Test
    void doesNotLookInsideCoveredDirectories() throws Exception {
        Files.createDirectories(dir.resolve("masked/deeper"));
        Files.writeString(dir.resolve("masked/inside.env"), "x");
        Files.writeString(dir.resolve("masked/deeper/further.env"), "x");
        Files.createDirectories(dir.resolve("open"));
        Files.writeString(dir.resolve("open/found.env"), "x");
        var patterns = List.of(new DenyPattern(dir, "**/*.env"));

        assertThat(DenyGlobScan.scan(patterns, 8, 1000, Set.of(dir.resolve("masked"))).matches())
                .containsExactly(dir.resolve("open/found.env"));
        assertThat(DenyGlobScan.scan(patterns, 8, 1000, Set.of()).matches()).containsExactly(
                dir.resolve("masked/deeper/further.env"), dir.resolve("masked/inside.env"), dir.resolve("open/found.env"));
    }

    @Test
    void aBaseReachedThroughASymlinkIsWalkedWhereItLeads() throws Exception {
        Path real = Files.createDirectories(dir.resolve("real/sub"));
        Files.writeString(real.resolve("a.env"), "x");
        Path link = Files.createSymbolicLink(dir.resolve("link"), dir.resolve("real"));
        var result = DenyGlobScan.scan(List.of(new DenyPattern(link, "**/*.env")), 8, 1000);
        assertThat(result.matches()).containsExactly(real.resolve("a.env"));
    }

    @Test
    void aDepthBelowOneLooksAtNothing() throws Exception {
        Files.writeString(dir.resolve(".env"), "x");
        assertThat(DenyGlobScan.scan(List.of(new DenyPattern(dir, "**/*.env")), 0, 1000).matches()).isEmpty();
    }

    /**
     * The walk against the JDK's {@code Files.walkFileTree} over random trees (dirs, files, symlinks to both, names
     * that match and names that almost do): the same matches for every depth.
     */
    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8})
    void findsWhatTheJdksTreeWalkFinds(long seed) throws Exception {
        Random random = new Random(seed);
        Path base = Files.createDirectories(dir.resolve("tree"));
        List<Path> dirs = new ArrayList<>(List.of(base));
        String[] names = {"a", "b.env", ".env", "c.envx", "secrets", "x.env", "prod.env.bak", "d"};
        for (int i = 0; i < 120; i++) {
            Path parent = dirs.get(random.nextInt(dirs.size()));
            Path entry = parent.resolve(names[random.nextInt(names.length)] + (random.nextInt(3) == 0 ? "" : i));
            if (Files.exists(entry, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                continue;
            }
            switch (random.nextInt(4)) {
                case 0, 1 -> dirs.add(Files.createDirectory(entry));
                case 2 -> Files.writeString(entry, "x");
                default -> Files.createSymbolicLink(entry, dirs.get(random.nextInt(dirs.size())));
            }
        }
        for (String glob : List.of("**/*.env", "**/secrets*", "*.env", "**/.env")) {
            for (int depth = 1; depth <= 6; depth++) {
                var patterns = List.of(new DenyPattern(base, glob));
                assertThat(DenyGlobScan.scan(patterns, depth, 100_000).matches())
                        .as("glob %s, depth %d", glob, depth)
                        .containsExactlyElementsOf(reference(base, glob, depth));
            }
        }
    }

    /** What the scan found when it was written on {@code Files.walkFileTree}. */
    private static List<Path> reference(Path base, String glob, int maxDepth) throws IOException {
        GlobMatcher matcher = GlobMatcher.compile(glob);
        TreeSet<Path> matches = new TreeSet<>();
        Files.walkFileTree(base, EnumSet.noneOf(java.nio.file.FileVisitOption.class), maxDepth,
                new SimpleFileVisitor<>() {
                    @Override
                    public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes attrs) {
                        return visitFile(d, attrs);
                    }

                    @Override
                    public FileVisitResult visitFile(Path path, BasicFileAttributes attrs) {
                        if (path.equals(base) || attrs.isSymbolicLink() || attrs.isOther()) {
                            return FileVisitResult.CONTINUE;
                        }
                        if (matcher.matches(base.relativize(path))) {
                            matches.add(path);
                            return attrs.isDirectory() ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
                        }
                        return FileVisitResult.CONTINUE;
                    }
                });
        return new ArrayList<>(matches);
    }
}
