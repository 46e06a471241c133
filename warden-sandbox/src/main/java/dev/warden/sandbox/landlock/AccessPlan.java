package dev.warden.sandbox.landlock;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Turns "grant these rights beneath this directory, except under these holes" into Landlock rules.
 * Landlock only allows, never denies, and a rule covers everything beneath it; so a hole is made by
 * granting each sibling on the way down instead of the parent. Entries created after launch in a
 * carved directory get no rule from that carving (they stay unreadable or read-only), which is the
 * safe direction.
 */
public final class AccessPlan {
    /** One {@code landlock_add_rule(PATH_BENEATH)}. */
    public record Grant(Path path, long rights) {}

    private final List<Grant> grants = new ArrayList<>();
    private final List<Path> carved = new ArrayList<>();

    public List<Grant> grants() {
        return List.copyOf(grants);
    }

    /** Directories that got no rule of their own because a hole lies beneath them. */
    public List<Path> carved() {
        return List.copyOf(carved);
    }

    /** Grants {@code rights} beneath {@code root}, except at and beneath every path in {@code holes}. */
    public AccessPlan carve(Path root, long rights, Set<Path> holes) {
        if (holes.contains(root) || !Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
            return this;
        }
        boolean holeBelow = holes.stream().anyMatch(h -> h.startsWith(root) && !h.equals(root));
        boolean directory = Files.isDirectory(root, LinkOption.NOFOLLOW_LINKS);
        if (!holeBelow || !directory) {
            grant(root, directory ? rights : rights & Access.FILE_ONLY);
            return this;
        }
        carved.add(root);
        try (DirectoryStream<Path> children = Files.newDirectoryStream(root)) {
            for (Path child : children) {
                // A symlink is resolved at access time and judged by its target's own rules.
                if (!Files.isSymbolicLink(child)) {
                    carve(child, rights, holes);
                }
            }
        } catch (IOException e) {
            // An unlistable directory gets no rule: its contents stay out of reach.
        }
        return this;
    }

    public AccessPlan grant(Path path, long rights) {
        if (Files.exists(path, LinkOption.NOFOLLOW_LINKS) && !Files.isSymbolicLink(path)) {
            grants.add(new Grant(path, Files.isDirectory(path) ? rights : rights & Access.FILE_ONLY));
        }
        return this;
    }
}
