package dev.warden.core;

import java.util.Locale;

/** Which part of Warden produced a reason: configuration, a rule, a heuristic, a reviewer, a person, a hook. */
public enum ReasonSource {
    CONFIG,
    RULE,
    HEURISTIC,
    REVIEWER,
    USER,
    HOOK;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
