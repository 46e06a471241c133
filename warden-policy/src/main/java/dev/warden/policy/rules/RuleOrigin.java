package dev.warden.policy.rules;

import java.util.Objects;

/**
 * Where a rule was written, so a verdict can say which file to open.
 *
 * @param layer the configuration layer: {@code user}, {@code project}, {@code requirements}, {@code system}, {@code cli}, ...
 * @param file  the file as the user would recognise it
 * @param line  1-based line of the rule, or 0 when unknown
 */
public record RuleOrigin(String layer, String file, int line) {
    public RuleOrigin {
        Objects.requireNonNull(layer, "layer");
        Objects.requireNonNull(file, "file");
        if (line < 0) {
            throw new IllegalArgumentException("line must be 0 (unknown) or positive, got " + line);
        }
    }

    @Override
    public String toString() {
        return layer + " " + file + (line > 0 ? ":" + line : "");
    }
}
