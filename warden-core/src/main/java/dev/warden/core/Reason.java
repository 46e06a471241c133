package dev.warden.core;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Why a verdict came out the way it did, in words a person can check: what decided ({@code source}),
 * what it concluded ({@code decision}), and where the deciding rule lives.
 *
 * @param source        which part of Warden produced this reason
 * @param decision      what this reason alone asks for
 * @param message       one readable sentence
 * @param rule          the rule that matched, e.g. {@code prefix_rule(["git","push"])}, if any
 * @param layer         the configuration layer or file the rule came from, if any
 * @param justification the rule author's justification, if any
 * @param segment       the index of the command segment this reason is about, or -1 for the whole action
 */
public record Reason(
        ReasonSource source,
        Decision decision,
        String message,
        Optional<String> rule,
        Optional<String> layer,
        Optional<String> justification,
        int segment) {

    public Reason {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(decision, "decision");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(layer, "layer");
        Objects.requireNonNull(justification, "justification");
    }

    public static Reason of(ReasonSource source, Decision decision, String message, int segment) {
        return new Reason(source, decision, message, Optional.empty(), Optional.empty(), Optional.empty(), segment);
    }

    public Map<String, Object> toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("source", source.wireName());
        json.put("decision", decision.wireName());
        json.put("message", message);
        rule.ifPresent(r -> json.put("rule", r));
        layer.ifPresent(l -> json.put("layer", l));
        justification.ifPresent(j -> json.put("justification", j));
        if (segment >= 0) {
            json.put("segment", segment);
        }
        return json;
    }
}
