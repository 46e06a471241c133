package dev.warden.sandbox.fs;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Finds symlinks an agent could swap. A read-only or denied path is only as good as the directories
 * leading to it: if one of them is a symlink inside a writable root, the agent can point it
 * elsewhere between launches (or during one) and the mount or rule lands on the wrong file.
 */
public final class SymlinkGuard {
    private SymlinkGuard() {}

    /**
     * The first symlink on the way to {@code path} (the path itself included) that lives inside one
     * of {@code writableRoots}, or empty. {@code writableRoots} must be canonical.
     */
    public static Optional<Path> writableSymlinkOn(Path path, List<Path> writableRoots) {
        return writableSymlinkOn(path, writableRoots, new PathFacts());
    }

    /** As above, with the answers of one resolution shared between the paths it checks. */
    static Optional<Path> writableSymlinkOn(Path path, List<Path> writableRoots, PathFacts facts) {
        Path current = path.getRoot();
        for (Path name : path.normalize()) {
            current = current.resolve(name);
            if (facts.isSymbolicLink(current)) {
                Path parent = current.getParent();
                Path realParent = realOrSelf(parent, facts);
                for (Path root : writableRoots) {
                    if (realParent.startsWith(root)) {
                        return Optional.of(current);
                    }
                }
            }
            if (!facts.exists(current)) {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    private static Path realOrSelf(Path path, PathFacts facts) {
        try {
            return facts.realPath(path);
        } catch (java.io.IOException e) {
            return path;
        }
    }
}
