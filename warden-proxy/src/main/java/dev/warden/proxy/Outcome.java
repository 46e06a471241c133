package dev.warden.proxy;

import java.util.Locale;

/** What was decided for one connection: allowed by the lists, refused, or asked and answered. */
public enum Outcome {
    ALLOW,
    DENY,
    ASK_APPROVED,
    ASK_DENIED;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public boolean allowed() {
        return this == ALLOW || this == ASK_APPROVED;
    }
}
