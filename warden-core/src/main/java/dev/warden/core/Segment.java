package dev.warden.core;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One simple command of an exec action after shell splitting, and what Warden concluded about it.
 *
 * @param argv           the words of the command, quotes removed
 * @param decision       the strictest decision among the reasons about this segment
 * @param classification a short label: {@code known-safe}, {@code dangerous}, {@code rule}, {@code unmatched}
 */
public record Segment(List<String> argv, Decision decision, String classification) {
    public Segment {
        argv = Words.of(argv);
        Objects.requireNonNull(decision, "decision");
        Objects.requireNonNull(classification, "classification");
    }

    public Map<String, Object> toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("argv", argv);
        json.put("decision", decision.wireName());
        json.put("classification", classification);
        return json;
    }
}
