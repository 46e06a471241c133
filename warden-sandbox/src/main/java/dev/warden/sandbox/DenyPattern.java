package dev.warden.sandbox;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Files under {@code base} whose relative path matches {@code glob}: {@code **} spans any number of
 * directories (also none), {@code *} and {@code ?} stay within one segment. {@code **}{@code /*.env}
 * under a workspace matches {@code .env}, {@code a/.env} and {@code a/b/c.env}.
 */
public record DenyPattern(Path base, String glob) {
    public DenyPattern {
        Objects.requireNonNull(base, "base");
        Objects.requireNonNull(glob, "glob");
        if (!base.isAbsolute()) {
            throw new IllegalArgumentException("deny pattern base must be absolute: " + base);
        }
        if (glob.isEmpty() || glob.startsWith("/")) {
            throw new IllegalArgumentException("deny pattern glob must be relative and non-empty: '" + glob + "'");
        }
    }
}
