package dev.warden.core;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * How risky an action is, as the automatic reviewer's deterministic engine rated it: an overall level, a level for
 * each risk category, and a rationale that cites the evidence (the token, path or pattern that decided).
 *
 * <p>Kept as wire-level strings so the shared vocabulary does not depend on the policy module that computes it.
 *
 * @param level      {@code low}, {@code medium}, {@code high} or {@code critical}: the highest category level
 * @param categories category name (e.g. {@code data_exfiltration}) to its level, in a stable order
 * @param rationale  one or more sentences citing the evidence; never empty
 */
public record Risk(String level, Map<String, String> categories, String rationale) {
    /** The levels, least to most severe. */
    public static final List<String> LEVELS = List.of("low", "medium", "high", "critical");

    public Risk {
        Objects.requireNonNull(level, "level");
        Objects.requireNonNull(rationale, "rationale");
        if (!LEVELS.contains(level)) {
            throw new IllegalArgumentException("unknown risk level \"" + level + "\"; expected one of " + LEVELS);
        }
        for (Map.Entry<String, String> entry : categories.entrySet()) {
            if (!LEVELS.contains(entry.getValue())) {
                throw new IllegalArgumentException("unknown risk level \"" + entry.getValue() + "\" for " + entry.getKey());
            }
        }
        if (rationale.isBlank()) {
            throw new IllegalArgumentException("a risk assessment must say why");
        }
        categories = Collections.unmodifiableMap(new LinkedHashMap<>(categories));
    }

    public Map<String, Object> toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("level", level);
        json.put("categories", new LinkedHashMap<>(categories));
        json.put("rationale", rationale);
        return json;
    }
}
