package dev.warden.policy.rules;

import java.util.List;
import java.util.Objects;

/**
 * A rule that matches every command whose words start with {@code pattern}, token by token, exactly as written:
 * {@code ["git", ["push", "fetch"]]} matches {@code git push origin main} but not {@code git -C x push}
 * (the same exact-prefix semantics as Codex's execpolicy; no basename or option normalisation).
 *
 * @param pattern          the prefix, at least one token
 * @param decision         what the rule asks for when it matches
 * @param justification    why the rule exists, shown to people in prompts and denials
 * @param matchExamples    commands the author says the rule matches; verified when the rule is loaded
 * @param notMatchExamples commands the author says the rule does not match; verified when the rule is loaded
 * @param origin           where the rule was written
 */
public record PrefixRule(
        List<PatternToken> pattern,
        RuleDecision decision,
        String justification,
        List<List<String>> matchExamples,
        List<List<String>> notMatchExamples,
        RuleOrigin origin) {

    public PrefixRule {
        pattern = List.copyOf(pattern);
        if (pattern.isEmpty()) {
            throw new IllegalArgumentException("a prefix rule needs at least one pattern token");
        }
        Objects.requireNonNull(decision, "decision");
        Objects.requireNonNull(justification, "justification");
        matchExamples = matchExamples.stream().map(List::copyOf).toList();
        notMatchExamples = notMatchExamples.stream().map(List::copyOf).toList();
        Objects.requireNonNull(origin, "origin");
    }

    /** Whether {@code argv} starts with this rule's pattern. */
    public boolean matches(List<String> argv) {
        int n = pattern.size();
        if (argv.size() < n) {
            return false;
        }
        for (int i = 0; i < n; i++) {
            if (!pattern.get(i).matches(argv.get(i))) {
                return false;
            }
        }
        return true;
    }

    /** The rule as a person would write it, e.g. {@code prefix_rule(["git", ["push","fetch"]])}; stable for JSON and logs. */
    public String describe() {
        StringBuilder out = new StringBuilder("prefix_rule([");
        for (int i = 0; i < pattern.size(); i++) {
            if (i > 0) {
                out.append(", ");
            }
            switch (pattern.get(i)) {
                case PatternToken.Single single -> quote(single.word(), out);
                case PatternToken.Alternatives alternatives -> {
                    out.append('[');
                    for (int j = 0; j < alternatives.words().size(); j++) {
                        if (j > 0) {
                            out.append(',');
                        }
                        quote(alternatives.words().get(j), out);
                    }
                    out.append(']');
                }
            }
        }
        return out.append("])").toString();
    }

    /**
     * JSON-compatible string quoting, which the rules lexer reads back to the same word: a description pasted
     * into a rules file means the same words, and a rule Warden writes ("approve always") loads as written.
     */
    public static void quote(String word, StringBuilder out) {
        out.append('"');
        for (int i = 0; i < word.length(); i++) {
            char c = word.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\t' -> out.append("\\t");
                case '\r' -> out.append("\\r");
                default -> {
                    if (c < 0x20 || c == 0x7f) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }

    @Override
    public String toString() {
        return describe() + " -> " + decision.wireName() + " (" + origin + ")";
    }
}
