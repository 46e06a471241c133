package dev.warden.agents.fs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Objects;

/**
 * The directory tree file tools may touch, and the one way to turn a requested path into a path inside it.
 * A requested path is relative to the root (or absolute inside it); {@code ..} that climbs out is refused before
 * anything is looked at; then every component is walked without following links, and a symlink is accepted only
 * when where it leads is still inside the root. The result is the real path, so an open with
 * {@code NOFOLLOW_LINKS} on it cannot be redirected by the last component either.
 */
public final class Workspace {
    private final Path root;

    private Workspace(Path root) {
        this.root = root;
    }

    /** The workspace at {@code root}, which must exist; it is resolved to its real path once. */
    public static Workspace at(Path root) throws IOException {
        return new Workspace(root.toRealPath());
    }

    public Path root() {
        return root;
    }

    /**
     * The real path for {@code requested}, inside the workspace.
     *
     * @throws OutsideWorkspace when the path, or a link on the way, leads outside the workspace
     */
    public Path resolve(String requested) throws OutsideWorkspace {
        Objects.requireNonNull(requested, "requested");
        Path path;
        try {
            path = requested.isEmpty() ? root : root.resolve(requested);
        } catch (InvalidPathException e) {
            throw new OutsideWorkspace(requested + ": not a path (" + e.getMessage() + ")");
        }
        Path lexical = path.normalize();
        if (!lexical.startsWith(root)) {
            throw new OutsideWorkspace(requested + " is outside the workspace " + root
                    + " (paths are relative to it; `..` may not leave it)");
        }
        Path reached = root;
        for (Path name : root.relativize(lexical)) {
            if (name.toString().isEmpty()) {
                continue;
            }
            Path candidate = reached.resolve(name);
            if (Files.isSymbolicLink(candidate)) {
                Path target;
                try {
                    target = RealPath.of(candidate);
                } catch (IOException e) {
                    throw new OutsideWorkspace(requested + ": " + e.getMessage());
                }
                if (!target.startsWith(root)) {
                    throw new OutsideWorkspace(requested + ": " + root.relativize(candidate) + " is a symbolic link to "
                            + target + ", outside the workspace; it is not followed");
                }
                reached = target;
            } else {
                reached = candidate;
            }
        }
        return reached;
    }

    /** Whether {@code path} exists as a non-link (a link was already resolved by {@link #resolve}). */
    public static boolean exists(Path path) {
        return Files.exists(path, LinkOption.NOFOLLOW_LINKS);
    }

    /** A path that leads, or would lead, outside the workspace. */
    public static final class OutsideWorkspace extends Exception {
        public OutsideWorkspace(String message) {
            super(message, null, false, false);
        }
    }
}
