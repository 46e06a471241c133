package dev.warden.policy.network;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * How sandboxed commands reach the network ({@code [network] mode}): not at all, only through Warden's
 * filtering proxy, or directly with no filtering.
 */
public enum NetworkMode {
    OFF,
    PROXIED,
    FULL;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static List<String> wireNames() {
        return List.of(OFF.wireName(), PROXIED.wireName(), FULL.wireName());
    }

    public static Optional<NetworkMode> parse(String text) {
        for (NetworkMode mode : values()) {
            if (mode.wireName().equals(text)) {
                return Optional.of(mode);
            }
        }
        return Optional.empty();
    }
}
