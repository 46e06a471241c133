package dev.warden.policy.rules;

import java.util.List;
import java.util.Objects;

/** One position of a prefix rule's pattern: a fixed word, or a choice between several words. Matching is exact. */
public sealed interface PatternToken {

    boolean matches(String word);

    /** Every word this token accepts, in the order written. */
    List<String> words();

    record Single(String word) implements PatternToken {
        public Single {
            Objects.requireNonNull(word, "word");
        }

        @Override
        public boolean matches(String candidate) {
            return word.equals(candidate);
        }

        @Override
        public List<String> words() {
            return List.of(word);
        }
    }

    record Alternatives(List<String> words) implements PatternToken {
        public Alternatives {
            words = List.copyOf(words);
            if (words.isEmpty()) {
                throw new IllegalArgumentException("alternatives need at least one word");
            }
        }

        @Override
        public boolean matches(String candidate) {
            // A handful of words at most: a linear scan beats hashing here.
            for (String word : words) {
                if (word.equals(candidate)) {
                    return true;
                }
            }
            return false;
        }
    }
}
