package dev.warden.policy.fs;

import java.util.List;
import java.util.Objects;

/**
 * A permission profile after inheritance and path resolution.
 *
 * @param name      the canonical profile name (built-ins use their long names, e.g. {@code workspace-write})
 * @param policy    the concrete filesystem policy
 * @param warnings  things a person should know (a root dropped under an administrator deny, no read access at all)
 */
public record ResolvedProfile(String name, FilesystemPolicy policy, List<String> warnings) {
    public ResolvedProfile {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(policy, "policy");
        warnings = List.copyOf(warnings);
    }
}
