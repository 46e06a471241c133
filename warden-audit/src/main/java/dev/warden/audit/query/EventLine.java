package dev.warden.audit.query;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** What an event says, in one line for a person: {@code exec: git push origin main (rule)}. */
public final class EventLine {
    private EventLine() {}

    /** The event's type without the {@code warden.} prefix. */
    public static String shortType(Map<String, Object> event) {
        String type = String.valueOf(event.get("type"));
        return type.startsWith("warden.") ? type.substring(7) : type;
    }

    /** The decision the event carries, or an empty string. */
    public static String decision(Map<String, Object> event) {
        return event.get("data") instanceof Map<?, ?> data && data.get("decision") != null
                ? String.valueOf(data.get("decision")) : "";
    }

    public static String describe(Map<String, Object> event) {
        if (!(event.get("data") instanceof Map<?, ?> d)) {
            return "";
        }
        return switch (shortType(event)) {
            case "session_start" -> d.get("front_door") + ": " + words(d.get("agent_command")) + " in " + d.get("cwd")
                    + " (sandbox " + d.get("sandbox") + ", " + d.get("enforcement") + ")";
            case "user_prompt" -> d.containsKey("text") ? "prompt: " + d.get("text") : "prompt of " + d.get("length") + " characters";
            case "tool_decision" -> action(d.get("action")) + by(d);
            case "approval" -> d.get("decision") + " " + d.get("scope") + " via " + d.get("channel") + " by "
                    + d.get("decided_by") + " after " + d.get("latency_ms") + " ms";
            case "tool_result" -> "exit " + d.get("exit_status") + " after " + d.get("duration_ms") + " ms, "
                    + d.get("stdout_bytes") + " B out, " + d.get("stderr_bytes") + " B err";
            case "sandbox_violation" -> d.get("kind") + ": " + d.get("target") + " (" + d.get("detail") + ")";
            case "network_decision" -> d.get("protocol") + " " + d.get("host") + ":" + d.get("port") + by(d);
            case "network_close" -> "closed " + d.get("protocol") + " " + d.get("host") + ":" + d.get("port") + " after "
                    + d.get("duration_ms") + " ms, " + d.get("bytes_out") + " B out, " + d.get("bytes_in") + " B in"
                    + (d.containsKey("error") ? " (" + d.get("error") + ")" : "");
            case "mcp_call" -> d.get("server") + "." + d.get("tool") + " " + d.get("arguments");
            case "config_warning" -> String.valueOf(d.get("message"));
            case "session_end" -> "exit " + d.get("exit_status") + " after " + d.get("duration_ms") + " ms (" + d.get("reason") + ")";
            default -> String.valueOf(d);
        };
    }

    /**
     * {@code text} safe for a terminal on one line: control characters (newlines, and the escape sequences an
     * agent could plant to rewrite what a reviewer sees) become visible {@code \\n}, {@code \\x1b}.
     */
    public static String printable(String text) {
        StringBuilder out = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean control = c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0) || c == 0x2028 || c == 0x2029
                    || (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069); // bidi overrides reorder what is shown
            if (control && out == null) {
                out = new StringBuilder(text.length() + 16).append(text, 0, i);
            }
            if (out != null) {
                if (!control) {
                    out.append(c);
                } else if (c == '\n') {
                    out.append("\\n");
                } else if (c == '\t') {
                    out.append("\\t");
                } else {
                    out.append(String.format("\\x%02x", (int) c));
                }
            }
        }
        return out == null ? text : out.toString();
    }

    private static String action(Object action) {
        if (!(action instanceof Map<?, ?> a)) {
            return "?";
        }
        return switch (String.valueOf(a.get("kind"))) {
            case "exec" -> "exec: " + words(a.get("argv"));
            case "file_read" -> "read " + a.get("path");
            case "file_write" -> "write " + a.get("path");
            case "network_connect" -> "connect " + a.get("protocol") + " " + a.get("host") + ":" + a.get("port");
            case "mcp_call" -> "mcp " + a.get("server") + "." + a.get("tool");
            default -> String.valueOf(a);
        };
    }

    /** The deciding source and the first reason's message. */
    private static String by(Map<?, ?> d) {
        String source = d.get("source") == null ? "" : String.valueOf(d.get("source"));
        String reason = d.get("reasons") instanceof List<?> reasons && !reasons.isEmpty()
                && reasons.getFirst() instanceof Map<?, ?> r ? String.valueOf(r.get("message")) : "";
        if (source.isEmpty() && reason.isEmpty()) {
            return "";
        }
        return " [" + source + (source.isEmpty() || reason.isEmpty() ? "" : ": ") + reason + "]";
    }

    private static String words(Object argv) {
        if (argv instanceof List<?> list) {
            return list.stream().map(String::valueOf).map(EventLine::quoted).collect(Collectors.joining(" "));
        }
        return String.valueOf(argv);
    }

    private static String quoted(String word) {
        if (!word.isEmpty() && word.chars().allMatch(c -> Character.isLetterOrDigit(c) || "-_./=:,@%+".indexOf(c) >= 0)) {
            return word;
        }
        return "'" + word.replace("'", "'\\''") + "'";
    }
}
