package dev.warden.agents.daemon;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Where the daemon lives under {@code $WARDEN_HOME}: {@code daemon.json} (0600: url, token, pid),
 * {@code run/daemon.sock} (0600, in a 0700 directory, so no other user can even reach it while it is being
 * created) and {@code daemon.log}.
 */
public record DaemonFiles(Path wardenHome) {
    public Path info() {
        return wardenHome.resolve("daemon.json");
    }

    public Path runDirectory() {
        return wardenHome.resolve("run");
    }

    public Path socket() {
        return runDirectory().resolve("daemon.sock");
    }

    /** The exec door's port, token, build and pid ({@link ExecDoor}), 0600. */
    public Path execDoor() {
        return runDirectory().resolve("exec-door");
    }

    /** Locked by the running daemon for its whole life ({@link Daemon}); empty. */
    public Path lock() {
        return runDirectory().resolve("daemon.lock");
    }

    public Path log() {
        return wardenHome.resolve("daemon.log");
    }

    /** Creates {@code $WARDEN_HOME/run} with mode 0700 (and tightens it if it exists). */
    public void prepare() throws IOException {
        Files.createDirectories(wardenHome);
        Files.createDirectories(runDirectory());
        Files.setPosixFilePermissions(runDirectory(), PosixFilePermissions.fromString("rwx------"));
    }

    /** Writes {@code text} to {@code target} with mode 0600, atomically (readers never see half a file). */
    public static void writePrivate(Path target, String text) throws IOException {
        Path temporary = Files.createTempFile(target.getParent(), ".warden", ".tmp",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        try {
            Files.writeString(temporary, text);
            Files.move(temporary, target, java.nio.file.StandardCopyOption.ATOMIC_MOVE,
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(temporary);
        }
    }
}
