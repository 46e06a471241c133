package dev.warden.bench;

import dev.warden.core.json.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Real shell commands nobody on this project wrote, from the shared evaluation corpora (see
 * {@code shared/data/README.md} for provenance): everyday one-liners (nl2bash), attack tests (Atomic Red
 * Team, Linux) and restriction bypasses (GTFOBins). The benchmark's mix is every record of the three, in
 * a fixed shuffled order, so a run is reproducible and no corpus is weighted by hand.
 */
final class CommandCorpus {
    /** The corpora by the name the benchmarks' {@code corpus} parameter uses, with the field holding the command. */
    private static final Map<String, List<String>> FILES = Map.of(
            "nl2bash", List.of("nl2bash.jsonl", "command"),
            "atomic-red-team", List.of("atomic-red-team-linux.jsonl", "command"),
            "gtfobins", List.of("gtfobins.jsonl", "code"));
    private static final long SHUFFLE_SEED = 20_251_121L;

    private CommandCorpus() {}

    /** The commands of one corpus, or of all three for {@code mix}, shuffled with a fixed seed. */
    static List<String> commands(String corpus) {
        List<String> commands = new ArrayList<>();
        if (corpus.equals("mix")) {
            for (String name : List.of("nl2bash", "atomic-red-team", "gtfobins")) {
                commands.addAll(read(name));
            }
        } else if (FILES.containsKey(corpus)) {
            commands.addAll(read(corpus));
        } else {
            throw new IllegalArgumentException("unknown corpus '" + corpus + "'; use mix, " + String.join(", ", FILES.keySet()));
        }
        Collections.shuffle(commands, new Random(SHUFFLE_SEED));
        return List.copyOf(commands);
    }

    private static List<String> read(String corpus) {
        List<String> spec = FILES.get(corpus);
        Path file = dataDir().resolve(spec.get(0));
        List<String> commands = new ArrayList<>();
        try {
            for (String line : Files.readAllLines(file)) {
                if (line.isBlank()) {
                    continue;
                }
                Object value = ((Map<?, ?>) Json.parse(line)).get(spec.get(1));
                if (value instanceof String command && !command.isBlank()) {
                    commands.add(command);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read corpus " + file + ": " + e.getMessage(), e);
        }
        return commands;
    }

    /**
     * {@code -Dwarden.shared.dir} (the scripts set it), else {@code shared/} next to the checkout, found from
     * the working directory.
     */
    static Path dataDir() {
        String configured = System.getProperty("warden.shared.dir");
        List<Path> candidates = new ArrayList<>();
        if (configured != null) {
            candidates.add(Path.of(configured, "data"));
        }
        candidates.add(Path.of("../shared/data"));
        candidates.add(Path.of("../../shared/data"));
        candidates.add(Path.of("../../../shared/data"));
        for (Path candidate : candidates) {
            if (Files.isRegularFile(candidate.resolve("nl2bash.jsonl"))) {
                return candidate.toAbsolutePath().normalize();
            }
        }
        throw new IllegalStateException("evaluation corpora not found (looked in " + candidates
                + "); pass -Dwarden.shared.dir=/path/to/shared");
    }
}
