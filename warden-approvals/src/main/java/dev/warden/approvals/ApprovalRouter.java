package dev.warden.approvals;

import dev.warden.approvals.review.AutoReviewer;
import dev.warden.approvals.review.CircuitBreaker;
import dev.warden.approvals.review.Review;
import dev.warden.core.Action;
import dev.warden.core.Decision;
import dev.warden.core.Reason;
import dev.warden.core.ReasonSource;
import dev.warden.core.event.EventBody;
import dev.warden.core.event.EventBody.ApprovalScope;
import dev.warden.core.event.SessionRecorder;
import dev.warden.policy.config.ApprovalPolicy;
import dev.warden.policy.config.ApprovalsReviewer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.function.Consumer;

/**
 * Resolves every {@code ask} into allow or deny, in this order: the approval policy (under {@code never} or a
 * granular category set to false, nobody is asked), grants given in this session and rules approved "always",
 * the automatic reviewer (with {@code approvals_reviewer = "auto_review"}, until its circuit breaker opens),
 * then the human channels, the first that can ask. Every failure is a denial with its reason: no channel, a
 * timeout, a closed channel, an exception anywhere. Concurrent identical requests (same session, same action)
 * wait for one decision instead of asking twice. Each resolution is recorded as a {@code warden.approval} event
 * (channel, scope, decision, decider, latency) and a {@code warden.tool_decision} carrying the reason.
 */
public final class ApprovalRouter {
    /** A channel that ignores its timeout is abandoned this long after it. */
    private static final Duration GRACE = Duration.ofMillis(500);

    private record Pending(String sessionId, Action action) {}

    private final RouterSettings settings;
    private final List<ApprovalChannel> channels;
    private final AutoReviewer reviewer;
    private final Optional<DefaultRulesFile> rulesFile;
    private final Optional<SessionRecorder> recorder;
    private final Consumer<String> notices;
    private final SessionGrants grants = new SessionGrants();
    private final CircuitBreaker breaker = new CircuitBreaker();
    private final Map<Pending, CompletableFuture<ApprovalOutcome>> pending = new ConcurrentHashMap<>();
    private final HumanAnswers answers;

