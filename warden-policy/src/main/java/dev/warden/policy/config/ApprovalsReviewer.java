package dev.warden.policy.config;

import java.util.List;
import java.util.Optional;

/** Who answers an approval request first: the person, or the automatic reviewer ({@code approvals_reviewer}). */
public enum ApprovalsReviewer {
    USER("user"),
    AUTO_REVIEW("auto_review");

    private final String wireName;

    ApprovalsReviewer(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    static List<String> wireNames() {
        return List.of(USER.wireName, AUTO_REVIEW.wireName);
    }

    /** Codex's older spelling {@code guardian_subagent} still means the automatic reviewer. */
    static Optional<ApprovalsReviewer> parse(String text) {
        return switch (text) {
            case "user" -> Optional.of(USER);
            case "auto_review", "guardian_subagent" -> Optional.of(AUTO_REVIEW);
            default -> Optional.empty();
        };
    }
}
