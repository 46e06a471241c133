package dev.warden.agents.daemon;

import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
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
                drain(key);
                // Let the editor finish (write, rename, chmod) before reading the files.
                WatchKey more;
                while ((more = watch.poll(SETTLE_MILLIS, TimeUnit.MILLISECONDS)) != null) {
                    drain(more);
                }
                cache.reloadAll();
                registerNew();
            }
        } catch (InterruptedException | ClosedWatchServiceException e) {
            // Closing.
        }
    }

    private static void drain(WatchKey key) {
        key.pollEvents();
        key.reset();
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
