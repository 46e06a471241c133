package dev.warden.approvals;

import dev.warden.core.Action;
import dev.warden.core.Verdict;
import java.util.List;
import java.util.Objects;

/**
 * One {@code ask} on its way to a decision: the action, the policy's verdict (reasons and risk), the
 * prefix a person may approve for the session or for always (default: the matched rule's prefix or the
 * command's first words; for a network action {@code host:port}), and what the agent said it is doing,
 * when a front door knows it (the user's request, for the reviewer to weigh, never to obey).
 */
public record ApprovalRequest(String sessionId, Action action, Verdict verdict, List<String> suggestedPrefix,
        String context) {
    public ApprovalRequest {
        Objects.requireNonNull(sessionId, "sessionId");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(verdict, "verdict");
        suggestedPrefix = List.copyOf(suggestedPrefix);
        Objects.requireNonNull(context, "context");
    }

    /** A request with the default prefix ({@link SuggestedPrefix}) for the person to adjust. */
    public static ApprovalRequest of(String sessionId, Action action, Verdict verdict, String context) {
        return new ApprovalRequest(sessionId, action, verdict, SuggestedPrefix.of(action, verdict), context);
    }
}
