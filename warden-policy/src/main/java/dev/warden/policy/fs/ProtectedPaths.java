package dev.warden.policy.fs;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Paths that stay read-only inside every writable root. An agent that may write its workspace must not
 * be able to plant code that runs later outside the sandbox: git hooks and config, shell rc files,
 * editor and agent configuration, package-manager credentials files. They are listed whether or not
 * they exist, so the sandbox can also stop them from being created.
 */
public final class ProtectedPaths {
    private ProtectedPaths() {}

    /** Directories of version control and of agents (Warden's own included), read-only below every writable root. */
    public static final List<String> READ_ONLY_DIRECTORIES = List.of(".git", ".warden", ".codex", ".agents");

    /** Files and directories that run code or hold credentials later; never writable in a writable root or in {@code $HOME}. */
    public static final List<String> WRITE_DENIED = List.of(
            ".bashrc", ".bash_profile", ".profile", ".zshrc", ".zprofile", ".envrc",
            ".gitconfig", ".gitmodules", ".git/hooks", ".git/config",
            ".vscode", ".idea", ".mcp.json", ".claude", ".gemini", ".cursor",
            ".npmrc", ".pypirc");

    private static final int MAX_GIT_POINTER_BYTES = 4096;

    /**
     * The protected paths for these canonical writable roots: the names above in each root, in
     * {@code home} when it is inside or equal to a writable root, the directory a {@code .git} file
     * points to ({@code gitdir:}) and its {@code commondir}, any ancestor of a root that is itself one
     * of the protected directories, and {@code alwaysProtected} (Warden's own home and system directory).
     */
    public static List<Path> forWritableRoots(List<Path> writableRoots, Path home, List<Path> alwaysProtected) {
        Set<Path> out = new LinkedHashSet<>();
        for (Path root : writableRoots) {
            addNamesUnder(root, out);
            addGitPointers(root.resolve(".git"), root, out);
            for (Path ancestor = root; ancestor != null; ancestor = ancestor.getParent()) {
                Path name = ancestor.getFileName();
                if (name != null && READ_ONLY_DIRECTORIES.contains(name.toString())) {
                    out.add(ancestor);
                }
            }
        }
        Path canonicalHome = CanonicalPath.of(home);
        for (Path root : writableRoots) {
            if (canonicalHome.startsWith(root)) {
                addNamesUnder(canonicalHome, out);
                break;
            }
        }
        for (Path path : alwaysProtected) {
            out.add(CanonicalPath.of(path));
        }
        return new ArrayList<>(out);
    }

    private static void addNamesUnder(Path dir, Set<Path> out) {
        for (String name : READ_ONLY_DIRECTORIES) {
            out.add(dir.resolve(name));
        }
        for (String name : WRITE_DENIED) {
            out.add(dir.resolve(name));
        }
    }

    /**
     * A worktree or submodule has a {@code .git} FILE saying {@code gitdir: PATH}; the hooks and config
     * that git will run live there, so that directory is protected too (and, for a worktree, the
     * {@code commondir} it shares with the main repository). A symlinked {@code .git} protects its target.
     */
    private static void addGitPointers(Path dotGit, Path root, Set<Path> out) {
        if (Files.isSymbolicLink(dotGit)) {
            out.add(CanonicalPath.of(dotGit));
        }
        if (!Files.isRegularFile(dotGit, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        Optional<String> gitdir = firstValue(dotGit, "gitdir:");
        if (gitdir.isEmpty()) {
            return;
        }
        Path target = CanonicalPath.of(root.resolve(gitdir.get()));
        out.add(target);
        out.add(target.resolve("hooks"));
        out.add(target.resolve("config"));
        Path commondirFile = target.resolve("commondir");
        if (Files.isRegularFile(commondirFile)) {
            firstValue(commondirFile, "").ifPresent(common -> {
                Path commonDir = CanonicalPath.of(target.resolve(common));
                out.add(commonDir.resolve("hooks"));
                out.add(commonDir.resolve("config"));
            });
        }
    }

    /** The text after {@code prefix} on the first line that has it (a bounded read: these files are tiny). */
    private static Optional<String> firstValue(Path file, String prefix) {
        byte[] bytes;
        try (InputStream in = Files.newInputStream(file)) {
            bytes = in.readNBytes(MAX_GIT_POINTER_BYTES);
        } catch (IOException e) {
            return Optional.empty(); // unreadable: the .git path itself stays protected
        }
        for (String line : new String(bytes, StandardCharsets.UTF_8).split("\n")) {
            String trimmed = line.strip();
            if (trimmed.startsWith(prefix)) {
                String value = trimmed.substring(prefix.length()).strip();
                if (!value.isEmpty()) {
                    return Optional.of(value);
                }
            }
        }
        return Optional.empty();
    }
}
