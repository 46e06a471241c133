package dev.warden.agents.hook;

import dev.warden.agents.PolicySnapshot;
import dev.warden.policy.config.ConfigRequest;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code warden hook claude-code} without a daemon: loads the policy for the payload's {@code cwd}, decides, records
 * one short audit session, answers. Costs a JVM start and a configuration load per call; the daemon avoids both.
 */
public final class StandaloneHook {
    private StandaloneHook() {}

    /**
     * @param environment the hook process's environment: {@code WARDEN_SESSION} says whether Claude Code runs
     *                    under {@code warden run}
     */
    public static HookAnswer answer(String payload, Path wardenHome, Path systemDir, Optional<String> profile,
            List<String> overrides, Map<String, String> environment, String wardenVersion, PrintStream alarms) {
        Containment containment = new RunSessions(wardenHome)
                .containment(Optional.ofNullable(environment.get(RunSessions.ENVIRONMENT)));
        PolicySource policies = cwd -> PolicySnapshot.load(
                new ConfigRequest(wardenHome, systemDir, cwd, profile, overrides));
        return new ClaudeCodeHook(new OneShotHookSessions(wardenVersion, alarms)).answer(payload, policies, containment);
    }
}
