package dev.warden.agents.mcp;

import dev.warden.approvals.ApprovalAnswer;
import dev.warden.approvals.ApprovalChannel;
import dev.warden.approvals.ApprovalOutcome;
import dev.warden.approvals.ApprovalRequest;
import dev.warden.core.Decision;
import dev.warden.core.event.EventBody.ApprovalScope;
import java.time.Duration;
import java.util.Optional;

/**
 * Where the MCP server takes an {@code ask}: the seam the approval router plugs into. Until it does,
 * {@link #elicitationOrDeny} asks the client through MCP elicitation when it supports it and denies otherwise
 * (no answer, a timeout or a failure is a denial).
 */
@FunctionalInterface
public interface AskResolver {

    /**
     * @param client the client's own way to ask its user (MCP elicitation), when it has one
     */
    ApprovalOutcome decide(ApprovalRequest request, Optional<ApprovalChannel> client) throws InterruptedException;

    /** Asks through {@code client} (at most {@code timeout}) if there is one; denies otherwise. */
    static AskResolver elicitationOrDeny(Duration timeout) {
        return (request, client) -> {
            long started = System.nanoTime();
            if (client.isEmpty()) {
                return deny("policy", "approval needed, and the MCP client does not support elicitation", started);
            }
            ApprovalChannel channel = client.get();
            try {
                ApprovalAnswer answer = channel.ask(request, timeout);
                long millis = (System.nanoTime() - started) / 1_000_000;
                return switch (answer) {
                    // Session and permanent grants need the router's grant store; until it is wired they hold once.
                    case ApprovalAnswer.ApproveOnce a -> new ApprovalOutcome(Decision.ALLOW, false, channel.name(),
                            ApprovalScope.ONCE, "user", "approved through " + channel.name(), millis);
                    case ApprovalAnswer.ApproveForSession a -> new ApprovalOutcome(Decision.ALLOW, false, channel.name(),
                            ApprovalScope.ONCE, "user", "approved through " + channel.name(), millis);
                    case ApprovalAnswer.ApproveAlways a -> new ApprovalOutcome(Decision.ALLOW, false, channel.name(),
                            ApprovalScope.ONCE, "user", "approved through " + channel.name(), millis);
                    case ApprovalAnswer.Deny d -> new ApprovalOutcome(Decision.DENY, false, channel.name(),
                            ApprovalScope.ONCE, "user", d.why(), millis);
                    case ApprovalAnswer.DenyAndStop d -> new ApprovalOutcome(Decision.DENY, true, channel.name(),
                            ApprovalScope.ONCE, "user", d.why(), millis);
                };
            } catch (ApprovalChannel.ChannelUnavailable e) {
                return deny(channel.name(), e.getMessage(), started);
            }
        };
    }

    private static ApprovalOutcome deny(String channel, String reason, long started) {
        return new ApprovalOutcome(Decision.DENY, false, channel, ApprovalScope.ONCE, "config", reason,
                (System.nanoTime() - started) / 1_000_000);
    }
}
