package dev.warden.policy.risk;

import java.util.Locale;

/** How risky an action is, least to most severe. */
public enum RiskLevel {
    /** Everyday work; nothing points at harm. */
    LOW,
    /** Could matter, rarely does: worth recording, not worth interrupting anyone. */
    MEDIUM,
    /** Harmful unless the person asked for exactly this. */
    HIGH,
    /** No coding task needs it: credentials leaving the machine, the disk erased, Warden turned off. */
    CRITICAL;

    /** The lower-case name used in JSON and configuration. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The more severe of two levels. */
    public RiskLevel max(RiskLevel other) {
        return compareTo(other) >= 0 ? this : other;
    }

    /** Whether this level is at least {@code other}. */
    public boolean atLeast(RiskLevel other) {
        return compareTo(other) >= 0;
    }
}
