package dev.warden.core;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The policy engine's answer for one action: allow, ask or deny, with every reason that contributed,
 * for commands the segments the shell splitter found, and the risk assessment when one was made.
 * The risk informs the approval router; it does not change the decision by itself.
 */
public record Verdict(Decision decision, List<Reason> reasons, List<Segment> segments, Optional<Risk> risk) {

    public Verdict {
        Objects.requireNonNull(decision, "decision");
        reasons = List.copyOf(reasons);
        segments = List.copyOf(segments);
        Objects.requireNonNull(risk, "risk");
        if (reasons.isEmpty()) {
            throw new IllegalArgumentException("a verdict must say why");
        }
    }

    /** A verdict without a risk assessment. */
    public Verdict(Decision decision, List<Reason> reasons, List<Segment> segments) {
        this(decision, reasons, segments, Optional.empty());
    }

    /** The same verdict with {@code assessed} as its risk. */
    public Verdict withRisk(Risk assessed) {
        return new Verdict(decision, reasons, segments, Optional.of(assessed));
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
        risk.ifPresent(r -> json.put("risk", r.toJson()));
        return json;
    }
}
