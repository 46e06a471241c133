package dev.warden.agents.install;

import dev.warden.core.json.Json;
import dev.warden.core.json.JsonException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Merges Warden's hooks into a Claude Code {@code settings.json} and removes them, as pure text-to-text functions.
 * Warden's handlers are recognised by their command ending in {@value #COMMAND_SUFFIX}; everything else in the file
 * (other hooks, other keys, their order) is kept. Installing twice gives the same file; installing with another
 * launcher path updates the command in place.
 *
 * <p>The layout is the documented one (https://code.claude.com/docs/en/hooks, "Configuration"): {@code hooks} → event
 * → matcher groups → handlers. Tool events match every tool ({@code "*"}); the others take no matcher. SessionEnd
 * hooks share a 1.5 s budget unless a handler sets a longer {@code timeout}, and a standalone hook starts a JVM, so
 * Warden's SessionEnd handler asks for 10 s.
 */
public final class ClaudeSettings {
    public static final String COMMAND_SUFFIX = " hook claude-code";
    /** The events Warden answers, in the order they are written. */
    public static final List<String> EVENTS = List.of("PreToolUse", "PostToolUse", "UserPromptSubmit", "SessionStart",
            "SessionEnd", "Stop");

    private ClaudeSettings() {}

    /**
     * The settings with Warden's hook on every event it answers.
     *
     * @param existing the file's text, or empty for a file that does not exist yet
     * @param command  the shell command that runs {@code warden hook claude-code}
     * @throws IllegalArgumentException when the file is not a JSON object or its {@code hooks} are not shaped as documented
     */
    public static String install(String existing, String command) {
        if (!command.endsWith(COMMAND_SUFFIX)) {
            throw new IllegalArgumentException("the hook command must end with \"" + COMMAND_SUFFIX + "\": " + command);
        }
        Map<String, Object> settings = parse(existing);
        Map<String, Object> hooks = object(settings, "hooks");
        for (String event : EVENTS) {
            List<Object> groups = array(hooks, event);
            if (!replaceCommand(groups, command)) {
                Map<String, Object> handler = new LinkedHashMap<>();
                handler.put("type", "command");
                handler.put("command", command);
                if (event.equals("SessionEnd")) {
                    handler.put("timeout", 10L);
                }
                Map<String, Object> group = new LinkedHashMap<>();
                if (event.equals("PreToolUse") || event.equals("PostToolUse")) {
                    group.put("matcher", "*");
                }
                group.put("hooks", new ArrayList<>(List.of(handler)));
                groups.add(group);
            }
        }
        return Json.pretty(settings) + "\n";
    }

    /** The settings without any of Warden's handlers (and without groups, events or a {@code hooks} left empty). */
    public static String uninstall(String existing) {
        Map<String, Object> settings = parse(existing);
        if (!(settings.get("hooks") instanceof Map<?, ?>)) {
            return existing.isBlank() ? "" : Json.pretty(settings) + "\n";
        }
        Map<String, Object> hooks = object(settings, "hooks");
        for (String event : List.copyOf(hooks.keySet())) {
            if (!(hooks.get(event) instanceof List<?>)) {
                continue;
            }
            List<Object> groups = array(hooks, event);
            groups.removeIf(group -> {
                if (!(group instanceof Map<?, ?> map) || !(map.get("hooks") instanceof List<?> handlers)) {
                    return false;
                }
                boolean hadWarden = handlers.stream().anyMatch(ClaudeSettings::isWarden);
                handlers.removeIf(ClaudeSettings::isWarden);
                return hadWarden && handlers.isEmpty();
            });
            if (groups.isEmpty()) {
                hooks.remove(event);
            }
        }
        if (hooks.isEmpty()) {
            settings.remove("hooks");
        }
        return Json.pretty(settings) + "\n";
    }

    /** Whether Warden's hook is installed for every event it answers. */
    public static boolean installed(String existing) {
        Map<String, Object> settings = parse(existing);
        if (!(settings.get("hooks") instanceof Map<?, ?> hooks)) {
            return false;
        }
        return EVENTS.stream().allMatch(event -> hooks.get(event) instanceof List<?> groups
                && groups.stream().anyMatch(g -> g instanceof Map<?, ?> m && m.get("hooks") instanceof List<?> h
                        && h.stream().anyMatch(ClaudeSettings::isWarden)));
    }

    private static boolean replaceCommand(List<Object> groups, String command) {
        boolean found = false;
        for (Object group : groups) {
            if (group instanceof Map<?, ?> map && map.get("hooks") instanceof List<?> handlers) {
                for (Object handler : handlers) {
                    if (isWarden(handler)) {
                        @SuppressWarnings("unchecked")
                        Map<String, Object> entry = (Map<String, Object>) handler;
                        entry.put("command", command);
                        found = true;
                    }
                }
            }
        }
        return found;
    }

    private static boolean isWarden(Object handler) {
        return handler instanceof Map<?, ?> map && map.get("command") instanceof String command
                && command.endsWith(COMMAND_SUFFIX);
    }

    private static Map<String, Object> parse(String text) {
        if (text.isBlank()) {
            return new LinkedHashMap<>();
        }
        Object parsed;
        try {
            parsed = Json.parse(text);
        } catch (JsonException e) {
            throw new IllegalArgumentException("not valid JSON: " + e.getMessage() + "; fix the file or move it away");
        }
        if (!(parsed instanceof Map<?, ?>)) {
            throw new IllegalArgumentException("settings must be a JSON object");
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> map = (Map<String, Object>) parsed;
        return map;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> object(Map<String, Object> parent, String key) {
        Object value = parent.computeIfAbsent(key, k -> new LinkedHashMap<String, Object>());
        if (!(value instanceof Map<?, ?>)) {
            throw new IllegalArgumentException("\"" + key + "\" must be an object");
        }
        return (Map<String, Object>) value;
    }

    @SuppressWarnings("unchecked")
    private static List<Object> array(Map<String, Object> parent, String key) {
        Object value = parent.computeIfAbsent(key, k -> new ArrayList<Object>());
        if (!(value instanceof List<?>)) {
            throw new IllegalArgumentException("\"hooks." + key + "\" must be an array of matcher groups");
        }
        return (List<Object>) value;
    }
}
