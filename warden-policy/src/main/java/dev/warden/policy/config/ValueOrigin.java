package dev.warden.policy.config;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * Who set a value.
 *
 * @param layer  {@code default}, {@code system}, {@code user}, {@code project}, {@code profile:NAME},
 *               {@code cli} or {@code requirements}
 * @param file   the file that set it (absent for defaults and the command line)
 * @param line   the 1-based line in that file; for {@code cli}, the 1-based position of the {@code -c}
 *               among the overrides; 0 when there is none
 */
public record ValueOrigin(String layer, Optional<Path> file, int line) {
    public ValueOrigin {
        Objects.requireNonNull(layer, "layer");
        Objects.requireNonNull(file, "file");
    }

    /** {@code user /home/a/.warden/config.toml:3}, {@code cli -c #2}, {@code default}. */
    public String describe() {
        if (layer.equals("cli")) {
            return "cli -c #" + line;
        }
        return file.map(f -> layer + " " + f + (line > 0 ? ":" + line : "")).orElse(layer);
    }
}
