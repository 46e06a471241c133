package dev.warden.core.event;

import dev.warden.core.json.Json;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Map;
import java.util.TreeMap;

/**
 * The one serialisation of an event, used for the hash chain and for every export: object keys sorted
 * (by UTF-16 code unit, recursively), no whitespace, {@link Json}'s escaping. Two Wardens that record
 * the same event produce the same bytes, so a verifier never has to guess how a record was written.
 */
public final class EventJson {
    private EventJson() {}

    /** {@code value} (maps, lists, scalars) as canonical JSON. */
    public static String canonical(Object value) {
        return Json.write(sorted(value));
    }

    /** A copy of {@code value} with every map's keys in canonical order. */
    public static Object sorted(Object value) {
        return switch (value) {
            case Map<?, ?> map -> {
                TreeMap<String, Object> out = new TreeMap<>();
                map.forEach((k, v) -> out.put(String.valueOf(k), sorted(v)));
                yield out;
            }
            case Collection<?> list -> {
                ArrayList<Object> out = new ArrayList<>(list.size());
                list.forEach(v -> out.add(sorted(v)));
                yield out;
            }
            case null, default -> value;
        };
    }
}
