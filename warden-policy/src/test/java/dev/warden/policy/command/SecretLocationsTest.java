package dev.warden.policy.command;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SecretLocationsTest {

    @Test
    void namesStoresTracesAndSecretVariables() {
        assertThat(SecretLocations.store("~/.ssh/id_ed25519")).isEqualTo(".ssh/id_");
        assertThat(SecretLocations.store("~/.ssh/id_ed25519.pub")).isNull();
        assertThat(SecretLocations.isSecret("~/.ssh/id_ed25519.pub")).as("the SSH directory is still a trace").isTrue();
        assertThat(SecretLocations.store("config/.env.local")).isEqualTo(".env");
        assertThat(SecretLocations.store("./.ENV")).isEqualTo(".env");
        assertThat(SecretLocations.store("src/env.ts")).isNull();
        assertThat(SecretLocations.store("x.envelope")).isNull();
        assertThat(SecretLocations.isSecret("x.envelope")).isFalse();
        assertThat(SecretLocations.isSecret("$GITHUB_TOKEN")).isTrue();
        assertThat(SecretLocations.isSecret("GITHUB_TOKEN")).as("a name, not an expansion").isFalse();
        assertThat(SecretLocations.isSecret("~/.bash_history")).isTrue();
        assertThat(SecretLocations.isSecret("README.md")).isFalse();
    }

    /** isSecret is the one-pass form of store, trace and secretVariable: the two must never disagree. */
    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8})
    void onePassAgreesWithTheThreeQuestions(long seed) {
        Random random = new Random(seed);
        List<String> pieces = List.of(".ssh/", "id_rsa", ".pub", ".env", ".envrc", "/", "=", ":", "$", "token", "ab",
                "_history", ".aws", "KeyRing", "x", ".", "ENV", "password", "PUB", "cookies.sqlite");
        for (int n = 0; n < 5_000; n++) {
            StringBuilder word = new StringBuilder();
            for (int i = random.nextInt(6); i >= 0; i--) {
                word.append(pieces.get(random.nextInt(pieces.size())));
            }
            String w = word.toString();
            boolean slow = SecretLocations.store(w) != null || SecretLocations.trace(w) != null
                    || SecretLocations.secretVariable(w) != null;
            assertThat(SecretLocations.isSecret(w)).as(w).isEqualTo(slow);
        }
    }
}
