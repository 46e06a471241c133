package dev.warden.policy.config;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Everything {@link ConfigLoader#load} found: the effective configuration and how it came to be.
 *
 * @param effective     the values in force
 * @param origins       dotted key to the layer (and file:line) that set it; {@code requirements} where an
 *                      administrator's constraint replaced the configured value
 * @param sources       every file looked at: applied, missing, or ignored (untrusted project)
 * @param warnings      things a person should know (a value replaced by a requirement, a dropped root)
 * @param notEnforced   keys Warden does not understand, kept but not enforced, with who set them
 * @param requirements  the administrator's constraints
 * @param ruleSources   where the rule engine finds command rules, in load order
 * @param digest        SHA-256 (hex) of the effective values: equal digests, equal behaviour
 */
public record LoadedConfig(
        EffectiveConfig effective,
        Map<String, ValueOrigin> origins,
        List<ConfigSource> sources,
        List<String> warnings,
        Map<String, ValueOrigin> notEnforced,
        Requirements requirements,
        List<RuleSource> ruleSources,
        String digest) {

    public LoadedConfig {
        Objects.requireNonNull(effective, "effective");
        origins = Collections.unmodifiableMap(new LinkedHashMap<>(origins));
        sources = List.copyOf(sources);
        warnings = List.copyOf(warnings);
        notEnforced = Collections.unmodifiableMap(new LinkedHashMap<>(notEnforced));
        Objects.requireNonNull(requirements, "requirements");
        ruleSources = List.copyOf(ruleSources);
        Objects.requireNonNull(digest, "digest");
    }
}
