package dev.warden.sandbox.escape;

import dev.warden.sandbox.BwrapBackend;
import dev.warden.sandbox.mounts.MountPlaceholders;
import org.junit.jupiter.api.Nested;

import java.nio.file.Path;
import java.util.Map;

/** The escape suite under bubblewrap. */
class BwrapEscapeTests {
    static final BackendUnderTest BWRAP = new BackendUnderTest(
            BwrapBackend.onPath().orElseThrow(() -> new AssertionError(
                    "bubblewrap is not on PATH: install the 'bubblewrap' package (.ci/run does)"))
                    // A lock of this test run's own: other builds' sandboxes on the host must not delay its sweeps.
                    .withPlaceholders(MountPlaceholders.at(Path.of("target", "warden-placeholders")))
                    // Fixed, not AUTO (which depends on whether this is the JVM's first sandbox): posix_spawn for the
                    // whole suite, and the process cases once more through the shell trampoline below.
                    .withSpawn(BwrapBackend.Spawn.NATIVE),
            new BwrapBackend(Path.of("/nonexistent/bwrap")), "bubblewrap not found", true,
            ProcessLimits.AVAILABLE ? Map.of() : Map.of(26, ProcessLimits.WHY_NOT));

    /** The same sandbox started through the shell trampoline, as a one-shot `warden exec` starts it. */
    static final BackendUnderTest BWRAP_THROUGH_SHELL = new BackendUnderTest(
            ((BwrapBackend) BWRAP.backend()).withSpawn(BwrapBackend.Spawn.SHELL), BWRAP.unavailable(), BWRAP.refusal(),
            BWRAP.topLevelCreate(), BWRAP.notContained());

    @Nested
    class Filesystem extends FilesystemEscapes {
        Filesystem() {
            super(BWRAP);
        }
    }

    @Nested
    class Processes extends ProcessEscapes {
        Processes() {
            super(BWRAP);
        }
    }

    /** Sessions, signals, descriptors, the environment and the pids cgroup depend on how bwrap was started. */
    @Nested
    class ProcessesThroughShell extends ProcessEscapes {
        ProcessesThroughShell() {
            super(BWRAP_THROUGH_SHELL);
        }
    }

    @Nested
    class Network extends NetworkEscapes {
        Network() {
            super(BWRAP);
        }
    }

    @Nested
    class Proxied extends ProxiedNetworkEscapes {
        Proxied() {
            super(BWRAP);
        }

        @Override
        boolean available() {
            return true;
        }

        @Override
        boolean samePortElsewhereReachable() {
            return false;
        }
    }

    @Nested
    class Work extends Workloads {
        Work() {
            super(BWRAP);
        }
    }
}
