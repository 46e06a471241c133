package dev.warden.core;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Reads a verdict back from {@link Verdict#toJson()}'s form: how a verdict the daemon decided crosses its
 * socket to the command that shows it. Strict, since the other side is another process: a missing field,
 * a wrong type or an unknown decision is an {@link IllegalArgumentException} naming the field, never a
 * verdict with a default filled in.
 */
public final class VerdictJson {
    private VerdictJson() {}

    public static Verdict read(Object json) {
        Map<?, ?> map = object(json, "verdict");
        Decision decision = decision(map.get("decision"), "decision");
        List<Reason> reasons = new ArrayList<>();
        for (Object reason : list(map.get("reasons"), "reasons")) {
            reasons.add(reason(object(reason, "reasons[]")));
        }
        List<Segment> segments = new ArrayList<>();
        for (Object segment : list(map.get("segments"), "segments")) {
            segments.add(segment(object(segment, "segments[]")));
        }
        Optional<Risk> risk = map.get("risk") == null ? Optional.empty() : Optional.of(risk(object(map.get("risk"), "risk")));
        return new Verdict(decision, reasons, segments, risk);
    }

    private static Reason reason(Map<?, ?> json) {
        String source = string(json.get("source"), "reasons[].source");
        ReasonSource parsedSource;
        try {
            parsedSource = ReasonSource.valueOf(source.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("reasons[].source: unknown source \"" + source + "\"");
        }
        Object segment = json.get("segment");
        return new Reason(parsedSource, decision(json.get("decision"), "reasons[].decision"),
                string(json.get("message"), "reasons[].message"), optional(json.get("rule"), "reasons[].rule"),
                optional(json.get("layer"), "reasons[].layer"),
                optional(json.get("justification"), "reasons[].justification"),
                segment == null ? -1 : Math.toIntExact(number(segment, "reasons[].segment")));
    }

    private static Segment segment(Map<?, ?> json) {
        List<String> argv = new ArrayList<>();
        for (Object word : list(json.get("argv"), "segments[].argv")) {
            argv.add(string(word, "segments[].argv[]"));
        }
        return new Segment(argv, decision(json.get("decision"), "segments[].decision"),
                string(json.get("classification"), "segments[].classification"));
    }

    private static Risk risk(Map<?, ?> json) {
        Map<String, String> categories = new LinkedHashMap<>();
        for (Map.Entry<?, ?> entry : object(json.get("categories"), "risk.categories").entrySet()) {
            categories.put(string(entry.getKey(), "risk.categories"), string(entry.getValue(), "risk.categories[]"));
        }
        return new Risk(string(json.get("level"), "risk.level"), categories, string(json.get("rationale"), "risk.rationale"));
    }

    private static Decision decision(Object value, String field) {
        String name = string(value, field);
        return switch (name) {
            case "allow" -> Decision.ALLOW;
            case "ask" -> Decision.ASK;
            case "deny" -> Decision.DENY;
            default -> throw new IllegalArgumentException(field + ": unknown decision \"" + name + "\"");
        };
    }

    private static Map<?, ?> object(Object value, String field) {
        if (value instanceof Map<?, ?> map) {
            return map;
        }
        throw new IllegalArgumentException(field + ": expected an object");
    }

    private static List<?> list(Object value, String field) {
        if (value instanceof List<?> list) {
            return list;
        }
        throw new IllegalArgumentException(field + ": expected a list");
    }

    private static String string(Object value, String field) {
        if (value instanceof String text) {
            return text;
        }
        throw new IllegalArgumentException(field + ": expected a string");
    }

    private static long number(Object value, String field) {
        if (value instanceof Long number) {
            return number;
        }
        if (value instanceof Integer number) {
            return number;
        }
        throw new IllegalArgumentException(field + ": expected an integer");
    }

    private static Optional<String> optional(Object value, String field) {
        return value == null ? Optional.empty() : Optional.of(string(value, field));
    }
}
