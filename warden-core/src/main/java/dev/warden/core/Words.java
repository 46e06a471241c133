package dev.warden.core;

import java.util.AbstractList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.RandomAccess;

/**
 * The words of a command: an immutable list of strings over an array, whose sublists are views of the same array.
 *
 * <p>Every word list the policy engine's command checks read is one of these (the splitter's commands, the raw
 * scan's, what the wrapper check unwraps, a verdict's segments), so the calls they make on it ({@code get},
 * {@code size}, {@code getFirst}, {@code subList}) always reach the same class and compile to array reads; with the
 * JDK's several list classes mixed (a copy of two words is one class, of three another, a sublist a third), those
 * calls could not be inlined (docs/BENCHMARKS.md section 1). Equal to any {@link List} with the same words in the
 * same order; immutable, so safe to share between threads.
 */
public final class Words extends AbstractList<String> implements RandomAccess {
    private static final String[] NONE = new String[0];
    private static final Words EMPTY = new Words(NONE, 0, 0);

    private final String[] words;
    private final int from;
    private final int size;

    private Words(String[] words, int from, int size) {
        this.words = words;
        this.from = from;
        this.size = size;
    }

    /** {@code list} itself when it already is one, else a copy; null words are refused. */
    public static Words of(List<String> list) {
        if (list instanceof Words w) {
            return w;
        }
        String[] copy = list.toArray(NONE);
        for (String word : copy) {
            Objects.requireNonNull(word, "word");
        }
        return copy.length == 0 ? EMPTY : new Words(copy, 0, copy.length);
    }

    /** A copy of {@code words}; null words are refused. */
    public static Words of(String... words) {
        String[] copy = words.clone();
        for (String word : copy) {
            Objects.requireNonNull(word, "word");
        }
        return copy.length == 0 ? EMPTY : new Words(copy, 0, copy.length);
    }

    public static Words empty() {
        return EMPTY;
    }

    @Override
    public String get(int index) {
        return words[from + Objects.checkIndex(index, size)];
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public boolean isEmpty() {
        return size == 0;
    }

    @Override
    public String getFirst() {
        if (size == 0) {
            throw new NoSuchElementException();
        }
        return words[from];
    }

    @Override
    public String getLast() {
        if (size == 0) {
            throw new NoSuchElementException();
        }
        return words[from + size - 1];
    }

    /** A view of the same words, itself a {@code Words}. */
    @Override
    public Words subList(int fromIndex, int toIndex) {
        Objects.checkFromToIndex(fromIndex, toIndex, size);
        return fromIndex == 0 && toIndex == size ? this : new Words(words, from + fromIndex, toIndex - fromIndex);
    }

    @Override
    public Iterator<String> iterator() {
        return new Iterator<>() {
            private int next = from;
            private final int end = from + size;

            @Override
            public boolean hasNext() {
                return next < end;
            }

            @Override
            public String next() {
                if (next >= end) {
                    throw new NoSuchElementException();
                }
                return words[next++];
            }
        };
    }

    @Override
    public boolean equals(Object o) {
        if (o == this) {
            return true;
        }
        if (o instanceof Words other) {
            if (other.size != size) {
                return false;
            }
            for (int i = 0; i < size; i++) {
                if (!words[from + i].equals(other.words[other.from + i])) {
                    return false;
                }
            }
            return true;
        }
        return super.equals(o);
    }

    @Override
    public int hashCode() {
        int hash = 1;
        for (int i = 0; i < size; i++) {
            hash = 31 * hash + words[from + i].hashCode();
        }
        return hash;
    }
}
