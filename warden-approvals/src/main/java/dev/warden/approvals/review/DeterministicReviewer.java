package dev.warden.approvals.review;

import dev.warden.approvals.ApprovalRequest;
import dev.warden.core.Risk;
import dev.warden.policy.risk.AutoReviewThresholds;
import dev.warden.policy.risk.ReviewOutcome;
import dev.warden.policy.risk.RiskLevel;
import dev.warden.policy.risk.UserAuthorization;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * The thresholds of {@code [auto_review]} applied to the risk the policy engine already assessed. It never reads
 * the conversation, so it cannot know whether the user asked for exactly this: at {@code allow-if-authorized}
 * (high, by default) it hands the action to a person.
 */
public final class DeterministicReviewer implements AutoReviewer {
    private final AutoReviewThresholds thresholds;

    public DeterministicReviewer(AutoReviewThresholds thresholds) {
        this.thresholds = Objects.requireNonNull(thresholds, "thresholds");
    }

    @Override
    public String name() {
        return "deterministic";
    }

    @Override
    public Review review(ApprovalRequest request) {
        Optional<Risk> risk = request.verdict().risk();
        if (risk.isEmpty()) {
            return new Review.AskHuman("the action has no risk assessment");
        }
        return decide(thresholds, level(risk.get()), UserAuthorization.UNKNOWN, risk.get().rationale());
    }

    static RiskLevel level(Risk risk) {
        return RiskLevel.valueOf(risk.level().toUpperCase(Locale.ROOT));
    }

    static Review decide(AutoReviewThresholds thresholds, RiskLevel level, UserAuthorization authorization,
            String evidence) {
        ReviewOutcome outcome = thresholds.decide(level, authorization);
        String rationale = outcome.reason() + " (" + evidence + ")";
        return switch (outcome.verdict()) {
            case ALLOW -> new Review.Approve(rationale);
            case ASK_HUMAN -> new Review.AskHuman(rationale);
            case DENY -> new Review.Deny(rationale);
        };
    }
}
