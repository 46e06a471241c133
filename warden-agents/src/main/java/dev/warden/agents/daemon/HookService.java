package dev.warden.agents.daemon;

import dev.warden.agents.hook.ClaudeCodeHook;
import dev.warden.agents.hook.HookAnswer;
import dev.warden.agents.hook.LiveHookSessions;
import dev.warden.agents.hook.RunSessions;
import java.util.Optional;

/** Answers hook calls for both of the daemon's doors, with what {@code warden hook claude-code} would answer. */
final class HookService {
    private final ClaudeCodeHook hook;
    private final PolicyCache policies;
    private final RunSessions runSessions;

    HookService(LiveHookSessions sessions, PolicyCache policies, RunSessions runSessions) {
        this.hook = new ClaudeCodeHook(sessions);
        this.policies = policies;
        this.runSessions = runSessions;
    }

    /** @param wardenSession the caller's {@code WARDEN_SESSION}, if it has one */
    HookAnswer claudeCode(String payload, Optional<String> wardenSession) {
        return hook.answer(payload, policies, runSessions.containment(wardenSession));
    }
}
