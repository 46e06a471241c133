package dev.warden.agents.mcp;

import dev.warden.approvals.ApprovalOutcome;
import dev.warden.approvals.ApprovalRequest;
import dev.warden.core.Action;
import dev.warden.core.Decision;
import dev.warden.core.Verdict;
import dev.warden.core.event.EventBody;
import dev.warden.core.event.SessionRecorder;
import dev.warden.core.json.Json;
import io.modelcontextprotocol.server.McpSyncServerExchange;
import io.modelcontextprotocol.spec.McpSchema;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * One tool call on its way down the one path: recorded as an {@code mcp_call}, judged by the policy
 * ({@code tool_decision}), an {@code ask} resolved through the {@link AskResolver} ({@code approval}), and finished
 * with a {@code tool_result} whatever happens, refusals included.
 */
final class GovernedCall {
    static final String SERVER = "warden";

    private final ToolContext context;
    private final SessionRecorder.Span span;
    private final long started = System.nanoTime();

    private GovernedCall(ToolContext context, String tool, Map<String, Object> arguments) {
        this.context = context;
        this.span = context.audit().span();
        span.emit(new EventBody.McpCall(SERVER, tool, Json.write(arguments == null ? Map.of() : arguments)));
    }

    static GovernedCall start(ToolContext context, String tool, Map<String, Object> arguments) {
        return new GovernedCall(context, tool, arguments);
    }

    /** Why the action may not happen, or null when it may (allowed, or asked and approved). */
    String refusal(Action action, McpSyncServerExchange exchange) {
        Verdict verdict = context.policy().engine().evaluate(action);
        span.emit(EventBody.ToolDecision.of(action, verdict));
        String reason = dev.warden.agents.hook.ClaudeCodeHook.decisive(verdict).message();
        return switch (verdict.decision()) {
            case ALLOW -> null;
            case DENY -> "denied by Warden's policy: " + reason;
            case ASK -> {
                ApprovalOutcome outcome;
                try {
                    outcome = context.asks().decide(new ApprovalRequest(context.audit().sessionId(), action, verdict,
                            prefix(action), ""), McpElicitationChannel.of(exchange));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    outcome = null;
                }
                if (outcome == null) {
                    yield "approval needed (" + reason + ") and the wait was interrupted";
                }
                span.emit(new EventBody.Approval(outcome.channel(), outcome.scope(), outcome.decision(),
                        outcome.decidedBy(), outcome.latencyMillis()));
                yield outcome.decision() == Decision.ALLOW ? null
                        : "approval needed (" + reason + ") and not given: " + outcome.reason();
            }
        };
    }

    /** A refused call: recorded with exit status 1 and answered as a tool error. */
    McpSchema.CallToolResult refused(String why) {
        return error("warden: " + why);
    }

    /** A call that failed before or instead of running (bad arguments, a path outside the workspace). */
    McpSchema.CallToolResult error(String message) {
        finish(1, 0, message.length(), message);
        return McpSchema.CallToolResult.builder().addTextContent(message).isError(true).build();
    }

    /** A call that ran; {@code text} is what the model sees. */
    McpSchema.CallToolResult done(int status, long stdoutBytes, long stderrBytes, String text, boolean isError) {
        finish(status, stdoutBytes, stderrBytes, text);
        return McpSchema.CallToolResult.builder().addTextContent(text).isError(isError).build();
    }

    private void finish(int status, long stdoutBytes, long stderrBytes, String text) {
        long millis = (System.nanoTime() - started) / 1_000_000;
        span.emit(new EventBody.ToolResult(status, millis, stdoutBytes, stderrBytes, sha256(text)));
    }

    private static List<String> prefix(Action action) {
        return action instanceof Action.Exec exec ? exec.argv().subList(0, Math.min(2, exec.argv().size())) : List.of();
    }

    static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
