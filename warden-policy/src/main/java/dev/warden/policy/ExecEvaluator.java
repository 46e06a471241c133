package dev.warden.policy;

import dev.warden.core.Action;
import dev.warden.core.Decision;
import dev.warden.core.Reason;
import dev.warden.core.ReasonSource;
import dev.warden.core.Risk;
import dev.warden.core.Segment;
import dev.warden.core.Verdict;
import dev.warden.policy.command.Danger;
import dev.warden.policy.command.DangerContext;
import dev.warden.policy.command.DangerousCommands;
import dev.warden.policy.command.DirectoryChanges;
import dev.warden.policy.command.KnownSafeCommands;
import dev.warden.policy.command.ShellVariables;
import dev.warden.policy.command.WorkspaceReads;
import dev.warden.policy.command.XargsInput;
import dev.warden.policy.config.ApprovalPolicy;
import dev.warden.policy.risk.RiskEngine;
import dev.warden.policy.rules.PrefixRule;
import dev.warden.policy.rules.RuleDecision;
import dev.warden.policy.shell.ParsedScript;
import dev.warden.policy.shell.ShellSplitter;
import dev.warden.policy.shell.SimpleCommand;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Evaluates one exec action: split shell scripts, judge every segment, combine strictest-wins. */
final class ExecEvaluator {
    private final Policy policy;
    /**
     * The context of the last working directory asked about: agents run command after command in one
     * directory, and building a context normalises every workspace root. Immutable, so a race between
     * threads only costs a rebuild.
     */
    private volatile DangerContext recent;

    /** What a segment nothing else decided gets under this policy's approval policy, worked out once. */
    private final Decision unmatchedDecision;
    private final String unmatchedMessage;

    ExecEvaluator(Policy policy) {
        this.policy = policy;
        String where = policy.sandboxed() ? "runs inside the sandbox" : "runs without a sandbox (sandbox_mode = danger-full-access)";
        this.unmatchedDecision = policy.approvalPolicy() instanceof ApprovalPolicy.Untrusted ? Decision.ASK : Decision.ALLOW;
        this.unmatchedMessage = switch (policy.approvalPolicy()) {
            case ApprovalPolicy.Untrusted u -> "not a known-safe command, and approval_policy = untrusted asks for everything else";
            case ApprovalPolicy.Never n -> where + "; approval_policy = never";
            case ApprovalPolicy.OnFailure f -> where + "; approval_policy = on-failure asks only if it fails";
            case ApprovalPolicy.OnRequest r -> where + "; approval_policy = on-request";
            case ApprovalPolicy.Granular g -> where + "; approval_policy = granular";
        };
    }

