package dev.warden.cli;

import dev.warden.audit.store.AuditStore;
import dev.warden.sandbox.mounts.MountPlaceholders;
import dev.warden.sandbox.spawn.PosixSpawn;

/**
 * Work every sandboxed start does whatever the configuration says, begun on a second thread while the main
 * thread reads the configuration and rules: binding the native calls that spawn and lock, loading SQLite's
 * library and the signing provider. The main thread simply finds them done (or waits for the rest); a failure
 * here is met again, and reported, where the main thread needs the piece.
 */
final class StartAhead {
    private StartAhead() {}

    static void sandboxAndAudit() {
        Thread.ofPlatform().daemon(true).name("warden-start-ahead").start(() -> {
            try {
                PosixSpawn.linkAhead();
                MountPlaceholders.linkAhead();
            } catch (RuntimeException | LinkageError e) {
                // the sandbox start reports it
            }
            AuditStore.loadAhead();
        });
    }
}
