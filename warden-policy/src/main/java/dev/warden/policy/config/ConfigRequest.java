package dev.warden.policy.config;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What the command line asks the loader for.
 *
 * @param wardenHome  {@code $WARDEN_HOME} (default {@code ~/.warden}): user config, rules, trust store
 * @param systemDir   {@code $WARDEN_SYSTEM_DIR} (default {@code /etc/warden}): system config and requirements
 * @param cwd         where the agent will work; the project is found from here
 * @param profile     {@code --profile NAME}
 * @param overrides   every {@code -c key=value}, in command-line order
 */
public record ConfigRequest(Path wardenHome, Path systemDir, Path cwd, Optional<String> profile, List<String> overrides) {

    public ConfigRequest {
        Objects.requireNonNull(wardenHome, "wardenHome");
        Objects.requireNonNull(systemDir, "systemDir");
        Objects.requireNonNull(cwd, "cwd");
        Objects.requireNonNull(profile, "profile");
        overrides = List.copyOf(overrides);
    }

    /** The request with {@code WARDEN_HOME} and {@code WARDEN_SYSTEM_DIR} taken from {@code environment}, or their defaults. */
    public static ConfigRequest fromEnvironment(Map<String, String> environment, Path cwd, Optional<String> profile,
                                                List<String> overrides) {
        String home = environment.getOrDefault("HOME", System.getProperty("user.home"));
        Path wardenHome = nonBlank(environment.get("WARDEN_HOME")).map(Path::of).orElse(Path.of(home, ".warden"));
        Path systemDir = nonBlank(environment.get("WARDEN_SYSTEM_DIR")).map(Path::of).orElse(Path.of("/etc/warden"));
        return new ConfigRequest(wardenHome, systemDir, cwd, profile, overrides);
    }

    private static Optional<String> nonBlank(String value) {
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value);
    }
}
