package dev.warden.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Random;
import org.junit.jupiter.api.Test;

class WordsTest {

    @Test
    void equalToAndHashedLikeAnyListOfTheSameWords() {
        Random random = new Random(7);
        for (int round = 0; round < 500; round++) {
            List<String> list = new ArrayList<>();
            for (int i = random.nextInt(6); i > 0; i--) {
                list.add(Integer.toString(random.nextInt(4), 36));
            }
            Words words = Words.of(list);
            assertThat(words).isEqualTo(list).hasSameHashCodeAs(list);
            assertThat(list).isEqualTo(words);
            assertThat(words).isEqualTo(Words.of(list.toArray(String[]::new)));
            int from = list.isEmpty() ? 0 : random.nextInt(list.size());
            int to = from + random.nextInt(list.size() - from + 1);
            Words view = words.subList(from, to);
            assertThat(view).isEqualTo(list.subList(from, to)).hasSameHashCodeAs(list.subList(from, to));
            assertThat(List.copyOf(view)).isEqualTo(view);
            assertThat(view.iterator()).toIterable().containsExactlyElementsOf(list.subList(from, to));
        }
    }

    @Test
    void aSublistOfASublistReadsTheRightWords() {
        Words words = Words.of("sudo", "-u", "root", "rm", "-rf", "/");
        Words inner = words.subList(3, 6);
        assertThat(inner.getFirst()).isEqualTo("rm");
        assertThat(inner.getLast()).isEqualTo("/");
        assertThat(inner.subList(1, 3)).containsExactly("-rf", "/");
        assertThat(inner.subList(0, 3)).isSameAs(inner);
        assertThatThrownBy(() -> inner.get(3)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> inner.get(-1)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> inner.subList(2, 4)).isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    void isImmutableAndOwnsItsWords() {
        String[] array = {"ls", "-l"};
        Words words = Words.of(array);
        array[0] = "rm";
        List<String> list = new ArrayList<>(List.of("cat", "x"));
        Words copy = Words.of(list);
        list.set(0, "rm");
        assertThat(words).containsExactly("ls", "-l");
        assertThat(copy).containsExactly("cat", "x");
        assertThatThrownBy(() -> words.add("x")).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> words.set(0, "x")).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> words.remove(0)).isInstanceOf(UnsupportedOperationException.class);
        assertThat(Words.of(words)).isSameAs(words);
    }

    @Test
    void refusesNullWordsAndReadsNothingFromNoWords() {
        List<String> withNull = new ArrayList<>();
        withNull.add(null);
        assertThatThrownBy(() -> Words.of(withNull)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> Words.of("a", null)).isInstanceOf(NullPointerException.class);
        assertThat(Words.of(List.of())).isSameAs(Words.empty());
        assertThat(Words.empty()).isEmpty();
        assertThatThrownBy(() -> Words.empty().getFirst()).isInstanceOf(NoSuchElementException.class);
        assertThatThrownBy(() -> Words.empty().getLast()).isInstanceOf(NoSuchElementException.class);
    }
}
