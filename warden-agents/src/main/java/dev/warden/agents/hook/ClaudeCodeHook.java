package dev.warden.agents.hook;

import dev.warden.agents.PolicySnapshot;
import dev.warden.agents.fs.RealPath;
import dev.warden.core.Action;
import dev.warden.core.Decision;
import dev.warden.core.Reason;
import dev.warden.core.ReasonSource;
import dev.warden.core.Segment;
import dev.warden.core.Verdict;
import dev.warden.core.event.EventBody;
import dev.warden.core.event.SessionRecorder;
import dev.warden.core.json.Json;
import dev.warden.policy.config.ApprovalPolicy;
import dev.warden.policy.config.ConfigException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code warden hook claude-code}: one payload in, one answer out, as Claude Code's hooks reference specifies
 * (https://code.claude.com/docs/en/hooks). {@code PreToolUse} gets a {@code permissionDecision} from the policy;
 * the other events are recorded and answered with silence (exit 0, no output), which changes nothing in Claude Code.
 *
 * <p>Claude Code treats a crashed, timed-out or exit-1 hook as "proceed", so every failure here is turned into
 * exit 2 with the reason on stderr: unparseable input, an unknown event, a broken configuration, an audit store
 * that cannot record, a bug.
 */
public final class ClaudeCodeHook {
    private final HookSessions sessions;

    public ClaudeCodeHook(HookSessions sessions) {
        this.sessions = sessions;
    }

    /** Answers one hook call; never throws. */
    public HookAnswer answer(String payloadText, PolicySource policies, Containment containment) {
        try {
            HookPayload payload = HookPayload.parse(payloadText);
            PolicySnapshot snapshot = policies.forDirectory(payload.cwd());
            return switch (payload.event()) {
                case PRE_TOOL_USE -> preToolUse(payload, snapshot, containment);
                case POST_TOOL_USE -> record(payload, snapshot, session -> session.span().emit(toolResult(payload)));
                case USER_PROMPT_SUBMIT -> record(payload, snapshot, session -> session.emit(
                        EventBody.UserPrompt.of((String) payload.fields().get("prompt"), snapshot.logsPromptText())));
                // The start is the session's own session_start; the end and the end of a turn only make the record durable.
                case SESSION_START, SESSION_END, STOP -> record(payload, snapshot, SessionRecorder::flush);
            };
        } catch (HookInputException e) {
            return HookAnswer.failClosed(e.getMessage());
        } catch (ConfigException e) {
            return HookAnswer.failClosed("configuration: " + e.getMessage());
        } catch (RuntimeException e) {
            return HookAnswer.failClosed("internal error: " + e);
        }
    }

    /** The verdict for one tool call, as Warden would answer it; pure apart from resolving symlinks. */
    public static Verdict judge(Action action, PolicySnapshot snapshot, Containment containment) {
        Verdict verdict = snapshot.engine().evaluate(action);
        verdict = strictest(verdict, throughLinks(action, snapshot));
        if (!containment.sandboxed() && verdict.decision() == Decision.ALLOW && action instanceof Action.Exec
                && !knownSafeOrRuleAllowed(verdict)) {
            boolean never = snapshot.loaded().policy().approvalPolicy() instanceof ApprovalPolicy.Never;
            Decision decision = never ? Decision.DENY : Decision.ASK;
            List<Reason> reasons = new ArrayList<>();
            reasons.add(Reason.of(ReasonSource.HOOK, decision, containment.why()
                    + "; only known-safe or rule-allowed commands run without asking"
                    + (never ? ", and approval_policy = never forbids asking" : ""), -1));
            reasons.addAll(verdict.reasons());
            verdict = new Verdict(decision, reasons, verdict.segments(), verdict.risk());
        }
        return verdict;
    }

    private HookAnswer preToolUse(HookPayload payload, PolicySnapshot snapshot, Containment containment)
            throws HookInputException {
        ToolRequest request = ToolActions.of(payload.toolName(), payload.toolInput(), payload.cwd());
        return switch (request) {
            case ToolRequest.ConversationOnly c -> HookAnswer.silent();
            case ToolRequest.Unknown u -> permission(Decision.ASK, "Warden does not know the tool " + u.tool()
                    + " and cannot tell what it does; Claude Code asks you");
            case ToolRequest.Governed g -> {
                Verdict verdict = judge(g.action(), snapshot, containment);
                sessions.within(payload, snapshot, session -> {
                    SessionRecorder.Span span = session.span();
                    if (g.action() instanceof Action.McpCall m) {
                        span.emit(new EventBody.McpCall(m.server(), m.tool(), m.argumentsJson()));
                    }
                    return span.emit(EventBody.ToolDecision.of(g.action(), verdict));
                });
                yield permission(verdict.decision(), decisive(verdict).message());
            }
        };
    }

    private <T> HookAnswer record(HookPayload payload, PolicySnapshot snapshot, java.util.function.Consumer<SessionRecorder> work) {
        sessions.within(payload, snapshot, session -> {
            work.accept(session);
            return null;
        });
        return HookAnswer.silent();
    }

    /** The documented PreToolUse answer. */
    static HookAnswer permission(Decision decision, String reason) {
        Map<String, Object> specific = new LinkedHashMap<>();
        specific.put("hookEventName", HookEvent.PRE_TOOL_USE.wireName());
        specific.put("permissionDecision", decision.wireName());
        specific.put("permissionDecisionReason", "Warden: " + reason);
        return new HookAnswer(0, Json.write(Map.of("hookSpecificOutput", specific)) + "\n", "");
    }

    /** The first reason that asks for the verdict's own decision. */
    public static Reason decisive(Verdict verdict) {
        return verdict.reasons().stream().filter(r -> r.decision() == verdict.decision()).findFirst()
                .orElse(verdict.reasons().getFirst());
    }

    private static boolean knownSafeOrRuleAllowed(Verdict verdict) {
        if (verdict.segments().isEmpty()) {
            return false;
        }
        for (Segment segment : verdict.segments()) {
            boolean safe = segment.classification().equals("known-safe")
                    || (segment.classification().equals("rule") && segment.decision() == Decision.ALLOW);
            if (!safe) {
                return false;
            }
        }
        return true;
    }

    /**
     * A file action judged again at the path it really reaches: {@code ws/notes -> ~/.ssh/config} is a write
     * to {@code ~/.ssh/config}. A path whose links cannot be resolved (a loop) is refused.
     */
    private static Verdict throughLinks(Action action, PolicySnapshot snapshot) {
        try {
            return switch (action) {
                case Action.FileRead r -> {
                    var real = RealPath.of(r.path());
                    yield real.equals(r.path()) ? null : snapshot.engine().evaluate(new Action.FileRead(real));
                }
                case Action.FileWrite w -> {
                    var real = RealPath.of(w.path());
                    yield real.equals(w.path()) ? null : snapshot.engine().evaluate(new Action.FileWrite(real));
                }
                default -> null;
            };
        } catch (IOException e) {
            return new Verdict(Decision.DENY, List.of(Reason.of(ReasonSource.HOOK, Decision.DENY,
                    "cannot tell where the path leads: " + e.getMessage(), -1)), List.of());
        }
    }

    private static Verdict strictest(Verdict first, Verdict second) {
        if (second == null || second.decision().compareTo(first.decision()) <= 0) {
            return first;
        }
        return second;
    }

    static EventBody.ToolResult toolResult(HookPayload payload) {
        Object response = payload.fields().get("tool_response");
        long stdout = 0;
        long stderr = 0;
        if (response instanceof Map<?, ?> map) {
            stdout = map.get("stdout") instanceof String s ? s.getBytes(StandardCharsets.UTF_8).length : 0;
            stderr = map.get("stderr") instanceof String s ? s.getBytes(StandardCharsets.UTF_8).length : 0;
        }
        long duration = payload.fields().get("duration_ms") instanceof Long l ? l : 0;
        return new EventBody.ToolResult(0, duration, stdout, stderr, sha256(Json.write(response)));
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
