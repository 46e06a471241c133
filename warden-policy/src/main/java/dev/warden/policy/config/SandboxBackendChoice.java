package dev.warden.policy.config;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Which kernel mechanism confines commands ({@code sandbox_backend}): {@code auto} asks the host what
 * works (bubblewrap first, then Landlock), the other two insist on one backend and refuse to run when
 * the host cannot provide it.
 */
public enum SandboxBackendChoice {
    AUTO,
    BWRAP,
    LANDLOCK;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    static List<String> wireNames() {
        return List.of(AUTO.wireName(), BWRAP.wireName(), LANDLOCK.wireName());
    }

    static Optional<SandboxBackendChoice> parse(String text) {
        for (SandboxBackendChoice choice : values()) {
            if (choice.wireName().equals(text)) {
                return Optional.of(choice);
            }
        }
        return Optional.empty();
    }
}
