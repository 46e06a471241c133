package dev.warden.policy.config;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import org.tomlj.TomlArray;

/**
 * Where command rules come from; the rule engine parses them, the loader only finds them.
 *
 * @param layer                 the layer the rules belong to
 * @param file                  the config file holding {@code [[rules.prefix]]}, or the {@code .rules} file to parse
 * @param tomlPrefixRules       the {@code rules.prefix} array from a config layer; empty for a {@code .rules} file
 * @param allowDecisionAllowed  false for the administrator's {@code prefix_rules}: requirements may forbid or
 *                              prompt, never pre-approve
 */
public record RuleSource(String layer, Path file, Optional<TomlArray> tomlPrefixRules, boolean allowDecisionAllowed) {
    public RuleSource {
        Objects.requireNonNull(layer, "layer");
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(tomlPrefixRules, "tomlPrefixRules");
    }
}
