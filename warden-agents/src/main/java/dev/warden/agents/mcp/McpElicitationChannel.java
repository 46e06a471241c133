package dev.warden.agents.mcp;

import dev.warden.agents.hook.ClaudeCodeHook;
import dev.warden.approvals.ApprovalAnswer;
import dev.warden.approvals.ApprovalChannel;
import dev.warden.approvals.ApprovalRequest;
import dev.warden.core.Action;
import io.modelcontextprotocol.server.McpSyncServerExchange;
import io.modelcontextprotocol.spec.McpSchema;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Asks the MCP client's user through elicitation ({@code elicitation/create}, form mode): the action, why Warden
 * asks, and a choice between approving this once and denying. A client that did not declare the elicitation
 * capability, a decline, a cancel, or no answer in time are all "not approved".
 */
public final class McpElicitationChannel implements ApprovalChannel {
    static final String APPROVE = "approve-once";
    static final String DENY = "deny";

    private final McpSyncServerExchange exchange;

    private McpElicitationChannel(McpSyncServerExchange exchange) {
        this.exchange = exchange;
    }

    /** The channel, when the client declared the elicitation capability. */
    public static Optional<ApprovalChannel> of(McpSyncServerExchange exchange) {
        McpSchema.ClientCapabilities capabilities = exchange.getClientCapabilities();
        if (capabilities == null || capabilities.elicitation() == null) {
            return Optional.empty();
        }
        return Optional.of(new McpElicitationChannel(exchange));
    }

    @Override
    public String name() {
        return "mcp-elicitation";
    }

    @Override
    public ApprovalAnswer ask(ApprovalRequest request, Duration timeout) throws ChannelUnavailable {
        Map<String, Object> schema = Map.of("type", "object",
                "properties", Map.of("decision", Map.of("type", "string", "title", "Decision",
                        "enum", List.of(APPROVE, DENY), "enumNames", List.of("Approve once", "Deny"))),
                "required", List.of("decision"));
        String message = "Warden needs your approval: " + describe(request.action()) + "\nWhy: "
                + ClaudeCodeHook.decisive(request.verdict()).message()
                + request.verdict().risk().map(r -> "\nRisk: " + r.level() + " (" + r.rationale() + ")").orElse("");
        McpSchema.ElicitResult result;
        try {
            result = exchange.createElicitation(McpSchema.ElicitFormRequest.builder(message, schema).build());
        } catch (RuntimeException e) {
            throw new ChannelUnavailable("elicitation failed: " + e.getMessage());
        }
        if (result.action() == McpSchema.ElicitResult.Action.ACCEPT && result.content() != null
                && APPROVE.equals(result.content().get("decision"))) {
            return new ApprovalAnswer.ApproveOnce();
        }
        return new ApprovalAnswer.Deny("not approved through MCP elicitation (" + result.action().name().toLowerCase(java.util.Locale.ROOT) + ")");
    }

    static String describe(Action action) {
        return switch (action) {
            case Action.Exec e -> "run " + String.join(" ", e.argv()) + " in " + e.cwd();
            case Action.FileRead r -> "read " + r.path();
            case Action.FileWrite w -> "write " + w.path();
            case Action.NetworkConnect n -> "connect to " + n.host() + ":" + n.port();
            case Action.McpCall m -> "call " + m.server() + "/" + m.tool();
        };
    }
}
