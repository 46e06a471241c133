package dev.warden.core;

import java.util.Locale;

/** The three answers a verdict can give, ordered from least to most strict. */
public enum Decision {
    ALLOW,
    ASK,
    DENY;

    /** The stricter of two decisions: deny beats ask beats allow. */
    public Decision strictest(Decision other) {
        return compareTo(other) >= 0 ? this : other;
    }

    /** The lower-case name used in JSON and in messages. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
