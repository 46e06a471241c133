package dev.warden.policy.rules;

import java.util.ArrayList;
import java.util.List;

/**
 * The rules in force, in load order (lowest layer first). Matching looks rules up by the command's first word,
 * so a policy with thousands of rules costs the same per command as one with ten.
 */
public record RuleSet(List<PrefixRule> prefixRules, List<NetworkRule> networkRules) {
    private static final RuleSet EMPTY = new RuleSet(List.of(), List.of());

    public RuleSet {
        // The index travels inside the list itself: a record cannot hold a field that is not a component.
        prefixRules = PrefixRuleIndex.of(prefixRules);
        networkRules = List.copyOf(networkRules);
    }

    public static RuleSet empty() {
        return EMPTY;
    }

    /** This rule set followed by {@code other}'s rules; order is kept so reasons list rules as they were loaded. */
    public RuleSet plus(RuleSet other) {
        if (other.prefixRules.isEmpty() && other.networkRules.isEmpty()) {
            return this;
        }
        if (prefixRules.isEmpty() && networkRules.isEmpty()) {
            return other;
        }
        List<PrefixRule> prefix = new ArrayList<>(prefixRules.size() + other.prefixRules.size());
        prefix.addAll(prefixRules);
        prefix.addAll(other.prefixRules);
        List<NetworkRule> network = new ArrayList<>(networkRules.size() + other.networkRules.size());
        network.addAll(networkRules);
        network.addAll(other.networkRules);
        return new RuleSet(prefix, network);
    }

    /** Every prefix rule that matches {@code argv}, in load order; empty when none does. */
    public List<PrefixRule> matching(List<String> argv) {
        return ((PrefixRuleIndex) prefixRules).matching(argv);
    }

    /** The strictest decision among the rules matching {@code argv}, or {@code null} when no rule matches. */
    public RuleDecision strictestFor(List<String> argv) {
        RuleDecision strictest = null;
        for (PrefixRule rule : matching(argv)) {
            strictest = strictest == null ? rule.decision() : strictest.strictest(rule.decision());
        }
        return strictest;
    }
}
