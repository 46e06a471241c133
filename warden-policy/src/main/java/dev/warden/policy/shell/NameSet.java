package dev.warden.policy.shell;

import java.util.Arrays;
import java.util.Collection;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * A fixed set of names (programs, options, reserved words) that the command checks ask about on every segment.
 *
 * <p>Most of those questions are answered no. {@code Set.of} compares the asked name with every entry its probe
 * passes; this table keeps each entry's hash beside it and is at most a quarter full, so a name that is not there
 * usually meets an empty slot or a different hash at once and no string is compared.
 */
public final class NameSet {
    private final String[] names;
    private final int[] hashes;
    private final int mask;
    private final int size;

    private NameSet(Collection<String> entries) {
        int capacity = Integer.highestOneBit(Math.max(4, entries.size() * 4) - 1) << 1;
        names = new String[capacity];
        hashes = new int[capacity];
        mask = capacity - 1;
        int count = 0;
        for (String name : entries) {
            Objects.requireNonNull(name, "name");
            int h = name.hashCode();
            int i = spread(h) & mask;
            while (names[i] != null && !names[i].equals(name)) {
                i = (i + 1) & mask;
            }
            if (names[i] != null) {
                // As Set.of: a name listed twice is a mistake in the table, caught when the class loads.
                throw new IllegalArgumentException("duplicate name: " + name);
            }
            names[i] = name;
            hashes[i] = h;
            count++;
        }
        size = count;
    }

    public static NameSet of(String... names) {
        return new NameSet(Arrays.asList(names));
    }

    public static NameSet of(Collection<String> names) {
        return new NameSet(names);
    }

    public boolean contains(String name) {
        int h = name.hashCode();
        for (int i = spread(h) & mask; ; i = (i + 1) & mask) {
            String entry = names[i];
            if (entry == null) {
                return false;
            }
            if (hashes[i] == h && entry.equals(name)) {
                return true;
            }
        }
    }

    public int size() {
        return size;
    }

    /** The names, in no particular order. */
    public Stream<String> stream() {
        return Arrays.stream(names).filter(Objects::nonNull);
    }

    private static int spread(int h) {
        return h ^ (h >>> 16);
    }

    @Override
    public String toString() {
        return stream().sorted().toList().toString();
    }
}
