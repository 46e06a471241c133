package dev.warden.sandbox.fs;

import java.nio.file.Path;
import java.util.List;

/**
 * A {@link dev.warden.sandbox.SandboxPolicy} turned into concrete, canonical host paths at launch —
 * what both backends build their mounts or rules from.
 *
 * @param writableRoots canonical, existing writable roots
 * @param readOnly      existing protected paths inside a writable root (canonical)
 * @param masks         for protected paths that do not exist yet: the highest missing ancestor inside
 *                      a writable root, which must stay impossible to create
 * @param hiddenDirs    denied directories (canonical, existing), and directories matched by deny globs
 * @param hiddenFiles   denied files and files matched by deny globs (canonical, existing)
 * @param cwd           the canonical working directory
 * @param warnings      what the resolution could not do completely
 */
public record ResolvedPolicy(List<Path> writableRoots, List<Path> readOnly, List<Path> masks,
        List<Path> hiddenDirs, List<Path> hiddenFiles, Path cwd, List<String> warnings) {
    public ResolvedPolicy {
        writableRoots = List.copyOf(writableRoots);
        readOnly = List.copyOf(readOnly);
        masks = List.copyOf(masks);
        hiddenDirs = List.copyOf(hiddenDirs);
        hiddenFiles = List.copyOf(hiddenFiles);
        warnings = List.copyOf(warnings);
    }

    public boolean insideWritableRoot(Path path) {
        return writableRoots.stream().anyMatch(path::startsWith);
    }
}
