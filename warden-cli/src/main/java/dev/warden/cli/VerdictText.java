package dev.warden.cli;

import dev.warden.core.Decision;
import dev.warden.core.Reason;
import dev.warden.core.Risk;
import dev.warden.core.Segment;
import dev.warden.core.Verdict;
import java.util.List;

/** Renders verdicts for people: a one-line summary, or every segment and reason. */
final class VerdictText {
    private VerdictText() {}

    /** {@code deny: <the first reason that decided it>}. */
    static String summary(Verdict verdict) {
        return verdict.decision().wireName() + ": " + decisive(verdict).message();
    }

    /**
     * The reason a person should read first: the first whose decision equals the verdict's. For an
     * allowed command, a segment's reason (what lets it run) beats a note about the whole script.
     */
    static Reason decisive(Verdict verdict) {
        Reason first = null;
        for (Reason reason : verdict.reasons()) {
            if (reason.decision() == verdict.decision()) {
                if (verdict.decision() != Decision.ALLOW || reason.segment() >= 0) {
                    return reason;
                }
                if (first == null) {
                    first = reason;
                }
            }
        }
        return first != null ? first : verdict.reasons().getFirst();
    }

    static String explain(Verdict verdict) {
        StringBuilder out = new StringBuilder();
        out.append("decision: ").append(verdict.decision().wireName()).append('\n');
        List<Segment> segments = verdict.segments();
        if (!segments.isEmpty()) {
            out.append("segments:\n");
            for (int i = 0; i < segments.size(); i++) {
                Segment s = segments.get(i);
                out.append(String.format("  %d  %-5s  %-10s  %s%n", i, s.decision().wireName(), s.classification(),
                        ShellQuote.join(s.argv())));
            }
        }
        out.append("reasons:\n");
        for (Reason r : verdict.reasons()) {
            out.append("  - ").append(mark(r.decision())).append(' ').append(r.message());
            out.append(" [").append(r.source().wireName());
            if (r.segment() >= 0) {
                out.append(", segment ").append(r.segment());
            }
            out.append("]\n");
            r.layer().ifPresent(l -> out.append("      from ").append(l).append('\n'));
            r.justification().ifPresent(j -> out.append("      why: ").append(j).append('\n'));
        }
        verdict.risk().ifPresent(risk -> risk(risk, out));
        return out.toString();
    }

    /** {@code risk: high} with each category's level, then the rationale citing the evidence. */
    private static void risk(Risk risk, StringBuilder out) {
        out.append("risk: ").append(risk.level()).append('\n');
        risk.categories().forEach((category, level) ->
                out.append(String.format("  %-30s %s%n", category.replace('_', ' '), level)));
        out.append("  why: ").append(risk.rationale()).append('\n');
    }

    private static String mark(Decision d) {
        return switch (d) {
            case ALLOW -> "allow";
            case ASK -> "ask  ";
            case DENY -> "deny ";
        };
    }
}
