package dev.warden.policy.risk;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The findings of one assessment as they are collected, without duplicates, plus the facts that only matter in
 * combination (credentials read and data sent by the same action).
 */
final class Evidence {
    private final List<RiskFinding> findings = new ArrayList<>();
    private final Set<String> seen = new HashSet<>();

    /** A credential store read, the environment dumped, or process memory read: evidence, or null. */
    String secretsRead;
    /** Something that merely points at credentials was read (a history file...): evidence, or null. */
    String tracesRead;
    /** Data sent to another machine: evidence, or null. */
    String dataSent;
    /** Data encoded, compressed or encrypted: evidence, or null. */
    String dataEncoded;

    void add(RiskCategory category, RiskLevel level, String what, String evidence) {
        if (seen.add(category.name() + '\0' + what + '\0' + evidence)) {
            findings.add(new RiskFinding(category, level, what, evidence));
        }
    }

    void credential(RiskLevel level, String what, String evidence) {
        add(RiskCategory.CREDENTIAL_PROBING, level, what, evidence);
    }

    void exfiltration(RiskLevel level, String what, String evidence) {
        add(RiskCategory.DATA_EXFILTRATION, level, what, evidence);
    }

    void weakening(RiskLevel level, String what, String evidence) {
        add(RiskCategory.PERSISTENT_SECURITY_WEAKENING, level, what, evidence);
    }

    void destruction(RiskLevel level, String what, String evidence) {
        add(RiskCategory.DESTRUCTIVE_ACTION, level, what, evidence);
    }

    /** The most severe level found so far in {@code category}. */
    RiskLevel level(RiskCategory category) {
        RiskLevel level = RiskLevel.LOW;
        for (RiskFinding f : findings) {
            if (f.category() == category) {
                level = level.max(f.level());
            }
        }
        return level;
    }

    RiskAssessment assessment() {
        return RiskAssessment.of(findings);
    }
}
