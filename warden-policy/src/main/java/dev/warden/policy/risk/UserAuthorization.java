package dev.warden.policy.risk;

/**
 * How clearly the user's own request authorised an action, as a reviewer that read the conversation judged it.
 * The deterministic engine never reads the conversation, so on its own it always says {@link #UNKNOWN}.
 */
public enum UserAuthorization {
    /** The user asked for exactly this action, and it is narrowly scoped to what they asked. */
    EXPLICIT,
    /** The request implies the action, or the action reaches further than what was asked. */
    IMPLIED,
    /** Nothing the user asked for needs this action. */
    NONE,
    /** Not judged. */
    UNKNOWN
}
