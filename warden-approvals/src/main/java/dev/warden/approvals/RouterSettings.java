package dev.warden.approvals;

import dev.warden.policy.config.ApprovalPolicy;
import dev.warden.policy.config.ApprovalsReviewer;
import dev.warden.policy.config.EffectiveConfig;
import java.time.Duration;
import java.util.Objects;

/**
 * What the router needs from the configuration.
 *
 * @param approvalPolicy {@code approval_policy}: under {@code never}, or a granular category set to false, an ask
 *                       is refused without asking anyone
 * @param reviewer       {@code approvals_reviewer}: whether the automatic reviewer answers first
 * @param timeout        {@code [approvals] timeout_seconds}: how long the human channels have, together
 * @param user           who a person's answer is credited to in rules and the audit trail
 */
public record RouterSettings(ApprovalPolicy approvalPolicy, ApprovalsReviewer reviewer, Duration timeout, String user) {
    public RouterSettings {
        Objects.requireNonNull(approvalPolicy, "approvalPolicy");
        Objects.requireNonNull(reviewer, "reviewer");
        Objects.requireNonNull(timeout, "timeout");
        Objects.requireNonNull(user, "user");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("the approval timeout must be positive");
        }
    }

    public static RouterSettings of(EffectiveConfig config, String user) {
        return new RouterSettings(config.approvalPolicy(), config.approvalsReviewer(), config.approvals().timeout(), user);
    }
}
