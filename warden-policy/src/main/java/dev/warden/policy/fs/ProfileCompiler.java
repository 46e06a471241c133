package dev.warden.policy.fs;

import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * Turns merged filesystem entries into a {@link FilesystemPolicy}. Globs may only deny: a sandbox can
 * hide a set of paths it enumerated, but it cannot grant access by pattern without guessing, so a
 * {@code read}/{@code write} glob is an error unless it is a plain subtree ({@code dir/**}).
 */
final class ProfileCompiler {
    private static final List<String> SPECIAL_NAMES =
            List.of(":root", ":minimal", ":tmpdir", ":slash_tmp", ":project_roots", ":workspace_roots");

    private final String profile;
    private final String origin;
    private final ResolutionContext context;
    private boolean fullDiskRead;
    private boolean fullDiskWrite;
    private boolean minimal;
    private boolean minimalRefused;
    private final Set<Path> readable = new LinkedHashSet<>();
    private final Set<Path> writable = new LinkedHashSet<>();
    /** Each write grant as written (absolute, not resolved), with its entry, for the symlink check in finish. */
    private final Map<Path, String> writableAsWritten = new LinkedHashMap<>();
    private final Set<Path> denied = new LinkedHashSet<>();
    private final List<DenyGlob> globs = new ArrayList<>();
    private final List<String> warnings = new ArrayList<>();

    private ProfileCompiler(String profile, String origin, ResolutionContext context) {
        this.profile = profile;
        this.origin = origin;
        this.context = context;
    }

    static ResolvedProfile compile(String profile, String origin, Map<String, FilesystemEntry> entries,
                                   OptionalInt depth, ResolutionContext context) throws ProfileException {
        ProfileCompiler compiler = new ProfileCompiler(profile, origin, context);
        for (Map.Entry<String, FilesystemEntry> entry : entries.entrySet()) {
            compiler.entry(entry.getKey(), entry.getValue());
        }
        int scanDepth = depth.orElse(FilesystemPolicy.DEFAULT_GLOB_SCAN_MAX_DEPTH);
        if (scanDepth < 1) {
            throw compiler.error("glob_scan_max_depth", "must be at least 1, got " + scanDepth);
        }
        return compiler.finish(scanDepth);
    }

    private void entry(String key, FilesystemEntry value) throws ProfileException {
        switch (key) {
            case ":root" -> {
                switch (grant(key, value)) {
                    case READ -> fullDiskRead = true;
                    case WRITE -> {
                        fullDiskRead = true;
                        fullDiskWrite = true;
                    }
                    case NONE -> { } // nothing is readable unless granted; an explicit none changes nothing
                }
            }
            case ":minimal" -> {
                switch (grant(key, value)) {
                    case READ -> {
                        minimal = true;
                        MinimalPaths.present().forEach(readable::add);
                    }
                    case WRITE -> throw error(key, "only `read` makes sense for the system directories");
                    case NONE -> minimalRefused = true;
                }
            }
            case ":tmpdir" -> {
                Access access = grant(key, value);
                Optional<Path> tmpdir = context.tmpdir();
                // An unset TMPDIR is the normal case (programs then use /tmp): nothing to grant, nothing to warn.
                tmpdir.ifPresent(dir -> add(dir, access));
            }
            case ":slash_tmp" -> add(Path.of("/tmp"), grant(key, value));
            case ":project_roots" -> under(key, context.projectRoot(), value);
            default -> {
                if (key.startsWith(":")) {
                    throw error(key, "unknown special path; known: " + String.join(", ", SPECIAL_NAMES));
                }
                pathEntry(key, value);
            }
        }
    }

    private void pathEntry(String key, FilesystemEntry value) throws ProfileException {
        if (DenyGlob.isGlob(key)) {
            Access access = grant(key, value);
            Path anchor = absolute(key, key);
            if (access == Access.NONE) {
                globs.add(glob(key, () -> DenyGlob.ofAbsolute(anchor.toString())));
                return;
            }
            add(absolute(key, subtreeOnly(key, key, access)), access, key);
            return;
        }
        under(key, absolute(key, key), value);
    }

    private void under(String key, Path base, FilesystemEntry value) throws ProfileException {
        switch (value) {
            case FilesystemEntry.Grant grant -> add(base, grant.access(), key);
            case FilesystemEntry.Scoped scoped -> {
                for (Map.Entry<String, Access> sub : scoped.entries().entrySet()) {
                    scopedEntry(key, base, sub.getKey(), sub.getValue());
                }
            }
        }
    }

    private void scopedEntry(String key, Path base, String sub, Access access) throws ProfileException {
        String where = key + "\" / \"" + sub;
        if (sub.equals(".")) {
            add(base, access, where);
            return;
        }
        String literal = sub;
        if (DenyGlob.isGlob(sub)) {
            if (access == Access.NONE) {
                requireRelative(where, sub);
                globs.add(glob(where, () -> DenyGlob.under(base, sub)));
                return;
            }
            literal = subtreeOnly(where, sub, access);
        }
        requireRelative(where, literal);
        add(base.resolve(literal), access, where);
    }

    private void add(Path path, Access access) {
        add(path, access, "");
    }

    private void add(Path path, Access access, String key) {
        Path canonical = CanonicalPath.of(path);
        if (access == Access.WRITE) {
            writableAsWritten.putIfAbsent(path, key);
        }
        switch (access) {
            case READ -> readable.add(canonical);
            case WRITE -> writable.add(canonical);
            case NONE -> denied.add(canonical);
        }
    }

    private ResolvedProfile finish(int scanDepth) throws ProfileException {
        List<Path> requiredDenied = new ArrayList<>();
        for (String entry : context.requiredDenyRead()) {
            String where = "deny_read entry \"" + entry + "\" (" + context.requiredSource() + ")";
            Optional<Path> path = safeAbsolute(entry);
            if (DenyGlob.isGlob(entry)) {
                if (path.isPresent()) {
                    globs.add(requiredGlob(where, () -> DenyGlob.ofAbsolute(path.get().toString())));
                } else if (entry.startsWith("**/")) {
                    globs.add(requiredGlob(where, () -> DenyGlob.under(Path.of("/"), entry)));
                } else {
                    throw new ProfileException(where + ": a glob must be absolute, start with ~/ or start with **/");
                }
            } else if (path.isPresent()) {
                requiredDenied.add(CanonicalPath.of(path.get()));
            } else {
                throw new ProfileException(where + ": must be an absolute path or start with ~/");
            }
        }
        // An administrator's deny cannot be reopened by a more specific grant below it: drop such roots.
        for (Path deny : requiredDenied) {
            dropUnder(readable, deny, "readable");
            dropUnder(writable, deny, "writable");
            denied.add(deny);
        }
        readable.removeAll(writable);
        readable.removeAll(denied);
        writable.removeAll(denied);
        if (!fullDiskWrite) {
            refuseSwappableWriteGrants();
        }
        // No program starts without the system trees (/usr, /lib, /etc ...): a profile that names no
        // read access for them (the article's seed profile only names its project) gets `:minimal`,
        // unless it refuses it explicitly with `":minimal" = "none"`.
        if (!fullDiskRead && !minimal && !minimalRefused) {
            MinimalPaths.present().forEach(path -> {
                if (!writable.contains(path) && !denied.contains(path)) {
                    readable.add(path);
                }
            });
        } else if (!fullDiskRead && !minimal && readable.isEmpty()) {
            warnings.add("permission profile `" + profile + "` refuses `:minimal` and grants no read access outside"
                    + " its writable roots, so programs may fail to start");
        }
        List<Path> protectedRoots = new ArrayList<>(writable);
        if (fullDiskWrite) {
            protectedRoots.add(Path.of("/"));
            protectedRoots.add(CanonicalPath.of(context.projectRoot()));
        }
        List<Path> guarded = ProtectedPaths.forWritableRoots(protectedRoots, context.home(), context.alwaysProtected());
        FilesystemPolicy policy = new FilesystemPolicy(fullDiskRead, fullDiskWrite, List.copyOf(readable),
                List.copyOf(writable), List.copyOf(denied), globs, guarded, scanDepth);
        return new ResolvedProfile(profile, policy, warnings);
    }

    /**
     * A write grant whose way passes through a symlink that itself lies in a writable root (say
     * {@code ws/build} inside the workspace) goes wherever a sandboxed command pointed that symlink in an
     * earlier session: resolving it would make {@code ~} or {@code /etc} writable (escape case 28).
     */
    private void refuseSwappableWriteGrants() throws ProfileException {
        // The shared /tmp is never bound into a sandbox (every command gets a private one), so a symlink
        // there is not the sandboxed command's to swap.
        Path sharedTmp = CanonicalPath.of(Path.of("/tmp"));
        for (Map.Entry<Path, String> grant : writableAsWritten.entrySet()) {
            if (!writable.contains(CanonicalPath.of(grant.getKey()))) {
                continue; // dropped under an administrator's deny_read: it grants nothing
            }
            Path current = grant.getKey().getRoot();
            for (Path name : grant.getKey()) {
                current = current.resolve(name);
                if (!Files.exists(current, LinkOption.NOFOLLOW_LINKS)) {
                    break;
                }
                if (!Files.isSymbolicLink(current)) {
                    continue;
                }
                Path parent = CanonicalPath.of(current.getParent());
                for (Path root : writable) {
                    if (parent.startsWith(root) && !root.equals(sharedTmp)) {
                        String key = grant.getValue().isEmpty() ? grant.getKey().toString() : grant.getValue();
                        throw error(key, "the writable path " + grant.getKey() + " goes through the symlink " + current
                                + ", which lies in the writable root " + root + " and could be pointed elsewhere by a"
                                + " sandboxed command; replace the symlink with a real directory or name the real path");
                    }
                }
            }
        }
    }

    private void dropUnder(Set<Path> roots, Path deny, String kind) {
        roots.removeIf(root -> {
            boolean inside = root.startsWith(deny);
            if (inside) {
                warnings.add(kind + " root " + root + " of permission profile `" + profile + "` lies inside " + deny
                        + ", which " + context.requiredSource() + " denies (deny_read); dropped");
            }
            return inside;
        });
    }

    private Access grant(String key, FilesystemEntry value) throws ProfileException {
        return switch (value) {
            case FilesystemEntry.Grant grant -> grant.access();
            case FilesystemEntry.Scoped ignored -> throw error(key, "does not take nested entries; give it one access ("
                    + Access.allowedValues() + ")");
        };
    }

    /** {@code dir/**} with read or write means the subtree {@code dir}; any other glob may only deny. */
    private String subtreeOnly(String where, String pattern, Access access) throws ProfileException {
        String stripped = pattern.endsWith("/**") ? pattern.substring(0, pattern.length() - 3) : pattern;
        if (DenyGlob.isGlob(stripped) || stripped.isEmpty()) {
            throw error(where, "a glob can only deny (\"none\"); for `" + access.wireName()
                    + "` use an exact path or a subtree ending in /**");
        }
        return stripped;
    }

    private void requireRelative(String where, String sub) throws ProfileException {
        if (sub.isEmpty() || sub.startsWith("/") || sub.startsWith("~")) {
            throw error(where, "must be a path relative to its parent entry");
        }
        for (String segment : sub.split("/", -1)) {
            if (segment.equals("..") || segment.equals(".") || segment.isEmpty()) {
                throw error(where, "must stay below its parent entry (no empty, . or .. segments)");
            }
        }
    }

    private Path absolute(String where, String text) throws ProfileException {
        Optional<Path> path = safeAbsolute(text);
        if (path.isEmpty()) {
            throw error(where, "must be an absolute path, start with ~/ or be one of " + String.join(", ", SPECIAL_NAMES));
        }
        return path.get();
    }

    private Optional<Path> safeAbsolute(String text) {
        try {
            return PermissionProfiles.absolute(text, context.home()).map(Path::normalize);
        } catch (InvalidPathException e) {
            return Optional.empty();
        }
    }

    private interface GlobFactory {
        DenyGlob make();
    }

    private DenyGlob glob(String where, GlobFactory factory) throws ProfileException {
        try {
            return factory.make();
        } catch (IllegalArgumentException e) {
            throw error(where, e.getMessage());
        }
    }

    private static DenyGlob requiredGlob(String where, GlobFactory factory) throws ProfileException {
        try {
            return factory.make();
        } catch (IllegalArgumentException e) {
            throw new ProfileException(where + ": " + e.getMessage());
        }
    }

    private ProfileException error(String key, String problem) {
        return new ProfileException("permission profile `" + profile + "` (" + origin + "): filesystem entry \""
                + key + "\": " + problem);
    }
}
