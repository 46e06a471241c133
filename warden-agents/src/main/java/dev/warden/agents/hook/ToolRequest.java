package dev.warden.agents.hook;

import dev.warden.core.Action;
import java.util.Objects;

/** What a Claude Code tool call amounts to for Warden. */
public sealed interface ToolRequest {

    /** The call does this action; the policy decides. */
    record Governed(Action action) implements ToolRequest {
        public Governed {
            Objects.requireNonNull(action, "action");
        }
    }

    /**
     * The tool acts only inside the conversation (a to-do list, a question to the user, a subagent whose own tool
     * calls come through the hook again): Warden gives no opinion and Claude Code's own permission flow applies.
     */
    record ConversationOnly(String tool) implements ToolRequest {}

    /** A tool Warden does not know: it could do anything, so the person is asked. */
    record Unknown(String tool) implements ToolRequest {}
}
