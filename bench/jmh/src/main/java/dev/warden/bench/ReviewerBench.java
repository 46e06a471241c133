package dev.warden.bench;

import dev.warden.approvals.ApprovalOutcome;
import dev.warden.approvals.ApprovalRequest;
import dev.warden.approvals.ApprovalRouter;
import dev.warden.approvals.RouterSettings;
import dev.warden.approvals.review.DeterministicReviewer;
import dev.warden.approvals.review.Review;
import dev.warden.core.Action;
import dev.warden.core.Decision;
import dev.warden.core.Verdict;
import dev.warden.policy.PolicyEngine;
import dev.warden.policy.command.DangerContext;
import dev.warden.policy.config.ApprovalPolicy;
import dev.warden.policy.config.ApprovalsReviewer;
import dev.warden.policy.risk.AutoReviewThresholds;
import dev.warden.policy.risk.RiskAssessment;
import dev.warden.policy.risk.RiskEngine;
import dev.warden.policy.shell.ParsedScript;
import dev.warden.policy.shell.ShellSplitter;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;

/**
 * The automatic reviewer's latency per action, sampled for percentiles: the deterministic risk engine over each
 * corpus ({@code assess}), the thresholds on a finished assessment ({@code review}), and, side by side on one
 * command, a whole decision that the reviewer auto-approves through the router ({@code autoApproved}: policy
 * under untrusted, then the router) against the same decision where the policy allows it outright
 * ({@code plainAllowed}: policy under on-request). Goal: the deterministic engine at most 200 µs p99.
 */
@State(Scope.Benchmark)
@Threads(1)
public class ReviewerBench {

    @Param({"mix", "nl2bash", "atomic-red-team", "gtfobins"})
    public String corpus;

    private BenchPolicy fixture;
    private DangerContext context;
    private Action.Exec[] actions;
    private Optional<ParsedScript>[] parses;
    private ApprovalRequest[] requests;
    private DeterministicReviewer reviewer;
    private int next;

    private PolicyEngine untrusted;
    private PolicyEngine onRequest;
    private ApprovalRouter router;
    private Action.Exec everyday;

    @Setup(Level.Trial)
    @SuppressWarnings("unchecked")
    public void setUp() {
        fixture = new BenchPolicy();
        var policy = fixture.loaded.policy();
        context = new DangerContext(fixture.project, policy.workspaceRoots(), policy.home());
        PolicyEngine engine = new PolicyEngine(policy);
        List<String> commands = CommandCorpus.commands(corpus);
        actions = new Action.Exec[commands.size()];
        parses = new Optional[commands.size()];
        requests = new ApprovalRequest[commands.size()];
        for (int i = 0; i < commands.size(); i++) {
            actions[i] = new Action.Exec(List.of("bash", "-lc", commands.get(i)), fixture.project);
            parses[i] = ShellSplitter.parseInvocation(actions[i].argv());
            requests[i] = ApprovalRequest.of("bench", actions[i], engine.evaluate(actions[i]), "");
        }
        reviewer = new DeterministicReviewer(AutoReviewThresholds.DEFAULTS);

        untrusted = engine;
        onRequest = new PolicyEngine(new dev.warden.policy.Policy(new ApprovalPolicy.OnRequest(), policy.sandboxMode(),
                policy.rules(), policy.filesystem(), policy.networkAccess(), policy.workspaceRoots(), policy.home()));
        router = new ApprovalRouter(new RouterSettings(new ApprovalPolicy.Untrusted(), ApprovalsReviewer.AUTO_REVIEW,
                Duration.ofSeconds(300), "bench"), List.of(), reviewer, Optional.empty(), Optional.empty(), notice -> { });
        everyday = new Action.Exec(List.of("make", "build"), fixture.project);
        if (untrusted.evaluate(everyday).decision() != Decision.ASK
                || onRequest.evaluate(everyday).decision() != Decision.ALLOW
                || !autoApproved().allowed()) {
            throw new IllegalStateException("benchmark setup: `make build` must ask under untrusted, be allowed"
                    + " under on-request, and be auto-approved");
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        fixture.close();
    }

    private int nextIndex() {
        int i = next;
        next = i + 1 == actions.length ? 0 : i + 1;
        return i;
    }

    /** The deterministic risk engine on one command, given the splitter's parse (as the policy engine calls it). */
    @Benchmark
    @BenchmarkMode(Mode.SampleTime)
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public RiskAssessment assess() {
        int i = nextIndex();
        return RiskEngine.assess(actions[i], parses[i], context);
    }

    /** The thresholds on an assessment the verdict already carries. */
    @Benchmark
    @BenchmarkMode(Mode.SampleTime)
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public Review review() {
        return reviewer.review(requests[nextIndex()]);
    }

    /** A whole decision the automatic reviewer approves: the policy asks, the router resolves. */
    @Benchmark
    @BenchmarkMode(Mode.SampleTime)
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public ApprovalOutcome autoApproved() {
        Verdict verdict = untrusted.evaluate(everyday);
        return router.resolve(ApprovalRequest.of("bench", everyday, verdict, ""));
    }

    /** The same command where the policy allows it: the baseline for {@link #autoApproved}. */
    @Benchmark
    @BenchmarkMode(Mode.SampleTime)
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public Verdict plainAllowed() {
        return onRequest.evaluate(everyday);
    }
}
