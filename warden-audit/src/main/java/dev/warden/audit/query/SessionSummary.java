package dev.warden.audit.query;

import java.util.Objects;
import java.util.Optional;

/**
 * One line of {@code warden audit sessions}.
 *
 * @param sessionId      the session
 * @param agent          the agent's program name (argv[0] without its directory), or {@code ?} if its start was pruned
 * @param frontDoor      exec, run, mcp, hook...
 * @param started        when its first kept event happened (canonical timestamp)
 * @param lastSeen       when its last event happened
 * @param durationMillis from {@code session_end}, if the session ended
 * @param exitStatus     from {@code session_end}, if the session ended
 * @param allowed        tool decisions that allowed
 * @param asked          tool decisions that asked
 * @param denied         tool decisions that denied
 * @param violations     sandbox violations seen
 * @param events         events in the session
 */
public record SessionSummary(String sessionId, String agent, String frontDoor, String started, String lastSeen,
                             Optional<Long> durationMillis, Optional<Long> exitStatus, long allowed, long asked,
                             long denied, long violations, long events) {
    public SessionSummary {
        Objects.requireNonNull(sessionId, "sessionId");
        Objects.requireNonNull(agent, "agent");
        Objects.requireNonNull(frontDoor, "frontDoor");
        Objects.requireNonNull(started, "started");
        Objects.requireNonNull(lastSeen, "lastSeen");
        Objects.requireNonNull(durationMillis, "durationMillis");
        Objects.requireNonNull(exitStatus, "exitStatus");
    }

    public boolean ended() {
        return durationMillis.isPresent();
    }
}
