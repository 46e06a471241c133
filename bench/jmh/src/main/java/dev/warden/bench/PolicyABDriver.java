package dev.warden.bench;

import dev.warden.core.Action;
import dev.warden.policy.PolicyEngine;
import java.util.List;
import java.util.function.LongUnaryOperator;

/**
 * One build's engine for {@link PolicyAB}, made in that build's class loader: the benchmark policy and the mix of
 * corpus commands as {@code PolicyEngineBench} uses them; {@code applyAsLong(n)} makes the next n decisions.
 */
public final class PolicyABDriver implements LongUnaryOperator, AutoCloseable {
    private final BenchPolicy fixture;
    private final PolicyEngine engine;
    private final Action.Exec[] actions;
    private int next;

    public PolicyABDriver() {
        fixture = new BenchPolicy();
        engine = new PolicyEngine(fixture.loaded.policy());
        actions = CommandCorpus.commands("mix").stream()
                .map(c -> new Action.Exec(List.of("bash", "-lc", c), fixture.project)).toArray(Action.Exec[]::new);
    }

    @Override
    public long applyAsLong(long n) {
        long sink = 0;
        for (long k = 0; k < n; k++) {
            sink += engine.evaluate(actions[next]).reasons().size();
            next = next + 1 == actions.length ? 0 : next + 1;
        }
        return sink;
    }

    @Override
    public void close() {
        fixture.close();
    }
}
