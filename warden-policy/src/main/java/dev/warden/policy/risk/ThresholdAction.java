package dev.warden.policy.risk;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** What the automatic reviewer does with an action at one risk level ({@code [auto_review]} values). Least strict first. */
public enum ThresholdAction {
    /** Approve without asking anyone. */
    ALLOW("allow"),
    /** Approve only when the user's request clearly authorised exactly this, narrowly scoped; otherwise ask a person. */
    ALLOW_IF_AUTHORIZED("allow-if-authorized"),
    /** Ask a person. */
    ASK("ask"),
    /** Refuse without asking. */
    DENY("deny");

    private final String wireName;

    ThresholdAction(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    public static List<String> wireNames() {
        return Arrays.stream(values()).map(ThresholdAction::wireName).toList();
    }

    public static Optional<ThresholdAction> parse(String text) {
        return Arrays.stream(values()).filter(a -> a.wireName.equals(text)).findFirst();
    }
}
