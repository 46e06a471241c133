package dev.warden.approvals.review;

import dev.warden.core.json.Json;
import dev.warden.core.json.JsonException;
import dev.warden.policy.risk.RiskLevel;
import dev.warden.policy.risk.UserAuthorization;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A model reviewer's answer, read strictly: the chat-completions envelope, then a message that is one JSON object
 * with exactly {@code risk_level}, {@code user_authorization}, {@code outcome} and {@code rationale}. Prose around
 * it, a missing or extra key, an unknown value, an empty or overlong rationale: each is an error, because a
 * reviewer that cannot follow the format cannot be trusted to have followed the instructions either.
 */
record ReviewAnswer(RiskLevel level, UserAuthorization authorization, Outcome outcome, String rationale) {
    static final int MAX_RATIONALE = 2000;
    private static final Set<String> KEYS = Set.of("risk_level", "user_authorization", "outcome", "rationale");

    enum Outcome {
        ALLOW,
        DENY,
        ASK
    }

    /** An answer that cannot be used; the message says why, for the person and the audit trail. */
    static final class Unusable extends Exception {
        Unusable(String message) {
            super(message, null, false, false);
        }
    }

    static ReviewAnswer parse(String responseBody) throws Unusable {
        Object envelope = json(responseBody, "the response");
        Object content = at(at(first(at(envelope, "choices")), "message"), "content");
        if (!(content instanceof String text)) {
            throw new Unusable("the response has no message content");
        }
        String trimmed = text.strip();
        if (!trimmed.startsWith("{") || !trimmed.endsWith("}")) {
            throw new Unusable("the answer is not one JSON object (text around it, or none at all)");
        }
        if (!(json(trimmed, "the answer") instanceof Map<?, ?> answer)) {
            throw new Unusable("the answer is not a JSON object");
        }
        if (!answer.keySet().equals(KEYS)) {
            throw new Unusable("the answer must have exactly the keys " + KEYS.stream().sorted().toList()
                    + ", it has " + answer.keySet().stream().map(String::valueOf).sorted().toList());
        }
        RiskLevel level = switch (string(answer, "risk_level")) {
            case "low" -> RiskLevel.LOW;
            case "medium" -> RiskLevel.MEDIUM;
            case "high" -> RiskLevel.HIGH;
            case "critical" -> RiskLevel.CRITICAL;
            default -> throw new Unusable("unknown risk_level");
        };
        UserAuthorization authorization = switch (string(answer, "user_authorization")) {
            case "explicit" -> UserAuthorization.EXPLICIT;
            case "implied" -> UserAuthorization.IMPLIED;
            case "none" -> UserAuthorization.NONE;
            case "unknown" -> UserAuthorization.UNKNOWN;
            default -> throw new Unusable("unknown user_authorization");
        };
        Outcome outcome = switch (string(answer, "outcome")) {
            case "allow" -> Outcome.ALLOW;
            case "deny" -> Outcome.DENY;
            case "ask" -> Outcome.ASK;
            default -> throw new Unusable("unknown outcome");
        };
        String rationale = string(answer, "rationale").strip();
        if (rationale.isEmpty() || rationale.length() > MAX_RATIONALE) {
            throw new Unusable("the rationale is empty or longer than " + MAX_RATIONALE + " characters");
        }
        return new ReviewAnswer(level, authorization, outcome, rationale);
    }

    private static Object json(String text, String what) throws Unusable {
        try {
            return Json.parse(text);
        } catch (JsonException e) {
            throw new Unusable(what + " is not JSON (" + e.getMessage() + ")");
        }
    }

    private static Object at(Object node, String key) throws Unusable {
        if (node instanceof Map<?, ?> map && map.containsKey(key)) {
            return map.get(key);
        }
        throw new Unusable("the response has no \"" + key + "\"");
    }

    private static Object first(Object node) throws Unusable {
        if (node instanceof List<?> list && !list.isEmpty()) {
            return list.getFirst();
        }
        throw new Unusable("the response has no choices");
    }

    private static String string(Map<?, ?> map, String key) throws Unusable {
        if (map.get(key) instanceof String s) {
            return s; // exact spelling: a near miss is not a guess we make for a security decision
        }
        throw new Unusable(key + " is not a string");
    }
}
