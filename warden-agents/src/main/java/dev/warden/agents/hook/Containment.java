package dev.warden.agents.hook;

import java.util.Objects;

/**
 * Whether what Claude Code runs is inside Warden's sandbox. A hook cannot sandbox anything itself: outside
 * {@code warden run} an {@code allow} would let Claude Code run the command unconfined, so only known-safe or
 * explicitly rule-allowed commands pass there, and everything else is asked.
 *
 * @param sandboxed true only for a {@code warden run} session Warden knows (registered and still alive)
 * @param why       how that was established, for the reason shown to the person
 */
public record Containment(boolean sandboxed, String why) {
    public Containment {
        Objects.requireNonNull(why, "why");
    }

    public static Containment unsandboxed(String why) {
        return new Containment(false, why);
    }
}
