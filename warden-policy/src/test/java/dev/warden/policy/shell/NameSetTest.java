package dev.warden.policy.shell;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class NameSetTest {

    @Test
    void answersLikeAHashSetForEntriesAndStrangers() {
        Random random = new Random(11);
        for (int round = 0; round < 200; round++) {
            List<String> names = new ArrayList<>();
            for (int i = random.nextInt(40); i > 0; i--) {
                names.add(randomName(random));
            }
            Set<String> expected = new HashSet<>(names);
            NameSet set = NameSet.of(List.copyOf(expected));
            assertThat(set.size()).isEqualTo(expected.size());
            assertThat(set.stream().toList()).containsExactlyInAnyOrderElementsOf(expected);
            for (int probe = 0; probe < 200; probe++) {
                String name = probe < names.size() ? names.get(probe) : randomName(random);
                assertThat(set.contains(name)).as(name).isEqualTo(expected.contains(name));
            }
        }
    }

    @Test
    void namesWithTheSameHashAreToldApart() {
        // "Aa" and "BB" have the same String.hashCode, and so do all their concatenations.
        assertThat("Aa".hashCode()).isEqualTo("BB".hashCode());
        NameSet set = NameSet.of("AaAa", "BBBB", "AaBB");
        assertThat(set.contains("AaAa")).isTrue();
        assertThat(set.contains("BBBB")).isTrue();
        assertThat(set.contains("AaBB")).isTrue();
        assertThat(set.contains("BBAa")).isFalse();
        assertThat(set.size()).isEqualTo(3);
    }

    @Test
    void anEmptySetHoldsNothingAndNullsAndDuplicatesAreRefused() {
        assertThat(NameSet.of().contains("ls")).isFalse();
        assertThat(NameSet.of().contains("")).isFalse();
        assertThatThrownBy(() -> NameSet.of("ls", null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> NameSet.of("ls", "cat", "ls")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("duplicate name: ls");
    }

    private static String randomName(Random random) {
        String alphabet = "abAB-._/";
        StringBuilder name = new StringBuilder();
        for (int i = random.nextInt(6); i > 0; i--) {
            name.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return name.toString();
    }
}
