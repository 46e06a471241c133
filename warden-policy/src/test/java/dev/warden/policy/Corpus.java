package dev.warden.policy;

import dev.warden.core.json.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Reads the external evaluation corpora in ../shared/data (see its README for provenance). */
public final class Corpus {
    private Corpus() {}

    public static Path dataDir() {
        String configured = System.getProperty("warden.shared.dir");
        if (configured != null && Files.isDirectory(Path.of(configured, "data"))) {
            return Path.of(configured, "data");
        }
        Path fallback = Path.of("../../shared/data").toAbsolutePath().normalize();
        if (Files.isDirectory(fallback)) {
            return fallback;
        }
        throw new IllegalStateException("evaluation corpora not found: set -Dwarden.shared.dir to the shared/ directory");
    }

    /** Every record of a JSON-lines file, as maps. */
    @SuppressWarnings("unchecked")
    public static List<Map<String, Object>> records(String file) {
        try {
            List<Map<String, Object>> out = new ArrayList<>();
            for (String line : Files.readAllLines(dataDir().resolve(file))) {
                if (!line.isBlank()) {
                    out.add((Map<String, Object>) Json.parse(line));
                }
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static List<String> strings(String file, String field) {
        return records(file).stream().map(r -> (String) r.get(field)).filter(s -> s != null && !s.isBlank()).toList();
    }
}
