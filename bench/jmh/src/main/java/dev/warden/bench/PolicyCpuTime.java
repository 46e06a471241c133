package dev.warden.bench;

import dev.warden.core.Action;
import dev.warden.core.Verdict;
import dev.warden.policy.PolicyEngine;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.List;

/**
 * Policy decisions per second of the benchmark thread's own CPU time, for a machine other jobs share.
 *
 * <p>JMH measures wall-clock time, so on a busy 2-core machine its figures say as much about the other jobs
 * as about Warden. This counts only the CPU time the measuring thread was given (the kernel's per-thread
 * clock), in batches of 2,000 decisions after a warm-up, and prints the median and the slowest tenth of the
 * batches. Caches shared with other jobs still cost something, so a quiet-machine JMH run remains the
 * reference figure; this one is for comparing two versions of the code on a machine that is never quiet.
 *
 * <p>Usage: {@code java -cp ... dev.warden.bench.PolicyCpuTime [corpus] [seconds]}; with {@code risk} as a
 * third argument every verdict's risk assessment is read too (what an {@code ask} costs the router).
 */
public final class PolicyCpuTime {
    private static final int BATCH = 2_000;

    public static void main(String[] args) {
        String corpus = args.length > 0 ? args[0] : "mix";
        long seconds = args.length > 1 ? Long.parseLong(args[1]) : 30;
        boolean risk = args.length > 2 && args[2].equals("risk");
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        try (BenchPolicy fixture = new BenchPolicy()) {
            PolicyEngine engine = new PolicyEngine(fixture.loaded.policy());
            List<String> commands = CommandCorpus.commands(corpus);
            Action.Exec[] actions = commands.stream()
                    .map(c -> new Action.Exec(List.of("bash", "-lc", c), fixture.project))
                    .toArray(Action.Exec[]::new);
            int[] next = {0};
            long sink = 0;
            long warmEnd = threads.getCurrentThreadCpuTime() + seconds * 1_000_000_000L / 3;
            while (threads.getCurrentThreadCpuTime() < warmEnd) {
                sink += batch(engine, actions, next, risk);
            }
            long end = threads.getCurrentThreadCpuTime() + seconds * 1_000_000_000L;
            double[] rates = new double[100_000];
            int n = 0;
            while (n < rates.length) {
                long before = threads.getCurrentThreadCpuTime();
                sink += batch(engine, actions, next, risk);
                long after = threads.getCurrentThreadCpuTime();
                rates[n++] = BATCH * 1e9 / (after - before);
                if (after > end) {
                    break;
                }
            }
            double[] measured = Arrays.copyOf(rates, n);
            Arrays.sort(measured);
            System.out.printf("corpus=%s risk=%s commands=%d batches=%d%n", corpus, risk, actions.length, n);
            System.out.printf("decisions per CPU-second: median %.0f, slowest tenth %.0f (mean %.2f µs of CPU per decision)%n",
                    measured[n / 2], measured[n / 10], 1e6 / measured[n / 2]);
            System.out.println(sink == 42 ? "" : "");
        }
    }

    private static long batch(PolicyEngine engine, Action.Exec[] actions, int[] next, boolean risk) {
        long sink = 0;
        for (int i = 0; i < BATCH; i++) {
            Verdict v = engine.evaluate(actions[next[0]]);
            next[0] = next[0] + 1 == actions.length ? 0 : next[0] + 1;
            sink += v.reasons().size();
            if (risk) {
                sink += v.risk().map(r -> r.level().length()).orElse(0);
            }
        }
        return sink;
    }
}
