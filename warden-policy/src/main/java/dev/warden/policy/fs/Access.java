package dev.warden.policy.fs;

import java.util.Locale;
import java.util.Optional;

/** What a process may do with a path: nothing, read it, or read and write it. */
public enum Access {
    NONE,
    READ,
    WRITE;

    /** The spelling used in configuration files: {@code none}, {@code read}, {@code write}. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Parses a configuration value. {@code deny} is accepted as an alias of {@code none} because Codex
     * users write both; anything else is empty so the caller can name the key and the allowed values.
     */
    public static Optional<Access> parse(String text) {
        return switch (text) {
            case "none", "deny" -> Optional.of(NONE);
            case "read" -> Optional.of(READ);
            case "write" -> Optional.of(WRITE);
            default -> Optional.empty();
        };
    }

    /** The allowed spellings, for error messages. */
    public static String allowedValues() {
        return "read, write, none (alias deny)";
    }
}
