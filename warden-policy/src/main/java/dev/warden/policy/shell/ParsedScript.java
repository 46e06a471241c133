package dev.warden.policy.shell;

import java.util.List;
import java.util.Objects;

/**
 * A shell script split into simple commands.
 *
 * <p>When {@link #complexities()} is empty the script is in the plain subset and {@link #commands()} is exactly
 * what bash would execute. Otherwise the commands are a best-effort reading (complex parts kept as literal
 * text, commands inside substitutions and subshells listed as well) for heuristics only: a complex script must
 * never be auto-allowed as known-safe.
 *
 * @param source       the script as given
 * @param commands     the simple commands, in order
 * @param complexities one short human-readable reason per construct outside the plain subset, e.g.
 *                     {@code "command substitution $(...)"}; empty when the script is plain
 */
public record ParsedScript(String source, List<SimpleCommand> commands, List<String> complexities) {
    public ParsedScript {
        Objects.requireNonNull(source, "source");
        commands = List.copyOf(commands);
        complexities = List.copyOf(complexities);
    }

    /** True when the script uses anything outside the plain subset; its commands are then only a best effort. */
    public boolean isComplex() {
        return !complexities.isEmpty();
    }
}
