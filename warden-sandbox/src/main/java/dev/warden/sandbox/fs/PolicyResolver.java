package dev.warden.sandbox.fs;

import dev.warden.sandbox.SandboxCommand;
import dev.warden.sandbox.SandboxException;
import dev.warden.sandbox.SandboxPolicy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/** Resolves a policy against the host filesystem, refusing what an agent could subvert. */
public final class PolicyResolver {
    private PolicyResolver() {}

    public static ResolvedPolicy resolve(SandboxPolicy policy, SandboxCommand command, int maxVisited)
            throws SandboxException {
        return resolve(policy, command, maxVisited, List.of());
    }

    /**
     * @param alsoHidden existing directories of Warden's own that no command may see whatever the policy
     *                   says (the mount-point lock and ledger); missing ones are skipped
     */
    public static ResolvedPolicy resolve(SandboxPolicy policy, SandboxCommand command, int maxVisited,
            List<Path> alsoHidden) throws SandboxException {
        return resolve(policy, command, maxVisited, alsoHidden, path -> false);
    }

    /**
     * @param standing whether a directory (named by its real parent and its name) is a mount point Warden made for an
     *                 earlier sandbox and keeps standing as it made it: the missing name it stands for is masked again,
     *                 not bound as an existing protected directory (MountPlaceholders#standing)
     */
    public static ResolvedPolicy resolve(SandboxPolicy policy, SandboxCommand command, int maxVisited,
            List<Path> alsoHidden, Predicate<Path> standing) throws SandboxException {
        PathFacts facts = new PathFacts(standing);
        List<Path> writable = new ArrayList<>();
        for (Path root : policy.writableRoots()) {
            writable.add(real(root, "writable root"));
        }
        // Canonical is not enough: a root reached through a symlink inside another writable root (say
        // ws/build inside ws) goes wherever the command pointed that symlink in an earlier session, and
        // the bind or rule follows it out of the workspace (escape case 28).
        for (Path root : policy.writableRoots()) {
            guard(root, writable, "writable root", facts);
        }
        Path cwd = real(command.cwd(), "working directory");
        Set<Path> readOnly = new LinkedHashSet<>();
        Set<Path> masks = new LinkedHashSet<>();
        for (Path path : policy.protectedPaths()) {
            guard(path, writable, "protected path", facts);
            if (facts.exists(path) && !facts.standing(path)) {
                Path real = real(path, "protected path");
                if (insideAny(real, writable)) {
                    readOnly.add(real);
                }
            } else {
                missingAncestorInside(path, writable, facts).ifPresent(masks::add);
            }
        }
        // A missing name inside an existing read-only path (.git/hooks in a .git that has none yet) cannot
        // be created anyway; masking it would ask bwrap to mkdir a mount point on a read-only mount.
        masks.removeIf(mask -> readOnly.stream().anyMatch(ro -> !mask.equals(ro) && mask.startsWith(ro)));
        // Likewise an existing read-only path inside another (.git/hooks and .git/config inside .git) is read-only
        // already: binding it again only costs bwrap another parse of the mount table (0.25 ms each). These are
        // real paths: one that leads elsewhere through a symlink is compared where it leads.
        List<Path> allReadOnly = List.copyOf(readOnly);
        readOnly.removeIf(ro -> allReadOnly.stream().anyMatch(outer -> !ro.equals(outer) && ro.startsWith(outer)));
        Set<Path> hiddenDirs = new LinkedHashSet<>();
        Set<Path> hiddenFiles = new LinkedHashSet<>();
        for (Path path : policy.deniedPaths()) {
            guard(path, writable, "denied path", facts);
            if (Files.exists(path)) {
                Path real = real(path, "denied path");
                (Files.isDirectory(real) ? hiddenDirs : hiddenFiles).add(real);
            }
        }
        for (Path dir : alsoHidden) {
            if (Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
                hiddenDirs.add(real(dir, "Warden directory"));
            }
        }
        // What no sandbox shows the inside of needs no scan: hidden directories, and the mount points a server keeps
        // standing, each covered by an empty tmpfs (only bwrap keeps any: under Landlock nothing is standing).
        Set<Path> covered = new java.util.HashSet<>(hiddenDirs);
        for (Path mask : masks) {
            if (facts.standing(mask)) {
                covered.add(mask);
            }
        }
        DenyGlobScan.Result scan = DenyGlobScan.scan(policy.denyGlobs(), policy.globScanMaxDepth(), maxVisited,
                covered);
        for (Path match : scan.matches()) {
            guard(match, writable, "deny-glob match", facts);
            Path real = real(match, "deny-glob match");
            (Files.isDirectory(real, LinkOption.NOFOLLOW_LINKS) ? hiddenDirs : hiddenFiles).add(real);
        }
        return new ResolvedPolicy(writable, List.copyOf(readOnly), List.copyOf(masks),
                List.copyOf(hiddenDirs), List.copyOf(hiddenFiles), cwd, scan.warnings());
    }

    private static void guard(Path path, List<Path> writable, String what, PathFacts facts) throws SandboxException {
        var link = SymlinkGuard.writableSymlinkOn(path, writable, facts);
        if (link.isPresent()) {
            throw new SandboxException("refusing to build the sandbox: " + what + " " + path
                    + " goes through the symlink " + link.get() + ", which lives in a writable root and could be"
                    + " swapped by the sandboxed command; replace the symlink with the real directory or list the real path");
        }
    }

    /** The highest ancestor of {@code path} (itself included) that is missing and whose parent exists inside a writable root. */
    private static java.util.Optional<Path> missingAncestorInside(Path path, List<Path> writable, PathFacts facts) {
        Path current = path;
        while (current.getParent() != null && (!facts.exists(current.getParent())
                || facts.standing(current.getParent()))) {
            current = current.getParent();
        }
        Path parent = current.getParent();
        if (parent == null) {
            return java.util.Optional.empty();
        }
        try {
            Path realParent = facts.realPath(parent);
            return insideAny(realParent, writable)
                    ? java.util.Optional.of(realParent.resolve(current.getFileName()))
                    : java.util.Optional.empty();
        } catch (IOException e) {
            return java.util.Optional.empty();
        }
    }

    private static boolean insideAny(Path path, List<Path> roots) {
        return roots.stream().anyMatch(path::startsWith);
    }

    private static Path real(Path path, String what) throws SandboxException {
        try {
            return path.toRealPath();
        } catch (IOException e) {
            throw new SandboxException("cannot resolve " + what + " " + path + ": " + e.getMessage()
                    + "; create it or remove it from the policy");
        }
    }
}
