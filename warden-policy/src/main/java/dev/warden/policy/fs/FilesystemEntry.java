package dev.warden.policy.fs;

import java.util.Map;
import java.util.Objects;

/**
 * One value of a profile's {@code filesystem} table: either an access for the key's path
 * ({@code "/opt/data" = "read"}), or a table of sub-paths below it
 * ({@code ":project_roots" = { "." = "write", "**}{@code /*.env" = "none" }}).
 */
public sealed interface FilesystemEntry {

    /** The whole path gets {@code access}. */
    record Grant(Access access) implements FilesystemEntry {
        public Grant {
            Objects.requireNonNull(access, "access");
        }
    }

    /** Relative sub-paths or globs below the key's path, each with its access; insertion order kept. */
    record Scoped(Map<String, Access> entries) implements FilesystemEntry {
        public Scoped {
            entries = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(entries));
        }
    }
}
