package dev.warden.cli.line;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;

/** What an option's value is; the parser converts at parse time, so a bad value stops before anything runs. */
public enum ValueType {
    TEXT("text"),
    INT("whole number"),
    LONG("whole number"),
    PATH("path");

    private final String description;

    ValueType(String description) {
        this.description = description;
    }

    /** The value as this type: {@code String}, {@code Integer}, {@code Long} or {@code Path}. */
    Object convert(String option, String raw) {
        try {
            return switch (this) {
                case TEXT -> raw;
                case INT -> Integer.parseInt(raw);
                case LONG -> Long.parseLong(raw);
                case PATH -> Path.of(raw);
            };
        } catch (NumberFormatException | InvalidPathException e) {
            throw new UsageError("invalid value for " + option + ": '" + raw + "' is not a " + description);
        }
    }
}
