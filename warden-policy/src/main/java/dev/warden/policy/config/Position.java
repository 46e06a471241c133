package dev.warden.policy.config;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * Where a configuration value was written, precise enough for an error message.
 *
 * @param layer   the layer name ({@link ValueOrigin#layer()})
 * @param label   how the layer reads in a message: {@code user config}, {@code command line -c sandbox_mode=x}
 * @param file    the file, if there is one
 * @param line    1-based line, 0 if unknown (for {@code cli}, the override's 1-based index)
 * @param column  1-based column, 0 if unknown
 */
record Position(String layer, String label, Optional<Path> file, int line, int column) {

    Position {
        Objects.requireNonNull(layer, "layer");
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(file, "file");
    }

    static Position builtIn() {
        return new Position("default", "built-in default", Optional.empty(), 0, 0);
    }

    /** {@code user config /home/a/.warden/config.toml:3:1}. */
    String describe() {
        return file.map(f -> label + " " + f + (line > 0 ? ":" + line + ":" + column : "")).orElse(label);
    }

    ValueOrigin origin() {
        return new ValueOrigin(layer, file, line);
    }

    /** The same place, seen through a selected profile. */
    Position asProfile(String profile) {
        return new Position("profile:" + profile, "profile " + profile + " in " + label, file, line, column);
    }
}
