package dev.warden.agents.mcp;

import dev.warden.agents.PolicySnapshot;
import dev.warden.agents.fs.Workspace;
import dev.warden.agents.session.SandboxSession;
import dev.warden.core.event.SessionRecorder;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What every tool of one {@code warden mcp} process shares: the policy, the workspace, the audit session, where
 * an {@code ask} goes, the sandbox commands start in, their environment, and where full outputs are kept.
 */
record ToolContext(PolicySnapshot policy, Workspace workspace, SessionRecorder audit, AskResolver asks,
        SandboxSession sandbox, Map<String, String> environment, Path outputDirectory, AtomicInteger inFlight) {

    /** Tool calls being handled right now. */
    int running() {
        return inFlight.get();
    }
}
