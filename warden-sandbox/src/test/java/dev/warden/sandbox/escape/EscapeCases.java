package dev.warden.sandbox.escape;

import dev.warden.sandbox.SandboxPolicy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Shared setting for the escape suites: a fresh {@link Fixture} per test and ways to run things in it. */
abstract class EscapeCases {
    static final String PYTHON = "/usr/bin/python3";

    final BackendUnderTest under;
    Fixture f;
    Path probe;

    EscapeCases(BackendUnderTest under) {
        this.under = under;
    }

    @BeforeEach
    void setUp() throws IOException {
        f = new Fixture();
        probe = f.root.resolve("probe.py");
        try (InputStream in = EscapeCases.class.getResourceAsStream("/escape/probe.py")) {
            Files.write(probe, in.readAllBytes());
        }
    }

    @AfterEach
    void tearDown() {
        f.close();
    }

    Run bash(String script) {
        return bash(f.policy(), script);
    }

    Run bash(SandboxPolicy policy, String script) {
        return Run.of(under.backend(), policy, f.workspace, f.environment(), "/bin/bash", "-c", script);
    }

    Run bash(Map<String, String> extraEnv, String script) {
        Map<String, String> env = new HashMap<>(f.environment());
        env.putAll(extraEnv);
        return Run.of(under.backend(), f.policy(), f.workspace, env, "/bin/bash", "-c", script);
    }

    Run probe(String... args) {
        String[] argv = new String[args.length + 2];
        argv[0] = PYTHON;
        argv[1] = probe.toString();
        System.arraycopy(args, 0, argv, 2, args.length);
        return Run.of(under.backend(), f.policy(), f.workspace, f.environment(), argv);
    }

    /**
     * Asserts the outcome a user would see for {@code escapeCase}: contained, or — for a case this
     * backend cannot contain by design — that the escape really happens, so the documentation stays true.
     */
    void expect(int escapeCase, boolean contained, Object detail) {
        if (under.contains(escapeCase)) {
            assertThat(contained).as("case %d must be contained under %s: %s", escapeCase, under.backend().name(), detail)
                    .isTrue();
        } else {
            assertThat(contained).as("case %d is documented as not contained under %s (%s); if it now is,"
                    + " update docs/SANDBOX.md: %s", escapeCase, under.backend().name(),
                    under.notContained().get(escapeCase), detail).isFalse();
        }
    }

    static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
