package dev.warden.policy.command;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * Where a command runs, so that relative paths, {@code ~} and {@code ..} in its words can be judged.
 *
 * @param cwd            the absolute working directory of the command
 * @param workspaceRoots the absolute directories the agent may change freely; deleting strictly inside them is not dangerous
 * @param home           the absolute home directory that {@code ~} and {@code $HOME} stand for
 * @param homeAndPwdKnown whether {@code ~}, {@code $HOME} and {@code $PWD} mean {@code home} and {@code cwd}: false
 *                        for a script that may assign HOME or PWD itself, where they name what only run time knows
 */
public record DangerContext(Path cwd, List<Path> workspaceRoots, Path home, boolean homeAndPwdKnown) {
    /** A context where {@code ~}, {@code $HOME} and {@code $PWD} mean {@code home} and {@code cwd}. */
    public DangerContext(Path cwd, List<Path> workspaceRoots, Path home) {
        this(cwd, workspaceRoots, home, true);
    }

    public DangerContext {
        cwd = absolute(cwd, "cwd");
        workspaceRoots = workspaceRoots.stream().map(root -> absolute(root, "workspace root")).toList();
        home = absolute(home, "home");
    }

    private static Path absolute(Path path, String what) {
        Objects.requireNonNull(path, what);
        if (!path.isAbsolute()) {
            throw new IllegalArgumentException(what + " must be an absolute path, got " + path);
        }
        return path.normalize();
    }

    /** The same context with another working directory, for {@code env -C DIR} and {@code find -execdir}. */
    DangerContext withCwd(Path newCwd) {
        return new DangerContext(cwd.resolve(newCwd).normalize(), workspaceRoots, home, homeAndPwdKnown);
    }

    /** The same context for a script that may assign HOME or PWD ({@link ShellVariables#mayAssign}). */
    public DangerContext withHomeAndPwdUnknown() {
        return homeAndPwdKnown ? new DangerContext(cwd, workspaceRoots, home, false) : this;
    }
}
