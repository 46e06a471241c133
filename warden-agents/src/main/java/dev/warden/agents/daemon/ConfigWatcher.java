package dev.warden.agents.daemon;

import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Reloads the daemon's policies when a configuration or rules file changes. Watches directories (a file replaced by
 * an editor's rename is a new file), waits for the burst of events an editor makes to settle, then reloads once.
 * New directories (a project seen for the first time) are picked up on each pass.
 */
final class ConfigWatcher implements AutoCloseable {
    private static final long SETTLE_MILLIS = 150;
    /** However busy the directories are, a change is loaded within this long. */
    private static final long SETTLE_LIMIT_MILLIS = 2_000;

    private final PolicyCache cache;
    private final WatchService watch;
    private final Set<Path> registered = new HashSet<>();
    private final Thread thread;

    ConfigWatcher(PolicyCache cache) throws IOException {
        this.cache = cache;
        this.watch = FileSystems.getDefault().newWatchService();
        registerNew();
        this.thread = Thread.ofPlatform().daemon().name("warden-config-watch").start(this::loop);
    }

    private void loop() {
        while (true) {
            try {
                pass();
                return;
            } catch (RuntimeException e) {
                // A directory vanished under the watch, a reload hit a bug: keep watching rather than go deaf.
                cache.reportWatchFailure(e);
            }
        }
    }

    private void pass() {
        try {
            while (true) {
                WatchKey key = watch.poll(1, TimeUnit.SECONDS);
                if (key == null) {
                    registerNew();
                    continue;
                }
                if (!drain(key)) {
                    continue;
                }
                // Let the editor finish (write, rename, chmod) before reading the files. Other files in these
                // directories (the audit store's WAL in $WARDEN_HOME changes on every decision) neither count
                // as changes nor hold the reload back.
                long settleEnd = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(SETTLE_LIMIT_MILLIS);
                WatchKey more;
                while (System.nanoTime() < settleEnd
                        && (more = watch.poll(SETTLE_MILLIS, TimeUnit.MILLISECONDS)) != null) {
                    drain(more);
                }
                cache.reloadAll();
                registerNew();
            }
        } catch (InterruptedException | ClosedWatchServiceException e) {
            // Closing.
        }
    }

    /** Consumes the key's events; true when one of them may be a configuration or rules file (or events were lost). */
    private static boolean drain(WatchKey key) {
        boolean relevant = false;
        for (WatchEvent<?> event : key.pollEvents()) {
            if (event.kind() == StandardWatchEventKinds.OVERFLOW
                    || (event.context() instanceof Path name && isConfiguration(name.toString()))) {
                relevant = true;
            }
        }
        key.reset();
        return relevant;
    }

    /** config.toml, requirements.toml, trusted-projects and *.rules files; an editor's temporary names are not. */
    static boolean isConfiguration(String name) {
        return name.endsWith(".toml") || name.endsWith(".rules");
    }

    private void registerNew() {
        for (Path dir : cache.watchedDirectories()) {
            if (!registered.contains(dir) && Files.isDirectory(dir)) {
                try {
                    dir.register(watch, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_MODIFY,
                            StandardWatchEventKinds.ENTRY_DELETE);
                    registered.add(dir);
                } catch (IOException e) {
                    // Unreadable directory: its files cannot be loaded either; the next load reports that.
                }
            }
        }
    }

    @Override
    public void close() {
        try {
            watch.close();
        } catch (IOException e) {
            // Nothing left to release.
        }
        thread.interrupt();
    }
}
