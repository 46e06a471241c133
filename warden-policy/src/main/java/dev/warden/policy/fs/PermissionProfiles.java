package dev.warden.policy.fs;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.TreeMap;

/**
 * The permission profiles a session may select: the three built-ins and the {@code [permissions.NAME]}
 * tables of the configuration, with {@code extends} chains resolved into one {@link FilesystemPolicy}.
 *
 * <p>Built-ins answer to their {@code sandbox_mode} names and to Codex's colon names
 * ({@code :read-only}, {@code :workspace}, {@code :danger-full-access}); custom profiles may not take
 * those names nor any name starting with {@code :}, so a profile cannot masquerade as a built-in.
 */
public final class PermissionProfiles {
    public static final String READ_ONLY = "read-only";
    public static final String WORKSPACE_WRITE = "workspace-write";
    public static final String DANGER_FULL_ACCESS = "danger-full-access";

    private final Map<String, PermissionProfileDefinition> custom;

    public PermissionProfiles(Collection<PermissionProfileDefinition> definitions) throws ProfileException {
        Map<String, PermissionProfileDefinition> byName = new TreeMap<>();
        for (PermissionProfileDefinition definition : definitions) {
            String name = definition.name();
            if (name.isEmpty() || name.startsWith(":") || builtinName(name).isPresent()) {
                throw new ProfileException("permission profile `" + name + "` (" + definition.origin()
                        + "): the name is reserved for a built-in profile; pick another name for [permissions." + name + "]");
            }
            byName.put(name, definition);
        }
        this.custom = Map.copyOf(byName);
    }

    /** The canonical built-in name for {@code name}, if it names a built-in. */
    public static Optional<String> builtinName(String name) {
        return switch (name) {
            case READ_ONLY, ":read-only" -> Optional.of(READ_ONLY);
            case WORKSPACE_WRITE, ":workspace" -> Optional.of(WORKSPACE_WRITE);
            case DANGER_FULL_ACCESS, ":danger-full-access" -> Optional.of(DANGER_FULL_ACCESS);
            default -> Optional.empty();
        };
    }

    /** The canonical name of a defined profile (built-in aliases folded), or empty if there is none. */
    public Optional<String> canonicalName(String name) {
        Optional<String> builtin = builtinName(name);
        if (builtin.isPresent()) {
            return builtin;
        }
        return custom.containsKey(name) ? Optional.of(name) : Optional.empty();
    }

    /** Every selectable name: built-ins first, then custom profiles sorted. */
    public List<String> names() {
        List<String> names = new ArrayList<>(List.of(READ_ONLY, WORKSPACE_WRITE, DANGER_FULL_ACCESS));
        names.addAll(new TreeMap<>(custom).keySet());
        return names;
    }

    /** Resolves {@code name} and its {@code extends} chain against this machine's paths. */
    public ResolvedProfile resolve(String name, ResolutionContext context) throws ProfileException {
        List<PermissionProfileDefinition> chain = new ArrayList<>();
        LinkedHashSet<String> seen = new LinkedHashSet<>();
        String current = name;
        String child = null;
        while (true) {
            Optional<String> builtin = builtinName(current);
            if (builtin.isPresent()) {
                chain.add(builtinDefinition(builtin.get(), context));
                break;
            }
            PermissionProfileDefinition definition = custom.get(current);
            if (definition == null) {
                if (child == null) {
                    throw new ProfileException("unknown permission profile `" + current + "`; known profiles: "
                            + String.join(", ", names()));
                }
                throw new ProfileException("permission profile `" + child + "` (" + custom.get(child).origin()
                        + ") extends unknown profile `" + current + "`; known profiles: " + String.join(", ", names()));
            }
            if (!seen.add(current)) {
                List<String> cycle = new ArrayList<>(seen);
                cycle = cycle.subList(cycle.indexOf(current), cycle.size());
                throw new ProfileException("permission profiles extend each other in a cycle: "
                        + String.join(" -> ", cycle) + " -> " + current + " (" + definition.origin()
                        + "); remove one `extends`");
            }
            chain.add(definition);
            if (definition.extendsName().isEmpty()) {
                break;
            }
            child = current;
            current = definition.extendsName().get();
        }
        Map<String, FilesystemEntry> entries = new LinkedHashMap<>();
        OptionalInt depth = OptionalInt.empty();
        for (int i = chain.size() - 1; i >= 0; i--) {
            PermissionProfileDefinition link = chain.get(i);
            for (Map.Entry<String, FilesystemEntry> entry : link.filesystem().entrySet()) {
                mergeEntry(entries, normaliseKey(entry.getKey()), entry.getValue());
            }
            if (link.globScanMaxDepth().isPresent()) {
                depth = link.globScanMaxDepth();
            }
        }
        String canonical = builtinName(name).orElse(name);
        return ProfileCompiler.compile(canonical, chain.getFirst().origin(), entries, depth, context);
    }

