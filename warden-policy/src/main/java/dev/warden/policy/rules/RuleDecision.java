package dev.warden.policy.rules;

import dev.warden.core.Decision;

/** What a rule asks for when it matches, ordered from least to most strict: forbidden beats prompt beats allow. */
public enum RuleDecision {
    ALLOW,
    PROMPT,
    FORBIDDEN;

    private static final String ALLOWED_VALUES = "\"allow\", \"prompt\", \"forbidden\"";

    /** The engine's vocabulary for this decision: prompt means ask a person, forbidden means deny. */
    public Decision toDecision() {
        return switch (this) {
            case ALLOW -> Decision.ALLOW;
            case PROMPT -> Decision.ASK;
            case FORBIDDEN -> Decision.DENY;
        };
    }

    /** The spelling used in rules files, e.g. {@code "prompt"}. */
    public String wireName() {
        return switch (this) {
            case ALLOW -> "allow";
            case PROMPT -> "prompt";
            case FORBIDDEN -> "forbidden";
        };
    }

    /** The stricter of two rule decisions. */
    public RuleDecision strictest(RuleDecision other) {
        return compareTo(other) >= 0 ? this : other;
    }

    /**
     * Parses the spelling Codex uses. Exact and lower-case, as in Codex: a near miss such as {@code "Allow"}
     * is an error rather than a guess, because a guessed decision is a silently changed policy.
     */
    public static RuleDecision parse(String s) {
        if (s != null) {
            switch (s) {
                case "allow" -> { return ALLOW; }
                case "prompt" -> { return PROMPT; }
                case "forbidden" -> { return FORBIDDEN; }
                default -> { }
            }
        }
        throw new IllegalArgumentException(
                "unknown decision " + (s == null ? "null" : "\"" + s + "\"") + "; use one of " + ALLOWED_VALUES);
    }
}
