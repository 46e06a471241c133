package dev.warden.agents.mcp;

import dev.warden.approvals.ApprovalChannel;
import dev.warden.approvals.ApprovalOutcome;
import dev.warden.approvals.ApprovalRequest;
import java.util.Optional;

/**
 * Where the MCP server takes an {@code ask}: the approval router, which `warden mcp` plugs in with the
 * calling client's elicitation as its human channel. There is no other way to decide an ask.
 */
@FunctionalInterface
public interface AskResolver {

    /**
     * @param client the client's own way to ask its user (MCP elicitation), when it has one
     */
    ApprovalOutcome decide(ApprovalRequest request, Optional<ApprovalChannel> client) throws InterruptedException;
}