    private static void mergeEntry(Map<String, FilesystemEntry> into, String key, FilesystemEntry value) {
        FilesystemEntry existing = into.get(key);
        if (existing instanceof FilesystemEntry.Scoped parent && value instanceof FilesystemEntry.Scoped child) {
            Map<String, Access> merged = new LinkedHashMap<>(parent.entries());
            merged.putAll(child.entries());
            into.put(key, new FilesystemEntry.Scoped(merged));
        } else {
            into.put(key, value);
        }
    }

    private static String normaliseKey(String key) {
        return key.equals(":workspace_roots") ? ":project_roots" : key;
    }

    /**
     * The built-ins written as profiles, so that a custom profile can extend them. The workspace
     * profile takes its temporary directories and extra roots from {@code [sandbox_workspace_write]}.
     */
    private static PermissionProfileDefinition builtinDefinition(String name, ResolutionContext context) {
        Map<String, FilesystemEntry> fs = new LinkedHashMap<>();
        switch (name) {
            case READ_ONLY -> fs.put(":root", new FilesystemEntry.Grant(Access.READ));
            case DANGER_FULL_ACCESS -> fs.put(":root", new FilesystemEntry.Grant(Access.WRITE));
            case WORKSPACE_WRITE -> {
                fs.put(":root", new FilesystemEntry.Grant(Access.READ));
                fs.put(":project_roots", new FilesystemEntry.Scoped(Map.of(".", Access.WRITE)));
                ResolutionContext.WorkspaceWrite settings = context.workspaceWrite();
                if (!settings.excludeTmpdirEnvVar()) {
                    fs.put(":tmpdir", new FilesystemEntry.Grant(Access.WRITE));
                }
                if (!settings.excludeSlashTmp()) {
                    fs.put(":slash_tmp", new FilesystemEntry.Grant(Access.WRITE));
                }
                for (String root : settings.writableRoots()) {
                    fs.put(root, new FilesystemEntry.Grant(Access.WRITE));
                }
            }
            default -> throw new IllegalStateException("not a built-in profile: " + name);
        }
        String origin = name.equals(WORKSPACE_WRITE) && !context.workspaceWrite().writableRoots().isEmpty()
                ? "built-in, with sandbox_workspace_write.writable_roots" : "built-in";
        return new PermissionProfileDefinition(name, Optional.empty(), fs, OptionalInt.empty(), origin);
    }

    /** Expands {@code ~} and {@code ~/...} against {@code home}; empty if {@code text} is neither absolute nor home-relative. */
    static Optional<Path> absolute(String text, Path home) {
        if (text.equals("~")) {
            return Optional.of(home);
        }
        if (text.startsWith("~/")) {
            return Optional.of(home.resolve(text.substring(2)));
        }
        Path path = Path.of(text);
        return path.isAbsolute() ? Optional.of(path) : Optional.empty();
    }
}