    Verdict evaluate(Action.Exec exec) {
        List<String> argv = exec.argv();
        Optional<ParsedScript> script = ShellSplitter.parseInvocation(argv);
        // A script without commands (only comments, say) is judged as the argv itself.
        List<SimpleCommand> commands = script.isPresent() ? script.get().commands() : List.of();
        if (commands.isEmpty()) {
            commands = List.of(new SimpleCommand(argv, ""));
        }
        boolean complex = script.isPresent() && script.get().isComplex();

        String source = script.map(ParsedScript::source).orElse("");
        // A script that may assign HOME or PWD makes ~, $HOME and $PWD unknowable (ShellVariables).
        boolean homeAndPwdKnown = !ShellVariables.mayAssignHomeOrPwd(source);
        DangerContext context = context(exec.cwd(), homeAndPwdKnown);
        Path cwd = exec.cwd();
        // With CDPATH set, `cd build` may land anywhere CDPATH names.
        boolean cdpath = !exec.env().getOrDefault("CDPATH", "").isEmpty() || ShellVariables.mayAssign(source, "CDPATH");
        List<Reason> reasons = new ArrayList<>(commands.size() + 2);
        List<Segment> segments = new ArrayList<>(commands.size());
        boolean rulePrompt = false;
        boolean anyDangerous = false;
        // Segments the dangerous-command check found harmless, which the raw scan of a complex script can skip.
        List<DangerousCommands.Cleared> cleared = complex ? new ArrayList<>(commands.size()) : null;
        Decision overall = Decision.ALLOW;

        if (complex) {
            // Under untrusted this note is why known-safe segments still ask; elsewhere it changes nothing.
            Decision noted = policy.approvalPolicy() instanceof ApprovalPolicy.Untrusted ? Decision.ASK : Decision.ALLOW;
            reasons.add(Reason.of(ReasonSource.HEURISTIC, noted, "the script is not plain shell ("
                    + String.join("; ", script.orElseThrow().complexities())
                    + "), so no part of it counts as known-safe", -1));
        }

        for (int i = 0; i < commands.size(); i++) {
            List<String> words = commands.get(i).words();
            context = context(cwd, homeAndPwdKnown);
            Optional<String> pipeDanger = Optional.empty();
            boolean judgedWithInput = false;
            if (i > 0 && "|".equals(commands.get(i - 1).operatorAfter())) {
                List<String> producer = commands.get(i - 1).words();
                pipeDanger = DangerousCommands.pipelineDanger(producer, words);
                XargsInput.Fed fed = pipeDanger.isPresent() ? null : XargsInput.fedByPipe(producer, words, context);
                if (fed != null) {
                    // Judged with what xargs reads, the command needs no second look at its own words.
                    pipeDanger = fed.danger().map(Danger::reason);
                    judgedWithInput = true;
                }
            }
            cwd = afterCd(words, cwd, context, cdpath);
            List<PrefixRule> matched = policy.rules().matching(words);
            Decision segmentDecision;
            String classification;
            if (!matched.isEmpty()) {
                PrefixRule strictest = matched.getFirst();
                for (PrefixRule rule : matched) {
                    if (rule.decision().compareTo(strictest.decision()) > 0) {
                        strictest = rule;
                    }
                }
                segmentDecision = strictest.decision().toDecision();
                classification = "rule";
                if (strictest.decision() == RuleDecision.PROMPT) {
                    rulePrompt = true;
                }
                reasons.add(ruleReason(strictest, i));
            } else {
                Judgement judgement = heuristic(words, complex, context, pipeDanger, judgedWithInput, i);
                segmentDecision = judgement.reason().decision();
                classification = judgement.classification();
                reasons.add(judgement.reason());
                if (classification.equals("dangerous")) {
                    anyDangerous = true;
                } else if (complex) {
                    // A complex script's segments are never known-safe, so the danger check ran on this one.
                    cleared.add(new DangerousCommands.Cleared(words, context));
                }
            }
            segments.add(new Segment(words, segmentDecision, classification));
            overall = overall.strictest(segmentDecision);
        }

        // The splitter's words for a complex script are best-effort; look at the raw text too, unless a
        // segment already said the same thing.
        if (complex && !anyDangerous) {
            Optional<String> danger = DangerousCommands.scriptDanger(script.orElseThrow().source(),
                    context(exec.cwd(), homeAndPwdKnown), cleared);
            if (danger.isPresent()) {
                Decision d = dangerous();
                reasons.add(Reason.of(ReasonSource.HEURISTIC, d, "dangerous: " + danger.get(), -1));
                overall = overall.strictest(d);
            }
        }

        Optional<ParsedScript> parsed = script;
        DangerContext riskContext = context(exec.cwd(), homeAndPwdKnown);
        Risk unconfinedRisk = null;
        if (overall == Decision.ALLOW && !policy.sandboxed()) {
            // Nothing confines a command without a sandbox, so what the risk engine rates critical (credentials
            // sent out, the system deleted by a route the danger checks do not know) is asked about, not run.
            unconfinedRisk = RiskEngine.assess(exec, parsed, riskContext).toRisk();
            if (unconfinedRisk.level().equals("critical")) {
                overall = dangerous();
                reasons.add(Reason.of(ReasonSource.HEURISTIC, overall, "risk critical, and no sandbox confines it"
                        + " (sandbox_mode = danger-full-access): " + unconfinedRisk.rationale(), -1));
            }
        }
        if (overall == Decision.ASK) {
            String rejection = PolicyEngine.rejectionOfPrompt(policy.approvalPolicy(), rulePrompt);
            if (rejection != null) {
                reasons.add(Reason.of(ReasonSource.CONFIG, Decision.DENY, rejection, -1));
                overall = Decision.DENY;
            }
        }
        Verdict verdict = new Verdict(overall, reasons, segments);
        if (unconfinedRisk != null) {
            Risk known = unconfinedRisk;
            return verdict.withRisk(() -> known);
        }
        // Inside a sandbox the risk informs the approval router and the person; it does not change the decision,
        // and it is assessed only when read, so an allowed command on an agent's hot path does not pay for it.
        return verdict.withRisk(() -> RiskEngine.assess(exec, parsed, riskContext).toRisk());
    }

