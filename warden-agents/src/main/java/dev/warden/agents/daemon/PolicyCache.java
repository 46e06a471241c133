package dev.warden.agents.daemon;

import dev.warden.agents.PolicySnapshot;
import dev.warden.agents.hook.PolicySource;
import dev.warden.policy.config.ConfigException;
import dev.warden.policy.config.ConfigRequest;
import dev.warden.policy.config.ConfigSource;
import dev.warden.policy.config.RuleSource;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * The daemon's loaded policies, one per working directory a hook came from (each project has its own layers).
 * {@link #reloadAll} loads every one again; a directory whose files no longer load keeps its last good policy and
 * the error is kept for {@code warden daemon status} and the log. A directory never loaded successfully has no old
 * policy to keep: its hooks fail closed with the error.
 */
public final class PolicyCache implements PolicySource {
    /** Projects a per-user daemon serves at once; beyond that the cache starts over (a load is ~10 ms). */
    private static final int MAX_ENTRIES = 256;

    private final Path wardenHome;
    private final Path systemDir;
    private final Consumer<String> log;
    private final Map<Path, PolicySnapshot> snapshots = new ConcurrentHashMap<>();
    private volatile Optional<String> lastError = Optional.empty();

    public PolicyCache(Path wardenHome, Path systemDir, Consumer<String> log) {
        this.wardenHome = wardenHome;
        this.systemDir = systemDir;
        this.log = log;
    }

    @Override
    public PolicySnapshot forDirectory(Path cwd) throws ConfigException {
        PolicySnapshot cached = snapshots.get(cwd);
        if (cached != null) {
            return cached;
        }
        PolicySnapshot loaded = load(cwd);
        if (snapshots.size() >= MAX_ENTRIES) {
            snapshots.clear();
        }
        snapshots.put(cwd, loaded);
        return loaded;
    }

    /** Loads every cached directory again; returns how many failed (they keep their previous policy). */
    public int reloadAll() {
        int failed = 0;
        for (Path cwd : List.copyOf(snapshots.keySet())) {
            try {
                snapshots.put(cwd, load(cwd));
            } catch (ConfigException | RuntimeException e) {
                failed++;
                String message = "configuration for " + cwd + " did not reload, keeping the previous one: " + e.getMessage();
                lastError = Optional.of(message);
                log.accept(message);
            }
        }
        if (failed == 0) {
            lastError = Optional.empty();
        }
        return failed;
    }

    void reportWatchFailure(RuntimeException e) {
        log.accept("configuration watch: " + e);
    }

    /** The last reload error, until a reload succeeds everywhere. */
    public Optional<String> lastError() {
        return lastError;
    }

    public int size() {
        return snapshots.size();
    }

    /** Every directory holding a file some cached policy was loaded from (or would be, once created). */
    public Set<Path> watchedDirectories() {
        Set<Path> dirs = new LinkedHashSet<>();
        dirs.add(wardenHome);
        dirs.add(wardenHome.resolve("rules"));
        dirs.add(systemDir);
        for (PolicySnapshot snapshot : snapshots.values()) {
            for (ConfigSource source : snapshot.loaded().config().sources()) {
                dirs.add(source.file().toAbsolutePath().getParent());
            }
            for (RuleSource source : snapshot.loaded().config().ruleSources()) {
                dirs.add(source.file().toAbsolutePath().getParent());
            }
        }
        return dirs;
    }

    private PolicySnapshot load(Path cwd) throws ConfigException {
        return PolicySnapshot.load(new ConfigRequest(wardenHome, systemDir, cwd, Optional.empty(), List.of()));
    }
}
