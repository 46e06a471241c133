package dev.warden.core;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The policy engine's answer for one action: allow, ask or deny, with every reason that contributed,
 * for commands the segments the shell splitter found, and the risk assessment when one was made.
 * The risk informs the approval router; it does not change the decision by itself.
 *
 * <p>The risk assessment costs more than the decision itself, and most verdicts (allowed commands on an
 * agent's hot path) never need it, so it may be given as a supplier: it is computed the first time
 * {@link #risk()} is read — by the approval router for an {@code ask}, by {@code warden check} — and then
 * kept. Immutable and safe to share between threads.
 */
public final class Verdict {
    private final Decision decision;
    private final List<Reason> reasons;
    private final List<Segment> segments;
    private Supplier<Optional<Risk>> riskSource;
    private volatile Optional<Risk> risk;

    public Verdict(Decision decision, List<Reason> reasons, List<Segment> segments, Optional<Risk> risk) {
        this(decision, reasons, segments, (Supplier<Optional<Risk>>) null);
        this.risk = Objects.requireNonNull(risk, "risk");
    }

    /** A verdict without a risk assessment. */
    public Verdict(Decision decision, List<Reason> reasons, List<Segment> segments) {
        this(decision, reasons, segments, Optional.empty());
    }

    private Verdict(Decision decision, List<Reason> reasons, List<Segment> segments,
            Supplier<Optional<Risk>> riskSource) {
        this.decision = Objects.requireNonNull(decision, "decision");
        this.reasons = List.copyOf(reasons);
        this.segments = List.copyOf(segments);
        this.riskSource = riskSource;
        if (this.reasons.isEmpty()) {
            throw new IllegalArgumentException("a verdict must say why");
        }
    }

    /** The same verdict with {@code assessed} as its risk. */
    public Verdict withRisk(Risk assessed) {
        return new Verdict(decision, reasons, segments, Optional.of(assessed));
    }

    /** The same verdict whose risk {@code assessment} computes when it is first read; it must be pure. */
    public Verdict withRisk(Supplier<Risk> assessment) {
        Objects.requireNonNull(assessment, "assessment");
        return new Verdict(decision, reasons, segments, () -> Optional.of(assessment.get()));
    }

    public Decision decision() {
        return decision;
    }

    public List<Reason> reasons() {
        return reasons;
    }

    public List<Segment> segments() {
        return segments;
    }

    /** The risk assessment, computed now if it was deferred. */
    public Optional<Risk> risk() {
        Optional<Risk> known = risk;
        if (known == null) {
            synchronized (this) {
                known = risk;
                if (known == null) {
                    known = Objects.requireNonNull(riskSource.get(), "risk");
                    risk = known;
                    riskSource = null;
                }
            }
        }
        return known;
    }

    public Map<String, Object> toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("decision", decision.wireName());
        List<Object> reasonJson = new ArrayList<>();
        reasons.forEach(r -> reasonJson.add(r.toJson()));
        json.put("reasons", reasonJson);
        List<Object> segmentJson = new ArrayList<>();
        segments.forEach(s -> segmentJson.add(s.toJson()));
        json.put("segments", segmentJson);
        risk().ifPresent(r -> json.put("risk", r.toJson()));
        return json;
    }

    /** Equal when decision, reasons, segments and (assessed) risk are equal. */
    @Override
    public boolean equals(Object o) {
        return o instanceof Verdict v && decision == v.decision && reasons.equals(v.reasons)
                && segments.equals(v.segments) && risk().equals(v.risk());
    }

    @Override
    public int hashCode() {
        return Objects.hash(decision, reasons, segments);
    }

    @Override
    public String toString() {
        return "Verdict[decision=" + decision + ", reasons=" + reasons + ", segments=" + segments + "]";
    }
}
