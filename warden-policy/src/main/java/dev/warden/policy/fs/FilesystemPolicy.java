package dev.warden.policy.fs;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The concrete filesystem policy a sandbox enforces and the policy engine consults: which trees are
 * readable or writable, which are hidden, and which must stay read-only even inside a writable tree.
 * All paths are absolute and canonical; every list is de-duplicated and sorted.
 *
 * @param fullDiskRead      every path not otherwise restricted is readable ({@code :root = "read"})
 * @param fullDiskWrite     every path not otherwise restricted is writable (no sandbox on writes)
 * @param readableRoots     trees readable in addition to the writable ones
 * @param writableRoots     trees writable (and readable)
 * @param deniedPaths       trees neither readable nor writable (most specific rule still wins, see {@link #accessFor})
 * @param denyGlobs         patterns of paths neither readable nor writable, whatever else says
 * @param protectedPaths    paths that stay read-only even inside a writable root, whether or not they exist yet
 * @param globScanMaxDepth  how deep the sandbox scans below a glob's base when turning deny globs into paths
 */
public record FilesystemPolicy(
        boolean fullDiskRead,
        boolean fullDiskWrite,
        List<Path> readableRoots,
        List<Path> writableRoots,
        List<Path> deniedPaths,
        List<DenyGlob> denyGlobs,
        List<Path> protectedPaths,
        int globScanMaxDepth) {

    /** Used when a profile does not say: deep enough for real repositories, bounded so a scan cannot run away. */
    public static final int DEFAULT_GLOB_SCAN_MAX_DEPTH = 8;

    public FilesystemPolicy {
        readableRoots = sortedAbsolute(readableRoots, "readableRoots");
        writableRoots = sortedAbsolute(writableRoots, "writableRoots");
        deniedPaths = sortedAbsolute(deniedPaths, "deniedPaths");
        protectedPaths = sortedAbsolute(protectedPaths, "protectedPaths");
        TreeMap<String, DenyGlob> globs = new TreeMap<>();
        for (DenyGlob glob : Objects.requireNonNull(denyGlobs, "denyGlobs")) {
            globs.putIfAbsent(glob.toString(), glob);
        }
        denyGlobs = List.copyOf(globs.values());
        if (globScanMaxDepth < 1) {
            throw new IllegalArgumentException("globScanMaxDepth must be at least 1, got " + globScanMaxDepth);
        }
    }

    /**
     * What a process may do with {@code path} (absolute). The most specific readable, writable or
     * denied root containing the path decides; on a tie, deny beats write beats read. A protected path
     * caps the answer at {@link Access#READ}, even below a more specific writable root, and a matching
     * deny glob makes it {@link Access#NONE}. A path no rule covers is {@link Access#NONE}.
     */
    public Access accessFor(Path path) {
        if (!path.isAbsolute()) {
            throw new IllegalArgumentException("accessFor needs an absolute path, got " + path);
        }
        Path p = path.normalize();
        int bestDepth = -1;
        Access best = Access.NONE;
        if (fullDiskRead || fullDiskWrite) {
            bestDepth = 0;
            best = fullDiskWrite ? Access.WRITE : Access.READ;
        }
        for (Path root : readableRoots) {
            if (p.startsWith(root)) {
                int depth = root.getNameCount();
                if (depth > bestDepth || (depth == bestDepth && rank(Access.READ) > rank(best))) {
                    bestDepth = depth;
                    best = Access.READ;
                }
            }
        }
        for (Path root : writableRoots) {
            if (p.startsWith(root)) {
                int depth = root.getNameCount();
                if (depth > bestDepth || (depth == bestDepth && rank(Access.WRITE) > rank(best))) {
                    bestDepth = depth;
                    best = Access.WRITE;
                }
            }
        }
        for (Path root : deniedPaths) {
            if (p.startsWith(root) && root.getNameCount() >= bestDepth) {
                bestDepth = root.getNameCount();
                best = Access.NONE;
            }
        }
        if (best == Access.NONE) {
            return Access.NONE;
        }
        for (DenyGlob glob : denyGlobs) {
            if (glob.matches(p)) {
                return Access.NONE;
            }
        }
        if (best == Access.WRITE) {
            for (Path guarded : protectedPaths) {
                if (p.startsWith(guarded)) {
                    return Access.READ;
                }
            }
        }
        return best;
    }

    /** Tie-break order: deny beats write beats read. */
    private static int rank(Access access) {
        return switch (access) {
            case NONE -> 3;
            case WRITE -> 2;
            case READ -> 1;
        };
    }

    private static List<Path> sortedAbsolute(List<Path> paths, String field) {
        Objects.requireNonNull(paths, field);
        TreeSet<Path> sorted = new TreeSet<>();
        for (Path path : paths) {
            if (!path.isAbsolute()) {
                throw new IllegalArgumentException(field + " must hold absolute paths, got " + path);
            }
            sorted.add(path.normalize());
        }
        return List.copyOf(sorted);
    }
}
