package dev.warden.core;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The policy engine's answer for one action: allow, ask or deny, with every reason that contributed
 * and, for commands, the segments the shell splitter found.
 */
public record Verdict(Decision decision, List<Reason> reasons, List<Segment> segments) {

    public Verdict {
        Objects.requireNonNull(decision, "decision");
        reasons = List.copyOf(reasons);
        segments = List.copyOf(segments);
        if (reasons.isEmpty()) {
            throw new IllegalArgumentException("a verdict must say why");
        }
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
        return json;
    }
}
