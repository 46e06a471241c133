package dev.warden.agents.fs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Resolves a path the way the kernel will when something opens it: every component, symlinks followed
 * (also dangling ones, and also in the last component), {@code ..} applied to the directory reached so far.
 * {@link Path#toRealPath} refuses missing files, and {@code CanonicalPath} keeps a dangling link's lexical
 * path; a write through a dangling link {@code ws/x -> ~/.bashrc} would create the file outside the workspace,
 * so a front door must judge where the write really lands.
 */
public final class RealPath {
    /** Linux gives up after 40 links (ELOOP); so do we. */
    private static final int MAX_LINKS = 40;

    private RealPath() {}

    /**
     * The absolute path {@code path} leads to, with every symlink followed.
     *
     * @throws IOException when a link cannot be read or there are too many links (a loop)
     */
    public static Path of(Path path) throws IOException {
        Path absolute = path.toAbsolutePath();
        Deque<String> pending = new ArrayDeque<>();
        for (Path name : absolute) {
            pending.addLast(name.toString());
        }
        Path root = absolute.getRoot();
        Path reached = root;
        int links = 0;
        while (!pending.isEmpty()) {
            String name = pending.removeFirst();
            if (name.isEmpty() || name.equals(".")) {
                continue;
            }
            if (name.equals("..")) {
                Path parent = reached.getParent();
                reached = parent == null ? root : parent;
                continue;
            }
            Path candidate = reached.resolve(name);
            if (Files.isSymbolicLink(candidate)) {
                if (++links > MAX_LINKS) {
                    throw new IOException(path + ": too many levels of symbolic links");
                }
                Path target = Files.readSymbolicLink(candidate);
                Deque<String> front = new ArrayDeque<>();
                for (Path part : target) {
                    front.addLast(part.toString());
                }
                while (!front.isEmpty()) {
                    pending.addFirst(front.removeLast());
                }
                if (target.isAbsolute()) {
                    reached = root;
                }
                continue;
            }
            reached = candidate;
        }
        return reached;
    }
}
