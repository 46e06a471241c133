package dev.warden.sandbox.fs;

import dev.warden.sandbox.DenyPattern;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.TreeSet;

/**
 * Expands deny globs into concrete paths at launch. The walk never follows symlinks (a symlink named
 * {@code x.env} is not a secret, its target is judged by its own name) and stops after a fixed
 * number of entries so a huge tree cannot stall a launch; a stopped scan is reported, never hidden.
 */
public final class DenyGlobScan {
    public static final int DEFAULT_MAX_VISITED = 100_000;

    /** The regular files and directories that matched, and whether the scan stopped at its cap. */
    public record Result(List<Path> matches, int visited, boolean capped, int maxVisited) {
        public Result {
            matches = List.copyOf(matches);
        }

        public List<String> warnings() {
            return capped
                    ? List.of("deny-glob scan hit the cap of " + maxVisited + " files; files beyond it are not hidden"
                            + " (lower glob_scan_max_depth or narrow the writable roots)")
                    : List.of();
        }
    }

    private DenyGlobScan() {}

    public static Result scan(List<DenyPattern> patterns, int maxDepth, int maxVisited) {
        TreeSet<Path> matches = new TreeSet<>();
        int[] visited = {0};
        boolean capped = false;
        for (DenyPattern pattern : patterns) {
            if (!Files.isDirectory(pattern.base())) {
                continue;
            }
            GlobMatcher matcher = GlobMatcher.compile(pattern.glob());
            Path base = pattern.base();
            try {
                var visitor = new SimpleFileVisitor<Path>() {
                    boolean stopped;

                    @Override
                    public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                        return visit(dir, attrs);
                    }

                    @Override
                    public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                        return visit(file, attrs);
                    }

                    @Override
                    public FileVisitResult visitFileFailed(Path file, IOException e) {
                        return FileVisitResult.CONTINUE;
                    }

                    private FileVisitResult visit(Path path, BasicFileAttributes attrs) {
                        if (++visited[0] > maxVisited) {
                            stopped = true;
                            return FileVisitResult.TERMINATE;
                        }
                        if (path.equals(base) || attrs.isSymbolicLink() || attrs.isOther()) {
                            return FileVisitResult.CONTINUE;
                        }
                        if (matcher.matches(base.relativize(path))) {
                            matches.add(path);
                            return attrs.isDirectory() ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
                        }
                        return FileVisitResult.CONTINUE;
                    }
                };
                Files.walkFileTree(base, EnumSet.noneOf(java.nio.file.FileVisitOption.class), maxDepth, visitor);
                if (visitor.stopped) {
                    capped = true;
                    break;
                }
            } catch (IOException e) {
                // walkFileTree reports per-entry failures to visitFileFailed; this is the base itself vanishing.
                continue;
            }
        }
        return new Result(new ArrayList<>(matches), Math.min(visited[0], maxVisited), capped, maxVisited);
    }
}
