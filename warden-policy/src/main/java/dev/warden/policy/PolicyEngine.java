package dev.warden.policy;

import dev.warden.core.Action;
import dev.warden.core.Decision;
import dev.warden.core.Reason;
import dev.warden.core.ReasonSource;
import dev.warden.core.Verdict;
import dev.warden.policy.config.ApprovalPolicy;
import dev.warden.policy.fs.Access;
import dev.warden.policy.risk.RiskEngine;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The one place Warden decides: a pure function of (action, policy) to a verdict with reasons. No
 * I/O, no clocks, no globals — every front door calls this, and its answer can be explained and
 * re-derived from the inputs alone.
 *
 * <p>The shape follows Codex's exec policy: each command segment gets the strictest decision of the
 * prefix rules that match it, or, when none matches, a heuristic decision from the approval policy
 * (known-safe, dangerous, or plain). The action's decision is the strictest over its segments. An
 * {@code ask} the approval policy does not allow to be asked (e.g. under {@code never}) becomes a
 * {@code deny}, with the reason saying so.
 *
 * <p>Every verdict carries the deterministic risk assessment of its action ({@link RiskEngine}): the approval
 * router reads it, people see it in {@code warden check}. Inside a sandbox it never changes the decision made here,
 * and it is computed when first read, so an allowed command on an agent's hot path does not pay for it. A command
 * allowed to run without a sandbox ({@code danger-full-access}) is assessed at once, and asked about when the
 * assessment is critical: nothing else would stand between it and the machine.
 */
public final class PolicyEngine {
    private final Policy policy;
    private final ExecEvaluator exec;

    public PolicyEngine(Policy policy) {
        this.policy = Objects.requireNonNull(policy, "policy");
        this.exec = new ExecEvaluator(policy);
    }

    public Policy policy() {
        return policy;
    }

    public Verdict evaluate(Action action) {
        return switch (action) {
            case Action.Exec e -> exec.evaluate(e);
            case Action.FileRead r -> withRisk(fileRead(r.path()), action);
            case Action.FileWrite w -> withRisk(fileWrite(w.path()), action);
            case Action.NetworkConnect n -> withRisk(network(n), action);
            case Action.McpCall m -> withRisk(mcpCall(m), action);
        };
    }

    /** Actions without a working directory of their own are judged as if run from the project. */
    private Verdict withRisk(Verdict verdict, Action action) {
        Path base = policy.workspaceRoots().isEmpty() ? policy.home() : policy.workspaceRoots().getFirst();
        var context = policy.dangerContext(base);
        return verdict.withRisk(() -> RiskEngine.assess(action, context).toRisk());
    }

    private Verdict fileRead(Path path) {
        Access access = policy.filesystem().accessFor(path);
        if (access == Access.NONE) {
            return single(Decision.DENY, ReasonSource.CONFIG,
                    "reading " + path + " is denied by the filesystem policy (profile, deny glob or requirement)");
        }
        return single(Decision.ALLOW, ReasonSource.CONFIG, "readable under the filesystem policy");
    }

    private Verdict fileWrite(Path path) {
        Path normalized = path.toAbsolutePath().normalize();
        for (Path prot : policy.filesystem().protectedPaths()) {
            if (normalized.startsWith(prot)) {
                return single(Decision.DENY, ReasonSource.CONFIG, "writing " + path + " is refused: " + prot
                        + " is protected (files there could run code outside the sandbox later)");
            }
        }
        Access access = policy.filesystem().accessFor(normalized);
        if (access == Access.WRITE) {
            return single(Decision.ALLOW, ReasonSource.CONFIG, "inside a writable root");
        }
        if (access == Access.NONE) {
            return single(Decision.DENY, ReasonSource.CONFIG,
                    "writing " + path + " is denied by the filesystem policy");
        }
        return askOrReject(Reason.of(ReasonSource.CONFIG, Decision.ASK,
                "writing " + path + " is outside the writable roots", -1), false);
    }

    private Verdict network(Action.NetworkConnect n) {
        if (policy.networkAccess()) {
            return single(Decision.ALLOW, ReasonSource.CONFIG, "network access is on for this profile");
        }
        return askOrReject(Reason.of(ReasonSource.CONFIG, Decision.ASK,
                "network access to " + n.host() + ":" + n.port() + " is off for this profile", -1), false);
    }

    private Verdict mcpCall(Action.McpCall m) {
        if (policy.approvalPolicy() instanceof ApprovalPolicy.Untrusted) {
            return askOrReject(Reason.of(ReasonSource.CONFIG, Decision.ASK,
                    "MCP tool " + m.server() + "/" + m.tool() + " needs approval under approval_policy = untrusted",
                    -1), false);
        }
        return single(Decision.ALLOW, ReasonSource.CONFIG, "MCP tool calls run without approval under approval_policy = "
                + policy.approvalPolicy().wireName());
    }

    private Verdict askOrReject(Reason ask, boolean fromRule) {
        List<Reason> reasons = new ArrayList<>();
        reasons.add(ask);
        Decision decision = Decision.ASK;
        String rejection = rejectionOfPrompt(policy.approvalPolicy(), fromRule);
        if (rejection != null) {
            reasons.add(Reason.of(ReasonSource.CONFIG, Decision.DENY, rejection, -1));
            decision = Decision.DENY;
        }
        return new Verdict(decision, reasons, List.of());
    }

    private static Verdict single(Decision decision, ReasonSource source, String message) {
        return new Verdict(decision, List.of(Reason.of(source, decision, message, -1)), List.of());
    }

    /**
     * Why the approval policy forbids asking, or null if asking is allowed. Rule prompts and
     * sandbox/heuristic prompts are separate categories under {@code granular}, as in Codex.
     */
    static String rejectionOfPrompt(ApprovalPolicy approvalPolicy, boolean promptIsRule) {
        return switch (approvalPolicy) {
            case ApprovalPolicy.Never n -> "approval is required, but approval_policy = never forbids asking";
            case ApprovalPolicy.Granular g when promptIsRule && !g.rules() ->
                    "approval is required by a rule, but approval_policy.granular.rules = false";
            case ApprovalPolicy.Granular g when !promptIsRule && !g.sandboxApproval() ->
                    "approval is required, but approval_policy.granular.sandbox_approval = false";
            default -> null;
        };
    }
}
