package dev.warden.sandbox.escape;

import dev.warden.sandbox.BwrapBackend;
import org.junit.jupiter.api.Nested;

import java.util.Map;

/** The escape suite under bubblewrap. */
class BwrapEscapeTests {
    static final BackendUnderTest BWRAP = new BackendUnderTest(
            BwrapBackend.onPath().orElseThrow(() -> new AssertionError(
                    "bubblewrap is not on PATH: install the 'bubblewrap' package (.ci/run does)")),
            Map.of());

    @Nested
    class Filesystem extends FilesystemEscapes {
        Filesystem() {
            super(BWRAP);
        }
    }
}
