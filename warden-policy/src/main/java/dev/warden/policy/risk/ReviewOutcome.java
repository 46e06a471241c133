package dev.warden.policy.risk;

import java.util.Locale;
import java.util.Objects;

/**
 * What the thresholds make of an assessed action: approve it, hand it to a person, or refuse it, and why.
 *
 * @param verdict what happens
 * @param reason  one sentence naming the level, the threshold and its configured action
 */
public record ReviewOutcome(Verdict verdict, String reason) {

    /** The three answers of the automatic reviewer. */
    public enum Verdict {
        ALLOW,
        ASK_HUMAN,
        DENY;

        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public ReviewOutcome {
        Objects.requireNonNull(verdict, "verdict");
        Objects.requireNonNull(reason, "reason");
    }
}