    private DangerContext context(Path cwd, boolean homeAndPwdKnown) {
        return homeAndPwdKnown ? context(cwd) : context(cwd).withHomeAndPwdUnknown();
    }

    private DangerContext context(Path cwd) {
        DangerContext known = recent;
        if (known != null && known.cwd().equals(cwd)) {
            return known;
        }
        known = policy.dangerContext(cwd);
        recent = known;
        return known;
    }

    /** A heuristic reason and the label it gives the segment. */
    private record Judgement(Reason reason, String classification) {
        static Judgement unmatched(Decision decision, String message, int segment) {
            return new Judgement(Reason.of(ReasonSource.HEURISTIC, decision, message, segment), "unmatched");
        }

        static Judgement knownSafe(int segment) {
            return new Judgement(Reason.of(ReasonSource.HEURISTIC, Decision.ALLOW, "known-safe read-only command",
                    segment), "known-safe");
        }
    }

    private Judgement heuristic(List<String> words, boolean complex, DangerContext context,
            Optional<String> pipeDanger, boolean judgedWithInput, int segment) {
        ApprovalPolicy approval = policy.approvalPolicy();
        boolean knownSafe = !complex && KnownSafeCommands.isKnownSafe(words);
        String outside = knownSafe ? WorkspaceReads.outsideOperand(words, context) : null;
        if (outside != null && approval instanceof ApprovalPolicy.Untrusted) {
            return Judgement.unmatched(Decision.ASK, "reads outside the workspace (" + outside
                    + "), and approval_policy = untrusted asks for that", segment);
        }
        if (knownSafe && approval instanceof ApprovalPolicy.Untrusted) {
            return Judgement.knownSafe(segment);
        }
        Optional<String> danger = pipeDanger.isPresent() || judgedWithInput ? pipeDanger
                : DangerousCommands.dangerReason(words, context);
        if (danger.isPresent()) {
            return new Judgement(Reason.of(ReasonSource.HEURISTIC, dangerous(), "dangerous: " + danger.get(), segment),
                    "dangerous");
        }
        if (knownSafe) {
            return Judgement.knownSafe(segment);
        }
        if (approval instanceof ApprovalPolicy.Untrusted && complex && KnownSafeCommands.isKnownSafe(words)) {
            return Judgement.unmatched(Decision.ASK,
                    "read-only on its own, but part of a script that is not plain shell; approval_policy = untrusted asks",
                    segment);
        }
        return Judgement.unmatched(unmatchedDecision, unmatchedMessage, segment);
    }

    /**
     * Where later segments run after this one: {@code cd DIR && rm -rf x} deletes {@code DIR/x}, so a
     * {@code cd}, {@code pushd} or {@code popd} moves the directory that paths are resolved against
     * ({@link DirectoryChanges}). A directory only run time knows ({@code cd -}, {@code cd $SOMEWHERE},
     * {@code popd}, or {@code cd build} when CDPATH is set) is treated as the root, i.e. outside every workspace.
     */
    private static Path afterCd(List<String> words, Path cwd, DangerContext context, boolean cdpath) {
        if (!DirectoryChanges.changesDirectory(words)) {
            return cwd;
        }
        Path target = DirectoryChanges.target(words, context, cdpath);
        return target != null ? target : Path.of("/");
    }

    /** Dangerous commands are asked about, or refused outright when the policy never asks. */
    private Decision dangerous() {
        return policy.approvalPolicy() instanceof ApprovalPolicy.Never ? Decision.DENY : Decision.ASK;
    }

    private static Reason ruleReason(PrefixRule rule, int segment) {
        String where = rule.origin().layer() + ": " + rule.origin().file()
                + (rule.origin().line() > 0 ? ":" + rule.origin().line() : "");
        String message = "matched " + rule.describe() + " → " + rule.decision().name().toLowerCase(java.util.Locale.ROOT);
        return new Reason(ReasonSource.RULE, rule.decision().toDecision(), message, Optional.of(rule.describe()),
                Optional.of(where), Optional.of(rule.justification()), segment);
    }
}
