package dev.warden.agents.hook;

import java.util.Optional;

/**
 * The hook events Warden answers. Any other {@code hook_event_name} is refused (exit 2): Warden is installed
 * for these only, so another name means a misconfiguration or a payload Warden does not understand.
 */
public enum HookEvent {
    PRE_TOOL_USE("PreToolUse"),
    POST_TOOL_USE("PostToolUse"),
    USER_PROMPT_SUBMIT("UserPromptSubmit"),
    SESSION_START("SessionStart"),
    SESSION_END("SessionEnd"),
    STOP("Stop");

    private final String wireName;

    HookEvent(String wireName) {
        this.wireName = wireName;
    }

    /** The name in {@code hook_event_name} and in {@code settings.json}. */
    public String wireName() {
        return wireName;
    }

    public boolean isToolEvent() {
        return this == PRE_TOOL_USE || this == POST_TOOL_USE;
    }

    public static Optional<HookEvent> ofWireName(String name) {
        for (HookEvent event : values()) {
            if (event.wireName.equals(name)) {
                return Optional.of(event);
            }
        }
        return Optional.empty();
    }
}
