package dev.warden.bench;

import java.util.Arrays;

/**
 * The warm spawn ratio measured in pairs: Warden's bwrap spawn and a bare bwrap spawn of {@code /bin/true},
 * alternated in one JVM (ABBA order, so neither always goes first), so that whatever the machine does meanwhile
 * (other tenants of a VM, frequency changes) weighs on both alike. JMH runs its benchmarks one after another,
 * 20 s apart; on a noisy host their ratio moved between 1.56 and 1.98 in three runs of the same build
 * (docs/BENCHMARKS.md section 3). Same setup as {@link SandboxSpawnBench}.
 *
 * <p>Usage: {@code java --enable-native-access=ALL-UNNAMED -cp ... dev.warden.bench.SpawnPairs [PAIRS [WARMUP]]}
 */
public final class SpawnPairs {
    private SpawnPairs() {}

    public static void main(String[] args) throws Exception {
        int pairs = args.length > 0 ? Integer.parseInt(args[0]) : 600;
        int warmup = args.length > 1 ? Integer.parseInt(args[1]) : 150;
        SandboxSpawnBench bench = new SandboxSpawnBench();
        bench.setUp();
        try {
            for (int i = 0; i < warmup; i++) {
                bench.wardenBwrap();
                bench.bareBwrap();
            }
            long[] warden = new long[pairs];
            long[] bare = new long[pairs];
            double[] ratios = new double[pairs];
            for (int i = 0; i < pairs; i++) {
                if (i % 2 == 0) {
                    warden[i] = time(bench::wardenBwrap);
                    bare[i] = time(bench::bareBwrap);
                } else {
                    bare[i] = time(bench::bareBwrap);
                    warden[i] = time(bench::wardenBwrap);
                }
                ratios[i] = (double) warden[i] / bare[i];
            }
            System.out.printf("pairs: %d (after %d warm-up pairs), protections: %s, mount points kept: %d s%n", pairs,
                    warmup, SandboxSpawnBench.PROTECTIONS, SandboxSpawnBench.KEEP.toSeconds());
            System.out.printf("| spawn /bin/true | mean (µs) | p50 (µs) | p90 (µs) |%n|---|---:|---:|---:|%n");
            row("wardenBwrap", warden);
            row("bareBwrap", bare);
            Arrays.sort(ratios);
            System.out.printf("ratio of means: %.2f×  ratio of medians: %.2f×  median of the %d pair ratios: %.2f×%n",
                    mean(warden) / mean(bare), percentile(warden, 0.5) / percentile(bare, 0.5), pairs,
                    ratios[pairs / 2]);
        } finally {
            bench.tearDown();
        }
    }

    interface Spawn {
        int run() throws Exception;
    }

    private static long time(Spawn spawn) throws Exception {
        long start = System.nanoTime();
        spawn.run();
        return System.nanoTime() - start;
    }

    private static void row(String name, long[] nanos) {
        System.out.printf("| %s | %.0f | %.0f | %.0f |%n", name, mean(nanos) / 1000, percentile(nanos, 0.5) / 1000,
                percentile(nanos, 0.9) / 1000);
    }

    private static double mean(long[] values) {
        return Arrays.stream(values).average().orElse(0);
    }

    private static double percentile(long[] values, double p) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[Math.min(sorted.length - 1, (int) (p * sorted.length))];
    }
}
