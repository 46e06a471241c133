package dev.warden.policy.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Locale;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

class MarkerSetTest {
    private static final String[] MARKERS = {".ssh/id_", "id_rsa", "id_", ".aws", "ssh", "s", "keyring", "ring", ".env"};
    private static final MarkerSet SET = new MarkerSet(MARKERS);

    /** What the automaton replaces: the first marker, in order, contained in the lower-cased word. */
    private static String naive(String word) {
        String w = word.toLowerCase(Locale.ROOT);
        for (String m : MARKERS) {
            if (w.contains(m)) {
                return m;
            }
        }
        return null;
    }

    static IntStream seeds() {
        return IntStream.range(0, 40);
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void agreesWithContainsOnRandomWords(int seed) {
        Random random = new Random(seed);
        String alphabet = ".sShHiIdD_rRaAwWkKeEyYnNgG/vx-İ";
        for (int n = 0; n < 2_000; n++) {
            StringBuilder word = new StringBuilder();
            int length = random.nextInt(24);
            for (int i = 0; i < length; i++) {
                if (random.nextInt(6) == 0) {
                    // Splice a marker in, so matches are common, sometimes in upper case.
                    String m = MARKERS[random.nextInt(MARKERS.length)];
                    word.append(random.nextBoolean() ? m : m.toUpperCase(Locale.ROOT));
                } else {
                    word.append(alphabet.charAt(random.nextInt(alphabet.length())));
                }
            }
            String w = word.toString();
            if (w.indexOf('İ') >= 0) {
                continue; // whole-string lower-casing differs there; see the next test
            }
            assertThat(SET.firstIn(w)).as(w).isEqualTo(naive(w));
            long expected = 0;
            for (int m = 0; m < MARKERS.length; m++) {
                if (w.toLowerCase(Locale.ROOT).contains(MARKERS[m])) {
                    expected |= 1L << m;
                }
            }
            assertThat(SET.matches(w)).as(w).isEqualTo(expected);
        }
    }

    @Test
    void findsMarkersThatOverlapOrHideBehindOthers() {
        assertThat(SET.firstIn("/home/u/.SSH/ID_RSA")).isEqualTo(".ssh/id_");
        assertThat(SET.firstIn("keyrin")).isNull();
        assertThat(SET.firstIn("xx.ssx/id_rsa")).isEqualTo("id_rsa");
        assertThat(SET.firstIn("")).isNull();
        assertThat(new MarkerSet("abc", "bcd").firstIn("abcd")).isEqualTo("abc");
        assertThat(new MarkerSet("bcd", "abc").firstIn("abcd")).isEqualTo("bcd");
        assertThat(new MarkerSet("bcd", "c").firstIn("xbcd")).isEqualTo("bcd");
    }

    @Test
    void aDottedCapitalIDoesNotHideAMarker() {
        // "İD_RSA".toLowerCase() is "i̇d_rsa" (i + combining dot), which would not contain "id_rsa".
        assertThat(SET.firstIn("İD_RSA")).isEqualTo("id_rsa");
    }

    @Test
    void aKelvinSignIsAK() {
        // Character.toLowerCase('\u212A') is 'k': the ASCII fast path must not skip non-ASCII letters.
        MarkerSet keyring = new MarkerSet("keyring");
        assertThat(keyring.firstIn("~/.local/share/\u212Aeyrings")).isEqualTo("keyring");
        assertThat(keyring.matches("\u212AEYRING")).isEqualTo(1L);
    }

    @Test
    void refusesMarkersItCouldNotMatch() {
        assertThatThrownBy(() -> new MarkerSet("Id_rsa")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new MarkerSet("")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new MarkerSet("é")).isInstanceOf(IllegalArgumentException.class);
    }
}
