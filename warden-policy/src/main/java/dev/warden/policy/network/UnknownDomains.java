package dev.warden.policy.network;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** What happens to a destination on neither list ({@code [network] unknown}): ask a person, or refuse. */
public enum UnknownDomains {
    ASK,
    DENY;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static List<String> wireNames() {
        return List.of(ASK.wireName(), DENY.wireName());
    }

    public static Optional<UnknownDomains> parse(String text) {
        for (UnknownDomains value : values()) {
            if (value.wireName().equals(text)) {
                return Optional.of(value);
            }
        }
        return Optional.empty();
    }
}
