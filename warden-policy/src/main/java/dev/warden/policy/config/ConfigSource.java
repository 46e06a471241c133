package dev.warden.policy.config;

import java.nio.file.Path;
import java.util.Objects;

/**
 * A file the loader looked at and what it did with it.
 *
 * @param layer   the layer name (see {@link ValueOrigin#layer()})
 * @param file    the file
 * @param status  {@code applied}, {@code missing}, or {@code ignored: project not trusted (run `warden trust DIR`)}
 */
public record ConfigSource(String layer, Path file, String status) {
    public static final String APPLIED = "applied";
    public static final String MISSING = "missing";

    public ConfigSource {
        Objects.requireNonNull(layer, "layer");
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(status, "status");
    }

    static String untrusted(Path projectRoot) {
        return "ignored: project not trusted (run `warden trust " + projectRoot + "`)";
    }
}
