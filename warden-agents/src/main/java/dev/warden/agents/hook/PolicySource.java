package dev.warden.agents.hook;

import dev.warden.agents.PolicySnapshot;
import dev.warden.policy.config.ConfigException;
import java.nio.file.Path;

/** The policy for a working directory: its project's layers on top of the user's and the system's. */
@FunctionalInterface
public interface PolicySource {
    PolicySnapshot forDirectory(Path cwd) throws ConfigException;
}
