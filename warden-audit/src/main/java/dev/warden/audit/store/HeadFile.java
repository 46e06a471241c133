package dev.warden.audit.store;

import dev.warden.audit.AuditException;
import dev.warden.core.json.Json;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The newest signed checkpoint, kept a second time outside the database ({@code audit.db.checkpoint}).
 * Someone who cuts the tail off the database and deletes the checkpoint rows that covered it leaves a
 * store that is consistent on its own; this file still remembers how far the chain reached.
 */
final class HeadFile {
    private HeadFile() {}

    static Path of(Path database) {
        return database.resolveSibling(database.getFileName() + ".checkpoint");
    }

    /** Replaces the file if {@code checkpoint} is newer than what it holds; a lock keeps writers from racing. */
    static void advance(Path database, Checkpoint checkpoint) throws IOException {
        // File locks are per process: two stores open in one JVM must also take turns here.
        synchronized (HeadFile.class) {
            advanceLocked(database, checkpoint);
        }
    }

    private static void advanceLocked(Path database, Checkpoint checkpoint) throws IOException {
        Path file = of(database);
        Path lock = database.resolveSibling(database.getFileName() + ".checkpoint.lock");
        try (FileChannel channel = FileChannel.open(lock, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
             FileLock ignored = channel.lock()) {
            Optional<Checkpoint> current = readQuietly(file);
            if (current.isPresent() && current.get().seq() >= checkpoint.seq()) {
                return;
            }
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("seq", checkpoint.seq());
            json.put("head_hash", HexFormat.of().formatHex(checkpoint.headHash()));
            json.put("created_at", checkpoint.createdAt());
            json.put("key_id", checkpoint.keyId());
            json.put("signature", Base64.getEncoder().encodeToString(checkpoint.signature()));
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            Files.writeString(tmp, Json.write(json) + "\n", StandardCharsets.UTF_8);
            try (FileChannel sync = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                sync.force(true);
            }
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** The checkpoint the file holds, if there is a file; a file that does not parse is a verification problem. */
    static Optional<Checkpoint> read(Path database) {
        Path file = of(database);
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(parse(Files.readString(file)));
        } catch (IOException | RuntimeException e) {
            throw new AuditException(file + " cannot be read as a checkpoint (" + e.getMessage()
                    + "); it was damaged or replaced", e);
        }
    }

    private static Optional<Checkpoint> readQuietly(Path file) {
        try {
            return Files.exists(file) ? Optional.of(parse(Files.readString(file))) : Optional.empty();
        } catch (IOException | RuntimeException e) {
            return Optional.empty(); // a damaged file is replaced by a good one; verify reports it if it stays
        }
    }

    private static Checkpoint parse(String text) {
        Map<?, ?> json = (Map<?, ?>) Json.parse(text.strip());
        return new Checkpoint(((Number) json.get("seq")).longValue(),
                HexFormat.of().parseHex((String) json.get("head_hash")), (String) json.get("created_at"),
                (String) json.get("key_id"), Base64.getDecoder().decode((String) json.get("signature")));
    }
}
