package dev.warden.approvals;

import dev.warden.core.Decision;
import dev.warden.core.event.EventBody.ApprovalScope;
import java.util.Objects;

/**
 * How the router resolved an {@code ask}: allow or deny (never ask), whether the agent must stop, which
 * step decided ({@code channel}: grant, rule, auto-review, terminal, mcp-elicitation, policy, ...), who
 * ({@code decidedBy}: user, reviewer, config), for how long, and why in one line.
 */
public record ApprovalOutcome(Decision decision, boolean stopAgent, String channel, ApprovalScope scope,
        String decidedBy, String reason, long latencyMillis) {
    public ApprovalOutcome {
        Objects.requireNonNull(decision, "decision");
        if (decision == Decision.ASK) {
            throw new IllegalArgumentException("an approval outcome is allow or deny, not ask");
        }
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(decidedBy, "decidedBy");
        Objects.requireNonNull(reason, "reason");
    }

    public boolean allowed() {
        return decision == Decision.ALLOW;
    }
}
