package dev.warden.agents.hook;

import dev.warden.agents.PolicySnapshot;
import dev.warden.core.event.SessionRecorder;
import java.util.function.Function;

/**
 * Which audit session a hook call is recorded in. Standalone, every call is a short session of its own (a process
 * cannot hold a session open between calls); the daemon keeps one session per Claude Code session, from its first
 * event to {@code SessionEnd}.
 */
public interface HookSessions {

    /**
     * Runs {@code work} with the recorder for {@code payload}'s Claude Code session, opening the audit store or the
     * session as needed. An audit store that cannot be opened throws, and the hook fails closed.
     */
    <T> T within(HookPayload payload, PolicySnapshot snapshot, Function<SessionRecorder, T> work);
}
