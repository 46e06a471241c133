package dev.warden.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.LongUnaryOperator;
import java.util.stream.Stream;

/**
 * Two builds of the policy engine in one JVM, alternated batch by batch: for telling whether a change made decisions
 * faster on a machine whose speed drifts by tens of percent between runs (this VM: 143k to 201k decisions per second
 * for one build in three runs). Each build is loaded by a class loader of its own, so each gets its own compiled code
 * and profiles; what the host does weighs on both alike, and the ratio of each pair of batches is what is reported.
 *
 * <p>Usage: {@code PolicyAB SECONDS CLASSES_A CLASSES_B [b-first]}, where each CLASSES is a path list (':') of
 * {@code warden-core} and {@code warden-policy} class directories; the rest (this jar, tomlj...) comes from this
 * JVM's own class path. {@code bench/policy-ab.sh REV} builds REV and the working tree and runs it.
 */
public final class PolicyAB {
    private static final int BATCH = 3_000;

    public static void main(String[] args) throws Exception {
        long seconds = Long.parseLong(args[0]);
        // Two identical builds measure 1.01 to 1.03 apart (B ahead, whichever is loaded first), so a change must beat
        // that to count; the load order is an argument all the same, and bench/policy-ab.sh runs both.
        boolean bLoadedFirst = args.length > 3 && args[3].equals("b-first");
        LongUnaryOperator b = bLoadedFirst ? load(args[2]) : null;
        LongUnaryOperator a = load(args[1]);
        if (b == null) {
            b = load(args[2]);
        }
        ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
        long sink = 0;
        long warm = cpu.getCurrentThreadCpuTime() + 10_000_000_000L;
        while (cpu.getCurrentThreadCpuTime() < warm) {
            sink += a.applyAsLong(BATCH) + b.applyAsLong(BATCH);
        }
        List<Double> rateA = new ArrayList<>();
        List<Double> rateB = new ArrayList<>();
        List<Double> ratio = new ArrayList<>();
        long end = cpu.getCurrentThreadCpuTime() + seconds * 1_000_000_000L;
        boolean bFirst = false;
        while (cpu.getCurrentThreadCpuTime() < end) {
            // ABBA: neither build is always the one that runs right after the other.
            LongUnaryOperator first = bFirst ? b : a;
            LongUnaryOperator second = bFirst ? a : b;
            long t0 = cpu.getCurrentThreadCpuTime();
            sink += first.applyAsLong(BATCH);
            long t1 = cpu.getCurrentThreadCpuTime();
            sink += second.applyAsLong(BATCH);
            long t2 = cpu.getCurrentThreadCpuTime();
            double x = BATCH * 1e9 / (t1 - t0);
            double y = BATCH * 1e9 / (t2 - t1);
            double ra = bFirst ? y : x;
            double rb = bFirst ? x : y;
            rateA.add(ra);
            rateB.add(rb);
            ratio.add(rb / ra);
            bFirst = !bFirst;
        }
        Collections.sort(rateA);
        Collections.sort(rateB);
        Collections.sort(ratio);
        int n = ratio.size();
        ((AutoCloseable) a).close();
        ((AutoCloseable) b).close();
        System.out.printf("%s loaded first; pairs of %d decisions: %d%nA: median %.0f decisions per CPU-second%nB: median %.0f decisions"
                + " per CPU-second%nB/A: median %.3f (quartiles %.3f, %.3f)%s%n", bLoadedFirst ? "B" : "A", BATCH, n, rateA.get(n / 2),
                rateB.get(n / 2), ratio.get(n / 2), ratio.get(n / 4), ratio.get(3 * n / 4), sink == 42 ? " " : "");
    }

    /** The build in {@code classes} with this JVM's other jars, in a class loader that sees nothing else. */
    private static LongUnaryOperator load(String classes) throws Exception {
        List<URL> urls = new ArrayList<>();
        for (String dir : classes.split(":")) {
            urls.add(Path.of(dir).toUri().toURL());
        }
        for (String entry : System.getProperty("java.class.path").split(":")) {
            String name = Path.of(entry).getFileName().toString();
            if (!name.startsWith("warden-core") && !name.startsWith("warden-policy")) {
                urls.add(Path.of(entry).toUri().toURL());
            }
        }
        ClassLoader loader = new URLClassLoader(urls.toArray(URL[]::new), ClassLoader.getPlatformClassLoader());
        return (LongUnaryOperator) loader.loadClass(PolicyABDriver.class.getName()).getConstructor().newInstance();
    }
}
