package dev.warden.bench;

import dev.warden.core.Action;
import dev.warden.core.Verdict;
import dev.warden.policy.Policy;
import dev.warden.policy.PolicyEngine;
import dev.warden.policy.command.DangerContext;
import dev.warden.policy.command.DangerousCommands;
import dev.warden.policy.command.KnownSafeCommands;
import dev.warden.policy.command.WorkspaceReads;
import dev.warden.policy.risk.RiskAssessment;
import dev.warden.policy.risk.RiskEngine;
import dev.warden.policy.shell.ParsedScript;
import dev.warden.policy.shell.ShellSplitter;
import dev.warden.policy.shell.SimpleCommand;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Decisions per second and per-decision latency of {@link PolicyEngine#evaluate} on one thread, over real
 * commands wrapped as {@code bash -lc CMD} (how agents send them), taken round-robin from the corpora.
 *
 * <p>The stage benchmarks ({@code split}, {@code prefixRules}, {@code knownSafe}, {@code dangerous},
 * {@code scriptDanger}, {@code risk}) run one stage of the same path over the same commands; each operation is one whole
 * command (all its segments), so their scores add up to roughly what {@code decisions} costs and show where
 * the time goes. Verdict and reason building is the rest.
 *
 * <p>The fork runs with the collector Warden's launcher gives every JVM it starts, the serial one
 * ({@code -XX:+UseSerialGC}, {@code ./warden}): the daemon, the MCP server and {@code warden run}, which make
 * these decisions for hours, run with it. JMH's own default would be G1, whose write barriers cost the deciding
 * thread about a tenth of its time here (docs/BENCHMARKS.md section 1).
 */
@State(Scope.Benchmark)
@Threads(1)
@Fork(jvmArgsAppend = "-XX:+UseSerialGC")
public class PolicyEngineBench {

    /** {@code mix} (all three corpora), or one of them: see {@link CommandCorpus}. */
    @Param({"mix", "nl2bash", "atomic-red-team", "gtfobins"})
    public String corpus;

    private BenchPolicy fixture;
    private PolicyEngine engine;
    private Policy policy;
    private DangerContext context;
    private Action.Exec[] actions;
    /** Per command: the splitter's simple commands (or the argv itself when it is not a shell script). */
    private List<List<String>>[] segments;
    /** Per command: the raw script when the splitter calls it complex, else null (the engine scans only those). */
    private String[] complexSources;
    /** Per command: the splitter's parse, which the engine hands to the risk assessment. */
    private Optional<ParsedScript>[] parses;
    private int next;

    @Setup(Level.Trial)
    @SuppressWarnings("unchecked")
    public void setUp() {
        fixture = new BenchPolicy();
        policy = fixture.loaded.policy();
        engine = new PolicyEngine(policy);
        context = new DangerContext(fixture.project, policy.workspaceRoots(), policy.home());
        List<String> commands = CommandCorpus.commands(corpus);
        actions = new Action.Exec[commands.size()];
        segments = new List[commands.size()];
        complexSources = new String[commands.size()];
        parses = new Optional[commands.size()];
        for (int i = 0; i < commands.size(); i++) {
            actions[i] = new Action.Exec(List.of("bash", "-lc", commands.get(i)), fixture.project);
            Optional<ParsedScript> parsed = ShellSplitter.parseInvocation(actions[i].argv());
            parses[i] = parsed;
            List<List<String>> words = new ArrayList<>();
            parsed.ifPresent(script -> {
                for (SimpleCommand command : script.commands()) {
                    if (!command.words().isEmpty()) {
                        words.add(command.words());
                    }
                }
            });
            if (words.isEmpty()) {
                words.add(actions[i].argv());
            }
            segments[i] = List.copyOf(words);
            complexSources[i] = parsed.filter(ParsedScript::isComplex).map(ParsedScript::source).orElse(null);
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

    /** Whole decisions per second: split, rules, heuristics, verdict with reasons. */
    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    public Verdict decisions() {
        return engine.evaluate(actions[nextIndex()]);
    }

    /** The same work, sampled per call for percentiles. */
    @Benchmark
    @BenchmarkMode(Mode.SampleTime)
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public Verdict latency() {
        return engine.evaluate(actions[nextIndex()]);
    }

    /** Only the shell splitter. */
    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    public Optional<ParsedScript> split() {
        return ShellSplitter.parseInvocation(actions[nextIndex()].argv());
    }

    /** Only prefix-rule matching, every segment of one command. */
    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    public void prefixRules(Blackhole bh) {
        for (List<String> words : segments[nextIndex()]) {
            bh.consume(policy.rules().matching(words));
        }
    }

    /** Only the known-safe classification (and its outside-the-workspace check), every segment of one command. */
    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    public void knownSafe(Blackhole bh) {
        for (List<String> words : segments[nextIndex()]) {
            boolean safe = KnownSafeCommands.isKnownSafe(words);
            bh.consume(safe ? WorkspaceReads.outsideOperand(words, context) : null);
        }
    }

    /** Only the dangerous-command classification, every segment of one command. */
    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    public void dangerous(Blackhole bh) {
        for (List<String> words : segments[nextIndex()]) {
            bh.consume(DangerousCommands.dangerReason(words, context));
        }
    }

    /** Only the deterministic risk assessment every verdict carries, given the splitter's parse. */
    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    public RiskAssessment risk() {
        int i = nextIndex();
        return RiskEngine.assess(actions[i], parses[i], context);
    }

    /** Only the raw-text danger scan the engine adds for scripts that are not plain shell (zero work for the rest). */
    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    public Optional<String> scriptDanger() {
        String source = complexSources[nextIndex()];
        return source == null ? Optional.empty() : DangerousCommands.scriptDanger(source, context);
    }
}
