package dev.warden.policy.risk;

import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The automatic reviewer's decision thresholds ({@code [auto_review] low, medium, high, critical}): what happens
 * to an action at each risk level. The defaults follow the reference design: low and medium are approved; high is
 * approved only when the user's request clearly authorised exactly this, narrowly scoped, and otherwise goes to a
 * person; critical is refused. A pure function: the router calls it with the assessment and the authorization.
 *
 * <p>A higher level may never be treated more leniently than a lower one ({@code critical = "allow"} with
 * {@code high = "ask"} is a configuration error, not a policy).
 */
public record AutoReviewThresholds(ThresholdAction low, ThresholdAction medium, ThresholdAction high,
        ThresholdAction critical) {

    public static final AutoReviewThresholds DEFAULTS = new AutoReviewThresholds(ThresholdAction.ALLOW,
            ThresholdAction.ALLOW, ThresholdAction.ALLOW_IF_AUTHORIZED, ThresholdAction.DENY);

    public AutoReviewThresholds {
        Objects.requireNonNull(low, "low");
        Objects.requireNonNull(medium, "medium");
        Objects.requireNonNull(high, "high");
        Objects.requireNonNull(critical, "critical");
        ThresholdAction previous = ThresholdAction.ALLOW;
        for (RiskLevel level : RiskLevel.values()) {
            ThresholdAction action = at(level, low, medium, high, critical);
            if (action.compareTo(previous) < 0) {
                throw new IllegalArgumentException("auto_review." + level.wireName() + " = \"" + action.wireName()
                        + "\" is more lenient than a lower level's \"" + previous.wireName()
                        + "\"; each level must be treated at least as strictly as the one below it");
            }
            previous = action;
        }
    }

    /** The configured action at {@code level}. */
    public ThresholdAction at(RiskLevel level) {
        return at(level, low, medium, high, critical);
    }

    private static ThresholdAction at(RiskLevel level, ThresholdAction low, ThresholdAction medium,
            ThresholdAction high, ThresholdAction critical) {
        return switch (level) {
            case LOW -> low;
            case MEDIUM -> medium;
            case HIGH -> high;
            case CRITICAL -> critical;
        };
    }

    /** What happens to an action assessed at {@code level} whose authorization by the user is {@code authorization}. */
    public ReviewOutcome decide(RiskLevel level, UserAuthorization authorization) {
        Objects.requireNonNull(level, "level");
        Objects.requireNonNull(authorization, "authorization");
        ThresholdAction action = at(level);
        String rule = "risk " + level.wireName() + ", auto_review." + level.wireName() + " = \"" + action.wireName() + "\"";
        return switch (action) {
            case ALLOW -> new ReviewOutcome(ReviewOutcome.Verdict.ALLOW, rule);
            case ALLOW_IF_AUTHORIZED -> authorization == UserAuthorization.EXPLICIT
                    ? new ReviewOutcome(ReviewOutcome.Verdict.ALLOW, rule + ", and the user asked for exactly this")
                    : new ReviewOutcome(ReviewOutcome.Verdict.ASK_HUMAN, rule + ", and the user's request does not "
                            + "clearly authorise exactly this; a person decides");
            case ASK -> new ReviewOutcome(ReviewOutcome.Verdict.ASK_HUMAN, rule + "; a person decides");
            case DENY -> new ReviewOutcome(ReviewOutcome.Verdict.DENY, rule);
        };
    }

    /** The assessment's level through {@link #decide(RiskLevel, UserAuthorization)}. */
    public ReviewOutcome decide(RiskAssessment assessment, UserAuthorization authorization) {
        return decide(assessment.level(), authorization);
    }

    /** Level name to configured action name, lowest first, for explaining the configuration. */
    public Map<String, String> toMap() {
        Map<String, String> out = new LinkedHashMap<>();
        EnumMap<RiskLevel, ThresholdAction> all = new EnumMap<>(RiskLevel.class);
        for (RiskLevel level : RiskLevel.values()) {
            all.put(level, at(level));
        }
        all.forEach((level, action) -> out.put(level.wireName(), action.wireName()));
        return out;
    }
}