    /**
     * @param channels  the human channels, asked in order (the first that is available answers)
     * @param reviewer  the automatic reviewer, consulted only under {@code approvals_reviewer = "auto_review"}
     * @param rulesFile where "always" is written; without one, "always" holds for the session only
     * @param recorder  where approval events go; empty for front doors without an audit trail
     * @param notices   messages for the person (a rule not saved, the breaker opened), one line each
     */
    public ApprovalRouter(RouterSettings settings, List<ApprovalChannel> channels, AutoReviewer reviewer,
            Optional<DefaultRulesFile> rulesFile, Optional<SessionRecorder> recorder, Consumer<String> notices) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.channels = List.copyOf(channels);
        this.reviewer = Objects.requireNonNull(reviewer, "reviewer");
        this.rulesFile = Objects.requireNonNull(rulesFile, "rulesFile");
        this.recorder = Objects.requireNonNull(recorder, "recorder");
        this.notices = Objects.requireNonNull(notices, "notices");
        this.answers = new HumanAnswers(settings.user(), rulesFile, grants, notices);
    }

    /** The grants given so far (for front doors that show them, and for tests). */
    public SessionGrants grants() {
        return grants;
    }

    /** The decision for {@code request}; blocks while a reviewer or a person is asked. Never throws, never asks twice. */
    public ApprovalOutcome resolve(ApprovalRequest request) {
        long started = System.nanoTime();
        Pending key = new Pending(request.sessionId(), request.action());
        CompletableFuture<ApprovalOutcome> mine = new CompletableFuture<>();
        CompletableFuture<ApprovalOutcome> existing = pending.putIfAbsent(key, mine);
        ApprovalOutcome outcome;
        if (existing != null) {
            outcome = await(existing, started);
        } else {
            try {
                outcome = decideSafely(request, started);
            } finally {
                pending.remove(key, mine);
            }
            mine.complete(outcome);
        }
        return record(request, outcome);
    }

    private ApprovalOutcome await(CompletableFuture<ApprovalOutcome> existing, long started) {
        try {
            ApprovalOutcome first = existing.get();
            return new ApprovalOutcome(first.decision(), first.stopAgent(), first.channel(), first.scope(),
                    first.decidedBy(), first.reason() + " (the same request was already being asked)", millisSince(started));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return deny("internal", "warden", "interrupted while waiting for the same request's answer", started);
        } catch (ExecutionException e) {
            return deny("internal", "warden", "the same request failed: " + e.getCause(), started);
        }
    }

    private ApprovalOutcome decideSafely(ApprovalRequest request, long started) {
        try {
            return decide(request, started);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return deny("internal", "warden", "interrupted while asking for approval", started);
        } catch (RuntimeException | Error e) {
            return deny("internal", "warden", "internal error while asking for approval (" + e + ")", started);
        }
    }

    private ApprovalOutcome decide(ApprovalRequest request, long started) throws InterruptedException {
        switch (request.verdict().decision()) {
            case ALLOW -> {
                return new ApprovalOutcome(Decision.ALLOW, false, "policy", ApprovalScope.ONCE, "policy",
                        "the policy allows it", millisSince(started));
            }
            case DENY -> {
                return deny("policy", "policy", "the policy denies it", started);
            }
            case ASK -> { }
        }
        Optional<String> rejection = rejection(settings.approvalPolicy(), request);
        if (rejection.isPresent()) {
            return deny("policy", "config", rejection.get(), started);
        }
        Optional<List<SessionGrants.Grant>> granted = grants.covering(request.sessionId(), request.action(),
                request.verdict());
        if (granted.isPresent()) {
            boolean rule = granted.get().stream().allMatch(SessionGrants.Grant::persisted);
            return new ApprovalOutcome(Decision.ALLOW, false, rule ? "rule" : "grant",
                    rule ? ApprovalScope.ALWAYS : ApprovalScope.SESSION, settings.user(), (rule
                    ? "covered by a rule approved always this session: " : "covered by this session's approval of ")
                    + describe(granted.get()), millisSince(started));
        }
        String reviewNote = "";
        if (settings.reviewer() == ApprovalsReviewer.AUTO_REVIEW) {
            String open = breaker.openBecause(request.sessionId());
            if (open == null) {
                Review review = review(request);
                String opened = breaker.record(request.sessionId(), review);
                if (opened != null) {
                    notices.accept("automatic approval is off for the rest of this session (" + opened
                            + "); a person decides from now on");
                }
                String decider = "reviewer:" + reviewer.name();
                switch (review) {
                    case Review.Approve a -> {
                        return new ApprovalOutcome(Decision.ALLOW, false, "auto-review", ApprovalScope.ONCE, decider,
                                "approved by the automatic reviewer: " + a.rationale(), millisSince(started));
                    }
                    case Review.Deny d -> {
                        return deny("auto-review", decider, "denied by the automatic reviewer: " + d.rationale(), started);
                    }
                    case Review.AskHuman h -> reviewNote = "the automatic reviewer deferred to a person: " + h.rationale();
                }
            } else {
                reviewNote = "automatic approval is off for this session (" + open + ")";
            }
        }
        return askPeople(request, started, reviewNote);
    }

    private Review review(ApprovalRequest request) throws InterruptedException {
        try {
            Review review = reviewer.review(request);
            return review == null ? new Review.AskHuman("the reviewer gave no answer") : review;
        } catch (RuntimeException e) {
            return new Review.AskHuman("the reviewer failed (" + e.getMessage() + ")");
        }
    }

    private ApprovalOutcome askPeople(ApprovalRequest request, long started, String reviewNote)
            throws InterruptedException {
        long deadline = started + settings.timeout().toNanos();
        List<String> unavailable = new ArrayList<>();
        for (ApprovalChannel channel : channels) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return deny(channel.name(), "timeout", "no answer within " + settings.timeout().toSeconds()
                        + " s (approvals.timeout_seconds)" + note(reviewNote), started);
            }
            CompletableFuture<ApprovalAnswer> answer = new CompletableFuture<>();
            Duration budget = Duration.ofNanos(left);
            Thread asker = Thread.ofVirtual().name("warden-approval-" + channel.name()).start(() -> {
                try {
                    answer.complete(channel.ask(request, budget));
                } catch (Throwable e) {
                    answer.completeExceptionally(e);
                }
            });
            try {
                ApprovalAnswer given = answer.get(budget.plus(GRACE).toNanos(), java.util.concurrent.TimeUnit.NANOSECONDS);
                if (given == null) {
                    return deny(channel.name(), "warden", "the " + channel.name() + " channel gave no answer", started);
                }
                return answers.apply(request, given, channel.name(), started);
            } catch (java.util.concurrent.TimeoutException e) {
                asker.interrupt();
                return deny(channel.name(), "timeout", "no answer within " + settings.timeout().toSeconds()
                        + " s (approvals.timeout_seconds)" + note(reviewNote), started);
            } catch (InterruptedException e) {
                asker.interrupt();
                throw e;
            } catch (ExecutionException e) {
                Throwable cause = e.getCause();
                if (cause instanceof ApprovalChannel.ChannelUnavailable unavailableNow) {
                    if (System.nanoTime() - deadline >= 0) {
                        return deny(channel.name(), "timeout", "no answer within " + settings.timeout().toSeconds()
                                + " s (approvals.timeout_seconds): " + unavailableNow.getMessage() + note(reviewNote),
                                started);
                    }
                    unavailable.add(channel.name() + ": " + unavailableNow.getMessage());
                    continue;
                }
                return deny(channel.name(), "warden", "the " + channel.name() + " channel failed (" + cause + ")"
                        + note(reviewNote), started);
            }
        }
        String why = channels.isEmpty() ? "no way to ask a person here (no terminal, no front door that can ask)"
                : "no channel could ask a person (" + String.join("; ", unavailable) + ")";
        return deny("none", "warden", why + note(reviewNote), started);
    }

    /** Why the approval policy forbids asking anyone about this request, if it does. */
    static Optional<String> rejection(ApprovalPolicy policy, ApprovalRequest request) {
        List<Reason> reasons = request.verdict().reasons();
        boolean ruleAsk = reasons.stream().anyMatch(r -> r.decision() == Decision.ASK && r.source() == ReasonSource.RULE);
        boolean otherAsk = reasons.stream().anyMatch(r -> r.decision() == Decision.ASK && r.source() != ReasonSource.RULE);
        return switch (policy) {
            case ApprovalPolicy.Never n -> Optional.of("approval is required, but approval_policy = never forbids asking");
            case ApprovalPolicy.Granular g when ruleAsk && !g.rules() ->
                    Optional.of("approval is required by a rule, but approval_policy.granular.rules = false");
            case ApprovalPolicy.Granular g when otherAsk && !g.sandboxApproval() ->
                    Optional.of("approval is required, but approval_policy.granular.sandbox_approval = false");
            default -> Optional.empty();
        };
    }

    private ApprovalOutcome record(ApprovalRequest request, ApprovalOutcome outcome) {
        if (recorder.isEmpty()) {
            return outcome;
        }
        try {
            SessionRecorder.Span span = recorder.get().span();
            span.emit(new EventBody.Approval(outcome.channel(), outcome.scope(), outcome.decision(), outcome.decidedBy(),
                    outcome.latencyMillis()));
            span.emit(new EventBody.ToolDecision(request.action(), outcome.decision(), source(outcome),
                    List.of(Reason.of(source(outcome), outcome.decision(), outcome.reason(), -1))));
            return outcome;
        } catch (RuntimeException e) {
            // No record, no approval: the audit trail is the source of truth for what was allowed.
            return new ApprovalOutcome(Decision.DENY, outcome.stopAgent(), outcome.channel(), outcome.scope(),
                    outcome.decidedBy(), "the approval could not be recorded (" + e.getMessage() + ")",
                    outcome.latencyMillis());
        }
    }

    private static ReasonSource source(ApprovalOutcome outcome) {
        return switch (outcome.channel()) {
            case "rule" -> ReasonSource.RULE;
            case "auto-review" -> ReasonSource.REVIEWER;
            case "policy", "internal", "none" -> ReasonSource.CONFIG;
            default -> ReasonSource.USER;
        };
    }

    private static String describe(List<SessionGrants.Grant> used) {
        List<String> shown = new ArrayList<>();
        used.forEach(g -> shown.add("`" + String.join(" ", g.prefix()) + "`"));
        return String.join(", ", shown);
    }

    private static String note(String reviewNote) {
        return reviewNote.isEmpty() ? "" : "; " + reviewNote;
    }

    static ApprovalOutcome deny(String channel, String decidedBy, String reason, long started) {
        return new ApprovalOutcome(Decision.DENY, false, channel, ApprovalScope.ONCE, decidedBy, reason,
                millisSince(started));
    }

    static long millisSince(long started) {
        return Math.max(0, (System.nanoTime() - started) / 1_000_000);
    }
}
