package dev.warden.policy.fs;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A {@code [permissions.NAME]} table as written, before inheritance is applied.
 *
 * @param name              the profile name
 * @param extendsName       the parent profile, built-in or custom
 * @param filesystem        the {@code filesystem} entries, key (special name, absolute or {@code ~/} path) to entry
 * @param globScanMaxDepth  {@code filesystem.glob_scan_max_depth}, if set
 * @param origin            where it was defined, for error messages (layer and file:line)
 */
public record PermissionProfileDefinition(
        String name,
        Optional<String> extendsName,
        Map<String, FilesystemEntry> filesystem,
        OptionalInt globScanMaxDepth,
        String origin) {

    public PermissionProfileDefinition {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(extendsName, "extendsName");
        filesystem = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(filesystem));
        Objects.requireNonNull(globScanMaxDepth, "globScanMaxDepth");
        Objects.requireNonNull(origin, "origin");
    }
}
