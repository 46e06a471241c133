package dev.warden.sandbox.escape;

import dev.warden.sandbox.LandlockBackend;
import org.junit.jupiter.api.Nested;

import java.util.Map;

/** The escape suite under Landlock + seccomp, no namespaces. */
class LandlockEscapeTests {
    static final BackendUnderTest LANDLOCK = new BackendUnderTest(new LandlockBackend(),
            new LandlockBackend().withAbiCeiling(0), "Landlock is not available", false,
            ProcessLimits.AVAILABLE
                    ? Map.of(12, "host processes are visible (no pid namespace); their /proc files are not accessible",
                            25, "chmod, timestamps and xattrs are not governed by Landlock")
                    : Map.of(12, "host processes are visible (no pid namespace); their /proc files are not accessible",
                            25, "chmod, timestamps and xattrs are not governed by Landlock",
                            26, ProcessLimits.WHY_NOT,
                            27, "no pid namespace or pids cgroup: a process that starts its own session (setsid)"
                                    + " outlives the command"));

    @Nested
    class Filesystem extends FilesystemEscapes {
        Filesystem() {
            super(LANDLOCK);
        }
    }

    @Nested
    class Processes extends ProcessEscapes {
        Processes() {
            super(LANDLOCK);
        }
    }

    @Nested
    class Network extends NetworkEscapes {
        Network() {
            super(LANDLOCK);
        }
    }

    @Nested
    class Proxied extends ProxiedNetworkEscapes {
        Proxied() {
            super(LANDLOCK);
        }

        @Override
        boolean available() {
            return new LandlockBackend().abi() >= 4;
        }

        /** Documented in docs/NETWORK.md and Enforcement#limits: Landlock's TCP rule names a port only. */
        @Override
        boolean samePortElsewhereReachable() {
            return true;
        }
    }

    @Nested
    class Work extends Workloads {
        Work() {
            super(LANDLOCK);
        }
    }
}
