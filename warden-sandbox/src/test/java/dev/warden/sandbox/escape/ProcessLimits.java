package dev.warden.sandbox.escape;

import dev.warden.sandbox.limits.PidsCgroup;

/**
 * Whether this host lets Warden make a pids cgroup (cgroup v1 pids hierarchy, as root): case 26 (and 27
 * under Landlock) is contained exactly when it does, and the suite asserts whichever is true here.
 */
final class ProcessLimits {
    static final String WHY_NOT;
    static final boolean AVAILABLE;

    static {
        switch (PidsCgroup.create(8)) {
            case PidsCgroup.Outcome.Created created -> {
                created.cgroup().close();
                AVAILABLE = true;
                WHY_NOT = "";
            }
            case PidsCgroup.Outcome.Unavailable unavailable -> {
                AVAILABLE = false;
                WHY_NOT = unavailable.why();
            }
        }
    }

    private ProcessLimits() {}
}
