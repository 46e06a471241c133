package dev.warden.sandbox.fs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * The filesystem's answers for one resolution of a policy, each asked once. A writable root's protected names
 * (two dozen of them) share every directory above them, and checking each name's way from {@code /} asked the
 * same directories again and again: about twenty system calls per name, two milliseconds per launch. The answers
 * are a snapshot, as the checks were before: a sandboxed command that runs meanwhile could change the filesystem
 * after any of them, which is why a symlink it could swap is refused rather than followed ({@link SymlinkGuard}).
 */
final class PathFacts {
    private enum Kind { MISSING, SYMLINK, OTHER }

    private final Map<Path, Kind> kinds = new HashMap<>();
    private final Map<Path, Path> realPaths = new HashMap<>();
    private final Map<Path, Boolean> standingAnswers = new HashMap<>();
    private final java.util.function.Predicate<Path> standing;

    PathFacts() {
        this(path -> false);
    }

    /** @param standing asked with a real parent and a name, see {@link PolicyResolver}'s {@code standing} */
    PathFacts(java.util.function.Predicate<Path> standing) {
        this.standing = standing;
    }

    /** Whether an existing directory is a placeholder Warden keeps standing, asked once per path. */
    boolean standing(Path path) {
        Boolean known = standingAnswers.get(path);
        if (known == null) {
            known = false;
            if (kind(path) == Kind.OTHER && path.getParent() != null && path.getFileName() != null) {
                try {
                    known = standing.test(realPath(path.getParent()).resolve(path.getFileName()));
                } catch (IOException e) {
                    // unresolvable parent: not one of Warden's
                }
            }
            standingAnswers.put(path, known);
        }
        return known;
    }

    /** {@link Files#isSymbolicLink}, asked once per path. */
    boolean isSymbolicLink(Path path) {
        return kind(path) == Kind.SYMLINK;
    }

    /** {@link Files#exists} without following a final symlink, asked once per path. */
    boolean exists(Path path) {
        return kind(path) != Kind.MISSING;
    }

    private Kind kind(Path path) {
        Kind known = kinds.get(path);
        if (known == null) {
            // Most protected names are missing: one lstat answers for them.
            known = !Files.exists(path, LinkOption.NOFOLLOW_LINKS) ? Kind.MISSING
                    : Files.isSymbolicLink(path) ? Kind.SYMLINK : Kind.OTHER;
            kinds.put(path, known);
        }
        return known;
    }

    /** {@link Path#toRealPath}, asked once per path; a failure is not remembered and is thrown again. */
    Path realPath(Path path) throws IOException {
        Path known = realPaths.get(path);
        if (known == null) {
            known = path.toRealPath();
            realPaths.put(path, known);
        }
        return known;
    }
}
