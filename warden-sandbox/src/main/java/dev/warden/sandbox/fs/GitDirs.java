package dev.warden.sandbox.fs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Where a workspace's git metadata really lives. In a worktree or submodule {@code .git} is a file
 * ({@code gitdir: ../real.git/worktrees/x}); protecting only that file leaves the hooks it points at
 * writable, which is how git hooks get planted from a "protected" worktree.
 */
public final class GitDirs {
    private GitDirs() {}

    /**
     * {@code root/.git} plus, when it is a {@code gitdir:} file, the directory it names and that
     * directory's {@code commondir} (where hooks and config are shared by all worktrees).
     */
    public static List<Path> protectedFor(Path root) {
        Path dotGit = root.resolve(".git");
        List<Path> out = new ArrayList<>();
        out.add(dotGit);
        if (!Files.isRegularFile(dotGit)) {
            return out;
        }
        try {
            String text = Files.readString(dotGit).strip();
            if (!text.startsWith("gitdir:")) {
                return out;
            }
            Path gitdir = root.resolve(text.substring("gitdir:".length()).strip()).normalize();
            out.add(gitdir);
            Path commondir = gitdir.resolve("commondir");
            if (Files.isRegularFile(commondir)) {
                out.add(gitdir.resolve(Files.readString(commondir).strip()).normalize());
            }
        } catch (IOException e) {
            // An unreadable .git file protects nothing more; .git itself stays protected.
        }
        return out;
    }
}
