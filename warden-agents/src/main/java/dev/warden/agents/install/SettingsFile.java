package dev.warden.agents.install;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Optional;

/**
 * An agent's settings file on disk: read (absent is empty), and replaced atomically after a backup of the old
 * content next to it ({@code settings.json.warden-backup-UTCTIME}). An unchanged file is not touched.
 */
public final class SettingsFile {
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("uuuuMMdd'T'HHmmss.SSS'Z'")
            .withZone(ZoneOffset.UTC);

    private SettingsFile() {}

    public static String read(Path file) throws IOException {
        return Files.exists(file) ? Files.readString(file) : "";
    }

    /** Writes {@code text} if it differs; returns the backup made, if any. */
    public static Optional<Path> replace(Path path, String before, String text) throws IOException {
        if (text.equals(before)) {
            return Optional.empty();
        }
        // A settings file kept in a dotfiles repository is often a symlink: update what it points to.
        Path file = Files.isSymbolicLink(path) ? path.toRealPath() : path;
        Files.createDirectories(file.toAbsolutePath().getParent());
        Optional<Path> backup = Optional.empty();
        if (Files.exists(file)) {
            Path copy = file.resolveSibling(file.getFileName() + ".warden-backup-" + STAMP.format(Instant.now()));
            Files.copy(file, copy, StandardCopyOption.COPY_ATTRIBUTES);
            backup = Optional.of(copy);
        }
        Path temporary = Files.createTempFile(file.toAbsolutePath().getParent(), ".settings", ".tmp");
        try {
            Files.writeString(temporary, text);
            if (Files.exists(file)) {
                Files.setPosixFilePermissions(temporary, Files.getPosixFilePermissions(file));
            }
            Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(temporary);
        }
        return backup;
    }
}
