package dev.warden.policy.fs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;

/**
 * The one place paths are made canonical. A symlinked workspace must resolve to where writes really
 * land, otherwise a rule about {@code /work/link} would miss {@code /data/real}. For a path that does not
 * exist yet, the longest existing ancestor is resolved and the rest appended, so a protected
 * {@code .git} that is not there yet still names the real location the sandbox must guard.
 */
public final class CanonicalPath {
    private CanonicalPath() {}

    /** The canonical form of an absolute path; never throws for a missing or unreadable path. */
    public static Path of(Path path) {
        Path absolute = path.toAbsolutePath().normalize();
        Path existing = absolute;
        Path rest = null;
        while (existing != null) {
            if (Files.exists(existing, LinkOption.NOFOLLOW_LINKS)) {
                try {
                    Path real = existing.toRealPath();
                    return rest == null ? real : real.resolve(rest).normalize();
                } catch (IOException e) {
                    // A dangling symlink or an unreadable ancestor: keep the lexical path rather than guess.
                    return absolute;
                }
            }
            Path name = existing.getFileName();
            if (name == null) {
                break;
            }
            rest = rest == null ? name : name.resolve(rest);
            existing = existing.getParent();
        }
        return absolute;
    }
}
