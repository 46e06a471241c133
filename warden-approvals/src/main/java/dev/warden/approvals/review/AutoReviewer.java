package dev.warden.approvals.review;

import dev.warden.approvals.ApprovalRequest;

/**
 * The automatic reviewer ({@code approvals_reviewer = "auto_review"}): decides the asks a person need not see.
 * An implementation must fail closed: anything it cannot judge is {@link Review.AskHuman}, never an approval.
 */
public interface AutoReviewer {

    /** A short name for the audit trail, e.g. {@code deterministic}, {@code model}. */
    String name();

    Review review(ApprovalRequest request) throws InterruptedException;
}
