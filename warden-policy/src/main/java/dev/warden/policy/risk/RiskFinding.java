package dev.warden.policy.risk;

import java.util.Objects;

/**
 * One piece of evidence: what the engine saw, what it means, and how much it weighs.
 *
 * @param category the kind of harm
 * @param level    how severe this evidence alone is
 * @param what     what the action would do, in words a person can check ("uploads a local file")
 * @param evidence the token, path or pattern that showed it, as written in the command
 */
public record RiskFinding(RiskCategory category, RiskLevel level, String what, String evidence) {
    /** Evidence longer than this is cut, so a rationale stays one readable line per finding. */
    static final int MAX_EVIDENCE = 80;

    public RiskFinding {
        Objects.requireNonNull(category, "category");
        Objects.requireNonNull(level, "level");
        Objects.requireNonNull(what, "what");
        Objects.requireNonNull(evidence, "evidence");
        evidence = excerpt(evidence);
    }

    /** "data exfiltration high: uploads a local file (curl -T ./db.sql)". */
    public String describe() {
        return category.label() + " " + level.wireName() + ": " + what + (evidence.isEmpty() ? "" : " (" + evidence + ")");
    }

    private static String excerpt(String text) {
        String oneLine = text.replace('\n', ' ').replace('\r', ' ').replace('\t', ' ').strip();
        return oneLine.length() <= MAX_EVIDENCE ? oneLine : oneLine.substring(0, MAX_EVIDENCE - 1) + "…";
    }
}
