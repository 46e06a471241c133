package dev.warden.audit;

import java.util.Locale;
import java.util.Optional;

/**
 * What happens to the agent when the audit store fails ({@code [audit] on_failure}). Either way the
 * person is told at once; the difference is whether the agent may carry on unrecorded.
 */
public enum OnFailure {
    /** Refuse further events: emitting throws, so every front door stops the agent. The default: fail closed. */
    STOP,
    /** Keep the agent running, drop and count the events, and keep saying so. */
    WARN;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<OnFailure> parse(String text) {
        return switch (text) {
            case "stop" -> Optional.of(STOP);
            case "warn" -> Optional.of(WARN);
            default -> Optional.empty();
        };
    }
}
