package dev.warden.policy.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;

/** Finds the project a directory belongs to: the nearest ancestor holding {@code .git} (directory or file), else the directory itself. */
final class ProjectRoot {
    private ProjectRoot() {}

    /** The canonical project root of an existing directory; symlinks are resolved first so trust cannot be borrowed through a link. */
    static Path of(Path dir) throws IOException {
        Path start = dir.toAbsolutePath().normalize().toRealPath();
        for (Path candidate = start; candidate != null; candidate = candidate.getParent()) {
            if (Files.exists(candidate.resolve(".git"), LinkOption.NOFOLLOW_LINKS)) {
                return candidate;
            }
        }
        return start;
    }
}
