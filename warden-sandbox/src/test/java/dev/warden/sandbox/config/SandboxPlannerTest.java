package dev.warden.sandbox.config;

import dev.warden.policy.config.ConfigLoader;
import dev.warden.policy.config.ConfigRequest;
import dev.warden.policy.config.LoadedConfig;
import dev.warden.sandbox.BwrapBackend;
import dev.warden.sandbox.HostCapabilities;
import dev.warden.sandbox.LandlockBackend;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/** Choosing a backend and failing closed, against described hosts (the real host is the integration tests' job). */
class SandboxPlannerTest {
    private static final HostCapabilities EVERYTHING = new HostCapabilities("/usr/bin/bwrap", true, null, 7, true,
            "bwrap", "bubblewrap can create user, mount, pid and network namespaces", List.of());
    private static final HostCapabilities NO_USERNS = new HostCapabilities("/usr/bin/bwrap", false,
            "bubblewrap cannot create the sandbox: setting up uid map: Permission denied", 6, true, "landlock",
            "bubblewrap cannot be used (...); Landlock ABI 6 and seccomp are available", List.of());
    private static final HostCapabilities NOTHING = new HostCapabilities(null, false,
            "bubblewrap is not on PATH (install 'bubblewrap')", 0, true, "none",
            "no sandbox can be built: bubblewrap is not on PATH (install 'bubblewrap'); Landlock is unavailable", List.of());

    @TempDir
    Path temp;
    Path home;
    Path system;
    Path project;

    @BeforeEach
    void setUp() throws IOException {
        home = Files.createDirectories(temp.resolve("warden-home"));
        system = Files.createDirectories(temp.resolve("etc-warden"));
        project = Files.createDirectories(temp.resolve("project"));
        Files.createDirectories(project.resolve(".git"));
        Files.writeString(home.resolve("config.toml"), "sandbox_mode = \"workspace-write\"\n");
    }

    private LoadedConfig load(String... overrides) throws Exception {
        return ConfigLoader.load(new ConfigRequest(home, system, project, Optional.empty(), List.of(overrides)),
                Map.of("HOME", temp.toString()));
    }

    @Test
    void autoTakesWhatTheProbePicked() throws Exception {
        var plan = SandboxPlanner.plan(load(), EVERYTHING);
        assertThat(plan).isInstanceOfSatisfying(SandboxPlan.Confined.class, c -> {
            assertThat(c.backend()).isInstanceOf(BwrapBackend.class);
            assertThat(c.why()).contains("namespaces");
        });
        assertThat(SandboxPlanner.plan(load(), NO_USERNS)).isInstanceOfSatisfying(SandboxPlan.Confined.class,
                c -> assertThat(c.backend()).isInstanceOf(LandlockBackend.class));
    }

    @Test
    void anExplicitBackendIsUsedEvenWhenAutoWouldPickAnother() throws Exception {
        assertThat(SandboxPlanner.plan(load("sandbox_backend=landlock"), EVERYTHING))
                .isInstanceOfSatisfying(SandboxPlan.Confined.class,
                        c -> assertThat(c.backend()).isInstanceOf(LandlockBackend.class));
    }

    @Test
    void aBackendTheHostCannotRunIsRefusedWithWhatIsMissing() throws Exception {
        assertThat(SandboxPlanner.plan(load("sandbox_backend=bwrap"), NO_USERNS))
                .isInstanceOfSatisfying(SandboxPlan.Refused.class, r -> assertThat(r.reason())
                        .contains("sandbox_backend \"bwrap\" (cli -c #1)")
                        .contains("setting up uid map: Permission denied")
                        .contains("warden doctor")
                        .contains("allow_degraded_sandbox = true"));
        assertThat(SandboxPlanner.plan(load(), NOTHING))
                .isInstanceOfSatisfying(SandboxPlan.Refused.class, r -> assertThat(r.reason())
                        .contains("bubblewrap is not on PATH").contains("Landlock is unavailable"));
        assertThat(SandboxPlanner.plan(load("sandbox_backend=landlock"), new HostCapabilities("/usr/bin/bwrap", true,
                null, 0, true, "bwrap", "ok", List.of())))
                .isInstanceOfSatisfying(SandboxPlan.Refused.class, r -> assertThat(r.reason())
                        .contains("Landlock is not available on this kernel"));
    }

    @Test
    void degradationAllowedByRequirementsRunsTheWeakerBackendAndSaysWhatIsNotEnforced() throws Exception {
        Path requirements = Files.writeString(system.resolve("requirements.toml"),
                "sandbox_backend = \"bwrap\"\nallow_degraded_sandbox = true\n");
        var plan = SandboxPlanner.plan(load(), () -> NO_USERNS, new LandlockBackend().withAbiCeiling(6));
        assertThat(plan).isInstanceOfSatisfying(SandboxPlan.Degraded.class, d -> {
            assertThat(d.backend()).isInstanceOf(LandlockBackend.class);
            assertThat(d.warning()).startsWith("DEGRADED SANDBOX: sandbox_backend \"bwrap\" (requirements " + requirements)
                    .contains("Permission denied")
                    .contains("running under landlock instead")
                    .contains("allowed by allow_degraded_sandbox in requirements " + requirements + ":2")
                    .contains("host processes are visible");
        });
    }

    @Test
    void withNothingAtAllDegradationMeansNoSandboxAndSaysSoLoudly() throws Exception {
        Files.writeString(system.resolve("requirements.toml"), "allow_degraded_sandbox = true\n");
        assertThat(SandboxPlanner.plan(load(), NOTHING)).isInstanceOfSatisfying(SandboxPlan.Unconfined.class, u -> {
            assertThat(u.degraded()).isTrue();
            assertThat(u.notice()).startsWith("NO SANDBOX").contains("unconfined");
        });
    }

    @Test
    void dangerFullAccessIsUnconfinedByChoiceWhateverTheHost() throws Exception {
        var plan = SandboxPlanner.plan(load("sandbox_mode=danger-full-access"), NOTHING);
        assertThat(plan).isInstanceOfSatisfying(SandboxPlan.Unconfined.class, u -> {
            assertThat(u.degraded()).isFalse();
            assertThat(u.notice()).isEqualTo("sandbox_mode is danger-full-access (cli -c #1): running without a sandbox");
        });
    }
}
