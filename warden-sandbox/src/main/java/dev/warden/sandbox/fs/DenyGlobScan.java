package dev.warden.sandbox.fs;

import dev.warden.sandbox.DenyPattern;

import java.io.IOException;
import java.nio.file.DirectoryIteratorException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
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
        return scan(patterns, maxDepth, maxVisited, Set.of());
    }

    /**
     * @param covered directories (real paths) whose contents the sandbox never shows, because an empty tmpfs covers
     *                them or they are hidden whole: the walk neither opens nor looks at them, as nothing in them needs
     *                hiding. A server's kept mount points are such (each sandbox would otherwise open its 19 empty
     *                directories, about 10 system calls each).
     */
    public static Result scan(List<DenyPattern> patterns, int maxDepth, int maxVisited, Set<Path> covered) {
        TreeSet<Path> matches = new TreeSet<>();
        Walk walk = new Walk(maxDepth, maxVisited, covered, matches);
        for (DenyPattern pattern : patterns) {
            if (!Files.isDirectory(pattern.base())) {
                continue;
            }
            Path root;
            try {
                // A base reached through a symlink is walked where it leads: the walk follows no link, so from
                // the link itself it would see nothing below it.
                root = Files.isSymbolicLink(pattern.base()) ? pattern.base().toRealPath() : pattern.base();
            } catch (IOException e) {
                continue; // gone since the check above
            }
            walk.visited++; // the base itself, which is never a match
            if (maxDepth >= 1 && !walk.directory(root, root, GlobMatcher.compile(pattern.glob()), 1)) {
                break;
            }
        }
        return new Result(new ArrayList<>(matches), Math.min(walk.visited, maxVisited), walk.capped, maxVisited);
    }

    /**
     * A depth-first walk that follows no symlink: entries down to {@code maxDepth} levels below the base are looked
     * at, directories above that level are opened, and a matching directory is reported without being entered.
     */
    private static final class Walk {
        final int maxDepth;
        final int maxVisited;
        final Set<Path> covered;
        final Set<Path> matches;
        int visited;
        boolean capped;

        Walk(int maxDepth, int maxVisited, Set<Path> covered, Set<Path> matches) {
            this.maxDepth = maxDepth;
            this.maxVisited = maxVisited;
            this.covered = covered;
            this.matches = matches;
        }

        /** The entries of {@code dir}, at {@code depth} below {@code root}; false once the cap is hit. */
        boolean directory(Path root, Path dir, GlobMatcher matcher, int depth) {
            if (visited > maxVisited) {
                capped = true;
                return false;
            }
            try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
                for (Path entry : entries) {
                    if (covered.contains(entry)) {
                        continue;
                    }
                    if (++visited > maxVisited) {
                        capped = true;
                        return false;
                    }
                    BasicFileAttributes attrs;
                    try {
                        attrs = Files.readAttributes(entry, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
                    } catch (IOException e) {
                        continue; // gone meanwhile
                    }
                    if (attrs.isSymbolicLink() || attrs.isOther()) {
                        continue;
                    }
                    if (matcher.matches(root.relativize(entry))) {
                        matches.add(entry);
                    } else if (attrs.isDirectory() && depth < maxDepth && !directory(root, entry, matcher, depth + 1)) {
                        return false;
                    }
                }
            } catch (IOException | DirectoryIteratorException e) {
                // Unreadable or gone: nothing in it can be listed, by the sandbox either.
            }
            return true;
        }
    }
}
