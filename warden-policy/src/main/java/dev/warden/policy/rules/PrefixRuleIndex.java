package dev.warden.policy.rules;

import java.util.AbstractList;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.RandomAccess;

/** An immutable list of prefix rules that also knows which rules can match a given first word. */
final class PrefixRuleIndex extends AbstractList<PrefixRule> implements RandomAccess {
    private final PrefixRule[] rules;
    private final Map<String, PrefixRule[]> byFirstWord;

    private PrefixRuleIndex(PrefixRule[] rules) {
        this.rules = rules;
        Map<String, List<PrefixRule>> grouped = new HashMap<>();
        for (PrefixRule rule : rules) {
            // A first token with alternatives ("bash" or "sh") files the rule under each word; a rule is listed
            // once per word even if the author repeated a word.
            for (String word : rule.pattern().getFirst().words()) {
                List<PrefixRule> bucket = grouped.computeIfAbsent(word, k -> new ArrayList<>());
                if (bucket.isEmpty() || bucket.getLast() != rule) {
                    bucket.add(rule);
                }
            }
        }
        Map<String, PrefixRule[]> index = HashMap.newHashMap(grouped.size());
        grouped.forEach((word, bucket) -> index.put(word, bucket.toArray(PrefixRule[]::new)));
        this.byFirstWord = index;
    }

    static PrefixRuleIndex of(List<PrefixRule> rules) {
        if (rules instanceof PrefixRuleIndex index) {
            return index;
        }
        PrefixRule[] copy = rules.toArray(PrefixRule[]::new);
        for (PrefixRule rule : copy) {
            if (rule == null) {
                throw new NullPointerException("prefix rule");
            }
        }
        return new PrefixRuleIndex(copy);
    }

    List<PrefixRule> matching(List<String> argv) {
        if (argv.isEmpty()) {
            return List.of();
        }
        PrefixRule[] candidates = byFirstWord.get(argv.getFirst());
        if (candidates == null) {
            return List.of();
        }
        List<PrefixRule> matched = null;
        for (PrefixRule rule : candidates) {
            if (rule.matches(argv)) {
                if (matched == null) {
                    matched = new ArrayList<>(2);
                }
                matched.add(rule);
            }
        }
        return matched == null ? List.of() : List.copyOf(matched);
    }

    @Override
    public PrefixRule get(int index) {
        return rules[index];
    }

    @Override
    public int size() {
        return rules.length;
    }
}
