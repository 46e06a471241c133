package dev.warden.agents.hook;

import dev.warden.core.json.Json;
import dev.warden.core.json.JsonException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One hook call as Claude Code sends it (https://code.claude.com/docs/en/hooks, "Common input fields" and each
 * event's input): {@code session_id}, {@code cwd}, {@code hook_event_name}, and for tool events {@code tool_name}
 * and {@code tool_input}. Fields Warden does not use are kept in {@code fields} for the audit trail, not trusted.
 *
 * @param event     which event fired
 * @param sessionId Claude Code's session id
 * @param cwd       the absolute working directory when the hook fired
 * @param fields    the whole payload object
 */
public record HookPayload(HookEvent event, String sessionId, Path cwd, Map<String, Object> fields) {
    /** A hook payload is a small object; a bigger one is not from Claude Code. */
    public static final int MAX_BYTES = 16 * 1024 * 1024;

    public HookPayload {
        Objects.requireNonNull(event, "event");
        Objects.requireNonNull(sessionId, "sessionId");
        Objects.requireNonNull(cwd, "cwd");
        fields = Map.copyOf(fields);
    }

    /** Parses and checks one payload; every way it can be wrong is a {@link HookInputException}. */
    public static HookPayload parse(String text) throws HookInputException {
        if (text.length() > MAX_BYTES) {
            throw new HookInputException("hook payload larger than " + MAX_BYTES + " bytes");
        }
        if (text.isBlank()) {
            throw new HookInputException("no hook payload on standard input (expected Claude Code's JSON object)");
        }
        Object parsed;
        try {
            parsed = Json.parse(text);
        } catch (JsonException e) {
            throw new HookInputException("hook payload is not JSON: " + e.getMessage());
        }
        if (!(parsed instanceof Map<?, ?> map)) {
            throw new HookInputException("hook payload must be a JSON object");
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> fields = (Map<String, Object>) map;
        String eventName = requiredString(fields, "hook_event_name");
        HookEvent event = HookEvent.ofWireName(eventName).orElseThrow(() -> new HookInputException(
                "hook_event_name \"" + eventName + "\" is not handled by warden hook claude-code (handled: "
                        + String.join(", ", Arrays.stream(HookEvent.values()).map(HookEvent::wireName).toList())
                        + "); remove it from the hooks in settings.json or run `warden install claude-code` again"));
        String sessionId = requiredString(fields, "session_id");
        String cwdText = requiredString(fields, "cwd");
        Path cwd;
        try {
            cwd = Path.of(cwdText);
        } catch (InvalidPathException e) {
            throw new HookInputException("cwd is not a path: " + e.getMessage());
        }
        if (!cwd.isAbsolute()) {
            throw new HookInputException("cwd must be an absolute path, got \"" + cwdText + "\"");
        }
        optionalString(fields, "permission_mode");
        optionalString(fields, "transcript_path");
        if (event.isToolEvent()) {
            requiredString(fields, "tool_name");
            if (!(fields.get("tool_input") instanceof Map<?, ?>)) {
                throw new HookInputException(event.wireName() + " payload needs a tool_input object");
            }
            optionalString(fields, "tool_use_id");
        }
        if (event == HookEvent.USER_PROMPT_SUBMIT) {
            requiredString(fields, "prompt");
        }
        return new HookPayload(event, sessionId, cwd.normalize(), fields);
    }

    /** {@code tool_name}; present for tool events. */
    public String toolName() {
        return (String) fields.get("tool_name");
    }

    /** {@code tool_input}; present for tool events. */
    @SuppressWarnings("unchecked")
    public Map<String, Object> toolInput() {
        return (Map<String, Object>) fields.get("tool_input");
    }

    public Optional<String> permissionMode() {
        return Optional.ofNullable((String) fields.get("permission_mode"));
    }

    public Optional<Object> field(String name) {
        return Optional.ofNullable(fields.get(name));
    }

    private static String requiredString(Map<String, Object> fields, String name) throws HookInputException {
        Object value = fields.get(name);
        if (value == null) {
            throw new HookInputException("hook payload has no \"" + name + "\"");
        }
        if (!(value instanceof String text)) {
            throw new HookInputException("\"" + name + "\" must be a string");
        }
        return text;
    }

    private static void optionalString(Map<String, Object> fields, String name) throws HookInputException {
        Object value = fields.get(name);
        if (value != null && !(value instanceof String)) {
            throw new HookInputException("\"" + name + "\" must be a string");
        }
    }
}
