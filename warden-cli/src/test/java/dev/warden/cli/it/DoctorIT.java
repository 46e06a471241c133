package dev.warden.cli.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.cli.it.Machine.Result;
import dev.warden.core.json.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code warden doctor} and what {@code config explain} says about the sandbox. */
class DoctorIT {

    @Test
    @SuppressWarnings("unchecked")
    void jsonNamesWhatThisHostCanEnforceAndTheBackendInUse() {
        Machine m = Machine.create("doctor-json");
        Result r = m.run("doctor", "--json");
        Map<String, Object> doctor = (Map<String, Object>) Json.parse(r.out());
        Map<String, Object> host = (Map<String, Object>) doctor.get("host");
        Map<String, Object> result = (Map<String, Object>) doctor.get("result");
        assertThat(host.get("auto_backend")).isIn("bwrap", "landlock", "none");
        assertThat(((Map<String, Object>) doctor.get("backends")).keySet()).containsExactly("bwrap", "landlock");
        Object masks = ((Map<String, Object>) ((Map<String, Object>) doctor.get("backends")).get("bwrap")).get("masks");
        if (Boolean.TRUE.equals(((Map<String, Object>) host.get("bwrap")).get("works"))) {
            // Debian's bubblewrap (0.8 on the CI host) takes --perms and --size.
            assertThat(masks).as(r.toString()).isIn("sized-tmpfs", "read-only-tmpfs");
        } else {
            assertThat(masks).isNull();
        }
        if (host.get("auto_backend").equals("none")) {
            assertThat(r.exit()).isEqualTo(1);
            assertThat(result.get("status")).isEqualTo("refused");
        } else {
            assertThat(r.exit()).as(r.toString()).isZero();
            assertThat(result.get("status")).isEqualTo("enforced");
            assertThat(result.get("backend")).isEqualTo(host.get("auto_backend"));
            assertThat(doctor.get("enforceable")).isEqualTo(true);
        }
    }

    @Test
    void aConfigurationTheHostCannotEnforceExitsOneAndSaysWhatIsMissing() throws Exception {
        Machine m = Machine.create("doctor-refused");
        Path emptyPath = Files.createDirectories(m.base.resolve("empty-path"));
        Result r = m.runWith(Map.of("PATH", emptyPath.toString()), "-c", "sandbox_backend=bwrap", "doctor");
        assertThat(r.exit()).as(r.toString()).isEqualTo(1);
        assertThat(r.out()).contains("bubblewrap is not on PATH").containsPattern("result +refused: ");
    }

    @Test
    void configExplainShowsTheBackendAndTheVariablesCommandsWillNotSee() {
        Machine m = Machine.create("explain-env");
        Result r = m.runWith(Map.of("GITHUB_TOKEN", "x", "MY_API_KEY", "y"), "config", "explain");
        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(r.out()).containsPattern("sandbox_backend +auto +default")
                .containsPattern("commands will not see \\d+ host variables?: .*GITHUB_TOKEN")
                .contains("MY_API_KEY");
    }
}
