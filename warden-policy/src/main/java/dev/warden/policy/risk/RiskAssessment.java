package dev.warden.policy.risk;

import dev.warden.core.Risk;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The engine's answer for one action: the overall level (the highest category), a level for every category, and
 * the findings behind them, most severe first.
 *
 * @param level      the highest level of any category
 * @param categories every category with its level (LOW when nothing was found)
 * @param findings   the evidence, most severe first
 */
public record RiskAssessment(RiskLevel level, Map<RiskCategory, RiskLevel> categories, List<RiskFinding> findings) {
    /** At most this many findings are cited in a rationale; the rest are counted. */
    static final int CITED = 4;

    public RiskAssessment {
        Objects.requireNonNull(level, "level");
        EnumMap<RiskCategory, RiskLevel> all = new EnumMap<>(RiskCategory.class);
        for (RiskCategory category : RiskCategory.values()) {
            all.put(category, categories.getOrDefault(category, RiskLevel.LOW));
        }
        RiskLevel highest = all.values().stream().reduce(RiskLevel.LOW, RiskLevel::max);
        if (highest != level) {
            throw new IllegalArgumentException("level " + level + " is not the highest category level " + highest);
        }
        categories = Collections.unmodifiableMap(all);
        findings = List.copyOf(findings);
    }

    /** The assessment of findings: each category at its most severe finding. */
    static RiskAssessment of(List<RiskFinding> findings) {
        EnumMap<RiskCategory, RiskLevel> categories = new EnumMap<>(RiskCategory.class);
        RiskLevel level = RiskLevel.LOW;
        for (RiskFinding finding : findings) {
            categories.merge(finding.category(), finding.level(), RiskLevel::max);
            level = level.max(finding.level());
        }
        List<RiskFinding> sorted = new ArrayList<>(findings);
        sorted.sort((a, b) -> b.level().compareTo(a.level()));
        return new RiskAssessment(level, categories, sorted);
    }

    /** The level of one category. */
    public RiskLevel level(RiskCategory category) {
        return categories.get(category);
    }

    /** The evidence in words, most severe first: "credential probing high: reads a credential store (~/.ssh/id_rsa)". */
    public String rationale() {
        if (findings.isEmpty()) {
            return "nothing in the action points at exfiltration, credentials, weakened defences or destruction";
        }
        StringBuilder out = new StringBuilder();
        int cited = Math.min(CITED, findings.size());
        for (int i = 0; i < cited; i++) {
            out.append(i == 0 ? "" : "; ").append(findings.get(i).describe());
        }
        if (findings.size() > cited) {
            out.append("; and ").append(findings.size() - cited).append(" more finding")
                    .append(findings.size() - cited == 1 ? "" : "s");
        }
        return out.toString();
    }

    /** {@code {"level": ..., "categories": {...}, "rationale": ...}}. */
    public Map<String, Object> toJson() {
        return toRisk().toJson();
    }

    /** The wire form the core verdict carries. */
    public Risk toRisk() {
        Map<String, String> wire = new LinkedHashMap<>();
        categories.forEach((category, l) -> wire.put(category.wireName(), l.wireName()));
        return new Risk(level.wireName(), wire, rationale());
    }
}
