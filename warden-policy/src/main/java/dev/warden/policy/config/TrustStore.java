package dev.warden.policy.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.tomlj.Toml;
import org.tomlj.TomlParseResult;
import org.tomlj.TomlTable;

/**
 * The projects a person has vouched for ({@code warden trust DIR}). Only a trusted project's
 * {@code .warden/config.toml} and {@code .warden/rules/} are loaded: a repository cloned from anywhere
 * must not be able to configure the sandbox that contains it.
 *
 * <p>Stored in {@code $WARDEN_HOME/trusted-projects.toml} as {@code [projects."/abs/path"] trust_level =
 * "trusted"}, keyed by the canonical project root (the repository root found from DIR), written
 * atomically (temporary file, then rename) with mode 0600. A file that cannot be parsed is an error,
 * never an empty trust list that would be silently rewritten.
 */
public final class TrustStore {
    private static final String TRUSTED = "trusted";

    private final Path wardenHome;
    private final Path file;

    public TrustStore(Path wardenHome) {
        this.wardenHome = wardenHome;
        this.file = wardenHome.resolve("trusted-projects.toml");
    }

    /** {@code $WARDEN_HOME/trusted-projects.toml}. */
    public Path file() {
        return file;
    }

    /** Trusts the project that {@code dir} belongs to. */
    public void trust(Path dir) throws IOException {
        Path root = ProjectRoot.of(dir);
        Map<Path, String> levels = read();
        levels.put(root, TRUSTED);
        write(levels);
    }

    /** Withdraws trust from the project that {@code dir} belongs to (no error if it was not trusted). */
    public void untrust(Path dir) throws IOException {
        Path root = ProjectRoot.of(dir);
        Map<Path, String> levels = read();
        if (levels.remove(root) != null) {
            write(levels);
        }
    }

    /** True if the project {@code dir} belongs to is trusted; false for a directory that does not exist. */
    public boolean isTrusted(Path dir) {
        Path root;
        try {
            root = ProjectRoot.of(dir);
        } catch (IOException e) {
            return false;
        }
        try {
            return TRUSTED.equals(read().get(root));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every trusted project root, sorted. */
    public List<Path> trusted() {
        try {
            List<Path> out = new ArrayList<>();
            read().forEach((path, level) -> {
                if (TRUSTED.equals(level)) {
                    out.add(path);
                }
            });
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Project root to trust level; empty if the file does not exist. */
    Map<Path, String> read() throws IOException {
        Map<Path, String> levels = new TreeMap<>();
        if (!Files.exists(file)) {
            return levels;
        }
        TomlParseResult parsed = Toml.parse(file);
        if (parsed.hasErrors()) {
            var error = parsed.errors().getFirst();
            throw new IOException(file + ":" + error.position().line() + ":" + error.position().column() + ": "
                    + error.getMessage() + "; fix or delete the file, then run `warden trust` again");
        }
        Object projects = parsed.get(List.of("projects"));
        if (projects == null) {
            return levels;
        }
        if (!(projects instanceof TomlTable table)) {
            throw new IOException(file + ": `projects` must be a table of [projects.\"/path\"] entries");
        }
        for (String key : table.keySet()) {
            Object entry = table.get(List.of(key));
            if (!(entry instanceof TomlTable project) || !(project.get(List.of("trust_level")) instanceof String level)) {
                throw new IOException(file + ": projects.\"" + key + "\" must be a table with trust_level = \"trusted\"");
            }
            Path path = Path.of(key);
            if (!path.isAbsolute()) {
                throw new IOException(file + ": projects.\"" + key + "\" is not an absolute path");
            }
            levels.put(path.normalize(), level);
        }
        return levels;
    }

    private void write(Map<Path, String> levels) throws IOException {
        if (!Files.isDirectory(wardenHome)) {
            Files.createDirectories(wardenHome, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        }
        StringBuilder text = new StringBuilder("# Projects trusted with `warden trust`; their .warden/config.toml and rules are loaded.\n");
        for (Map.Entry<Path, String> entry : levels.entrySet()) {
            text.append("\n[projects.\"").append(Toml.tomlEscape(entry.getKey().toString())).append("\"]\n")
                    .append("trust_level = \"").append(Toml.tomlEscape(entry.getValue())).append("\"\n");
        }
        Path temp = Files.createTempFile(wardenHome, ".trusted-projects-", ".tmp",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        try {
            Files.writeString(temp, text, StandardCharsets.UTF_8);
            Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rw-------"));
            // Same directory, so the rename is atomic: a reader sees the old list or the new one, never half.
            Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(temp);
        }
    }
}
