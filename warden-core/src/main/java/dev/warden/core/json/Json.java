package dev.warden.core.json;

import java.util.Collection;
import java.util.Map;
import java.util.Optional;

/**
 * Writes Java values as JSON: {@link Map} (string keys, insertion order kept), {@link Collection},
 * {@link CharSequence}, {@link Number}, {@link Boolean}, {@link Optional} and {@code null}.
 * Reads JSON with {@link JsonReader}.
 */
public final class Json {
    private Json() {}

    /** Compact JSON on one line. */
    public static String write(Object value) {
        StringBuilder out = new StringBuilder(128);
        write(out, value, -1, 0);
        return out.toString();
    }

    /** JSON indented by two spaces, for people who read {@code --json} output. */
    public static String pretty(Object value) {
        StringBuilder out = new StringBuilder(256);
        write(out, value, 2, 0);
        return out.toString();
    }

    /** Parses one JSON document; throws {@link JsonException} with line and column on bad input. */
    public static Object parse(String text) {
        return new JsonReader(text).readDocument();
    }

    private static void write(StringBuilder out, Object value, int indent, int depth) {
        switch (value) {
            case null -> out.append("null");
            case Optional<?> optional -> write(out, optional.orElse(null), indent, depth);
            case CharSequence text -> quote(out, text);
            case Boolean bool -> out.append(bool);
            case Double d when d.isNaN() || d.isInfinite() -> out.append("null");
            case Float f when f.isNaN() || f.isInfinite() -> out.append("null");
            case Number number -> out.append(number);
            case Map<?, ?> map -> writeMap(out, map, indent, depth);
            case Collection<?> list -> writeList(out, list, indent, depth);
            case Enum<?> constant -> quote(out, constant.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'));
            default -> quote(out, value.toString());
        }
    }

    private static void writeMap(StringBuilder out, Map<?, ?> map, int indent, int depth) {
        if (map.isEmpty()) {
            out.append("{}");
            return;
        }
        out.append('{');
        boolean first = true;
        for (Map.Entry<?, ?> entry : map.entrySet()) {
            if (!first) {
                out.append(',');
            }
            first = false;
            newline(out, indent, depth + 1);
            quote(out, String.valueOf(entry.getKey()));
            out.append(indent >= 0 ? ": " : ":");
            write(out, entry.getValue(), indent, depth + 1);
        }
        newline(out, indent, depth);
        out.append('}');
    }

    private static void writeList(StringBuilder out, Collection<?> list, int indent, int depth) {
        if (list.isEmpty()) {
            out.append("[]");
            return;
        }
        out.append('[');
        boolean first = true;
        for (Object item : list) {
            if (!first) {
                out.append(',');
            }
            first = false;
            newline(out, indent, depth + 1);
            write(out, item, indent, depth + 1);
        }
        newline(out, indent, depth);
        out.append(']');
    }

    private static void newline(StringBuilder out, int indent, int depth) {
        if (indent >= 0) {
            out.append('\n');
            out.repeat(' ', indent * depth);
        }
    }

    /** Appends {@code text} as a JSON string literal, escaping quotes, backslashes and control characters. */
    public static void quote(StringBuilder out, CharSequence text) {
        out.append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                default -> {
                    // Escape controls and the line separators that break JavaScript consumers.
                    if (c < 0x20 || c == 0x2028 || c == 0x2029 || c == 0x7f) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}
