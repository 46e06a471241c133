package dev.warden.policy.command;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A fixed set of lower-case ASCII fragments found in a word in one pass (an Aho–Corasick automaton):
 * the policy engine asks "does this word name a credential store?" for every word of every command, and
 * thirty {@code String.contains} calls on a lower-cased copy per word were its largest cost.
 *
 * <p>Letters are compared case-insensitively one character at a time ({@link Character#toLowerCase(char)}),
 * with no lower-cased copy of the word. That is never weaker than lower-casing the whole word first: the
 * only characters whole-string lower-casing treats differently (such as {@code İ}, which becomes two
 * characters) can only hide a marker there, not here.
 */
final class MarkerSet {
    private final String[] markers;
    /** Marker characters mapped to 1..n; every other character is 0 (it breaks every match). */
    private final byte[] symbol = new byte[128];
    private final int symbols;
    /** next[state * symbols + s]: the automaton's move, failure links already folded in. */
    private final int[] next;
    /** The lowest index of a marker that ends in each state (directly or through its failure chain), or -1. */
    private final int[] found;
    /** For sets of at most 64 markers: bit i set when marker i ends in the state (failure chain included). */
    private final long[] foundMask;

    MarkerSet(String... markers) {
        this.markers = markers.clone();
        int n = 1;
        for (String m : markers) {
            if (m.isEmpty()) {
                throw new IllegalArgumentException("empty marker");
            }
            for (char ch : m.toCharArray()) {
                if (ch >= 128 || Character.toLowerCase(ch) != ch) {
                    throw new IllegalArgumentException("markers are lower-case ASCII: " + m);
                }
                if (symbol[ch] == 0) {
                    symbol[ch] = (byte) n++;
                    // An ASCII upper-case letter is its lower-case one, found without a call per character.
                    symbol[Character.toUpperCase(ch)] = symbol[ch];
                }
            }
        }
        symbols = n;
        // The trie, then breadth-first failure links folded into a full transition table.
        List<int[]> children = new ArrayList<>();
        List<Integer> ends = new ArrayList<>();
        children.add(newRow());
        ends.add(-1);
        for (int i = 0; i < markers.length; i++) {
            int state = 0;
            for (char ch : markers[i].toCharArray()) {
                int s = symbol[ch];
                if (children.get(state)[s] == 0) {
                    children.get(state)[s] = children.size();
                    children.add(newRow());
                    ends.add(-1);
                }
                state = children.get(state)[s];
            }
            if (ends.get(state) < 0) {
                ends.set(state, i);
            }
        }
        int states = children.size();
        next = new int[states * symbols];
        found = new int[states];
        foundMask = new long[states];
        int[] fail = new int[states];
        for (int st = 0; st < states; st++) {
            found[st] = ends.get(st);
        }
        for (int i = 0; i < markers.length && markers.length <= 64; i++) {
            foundMask[stateOf(children, markers[i])] |= 1L << i;
        }
        ArrayDeque<Integer> queue = new ArrayDeque<>();
        for (int s = 1; s < symbols; s++) {
            int child = children.get(0)[s];
            next[s] = child;
            if (child != 0) {
                queue.add(child);
            }
        }
        while (!queue.isEmpty()) {
            int st = queue.poll();
            found[st] = lowest(found[st], found[fail[st]]);
            foundMask[st] |= foundMask[fail[st]];
            for (int s = 1; s < symbols; s++) {
                int child = children.get(st)[s];
                if (child != 0) {
                    fail[child] = next[fail[st] * symbols + s];
                    next[st * symbols + s] = child;
                    queue.add(child);
                } else {
                    next[st * symbols + s] = next[fail[st] * symbols + s];
                }
            }
        }
    }

    private int stateOf(List<int[]> children, String marker) {
        int state = 0;
        for (char ch : marker.toCharArray()) {
            state = children.get(state)[symbol[ch]];
        }
        return state;
    }

    private int[] newRow() {
        return new int[symbols];
    }

    /**
     * The symbol of a character, ignoring case. ASCII is looked up as it is (upper-case letters share their
     * lower-case letter's symbol); anything else is lower-cased first, since a few characters outside ASCII
     * lower-case into it (the Kelvin sign to {@code k}).
     */
    private int symbolOf(char ch) {
        if (ch >= 128) {
            ch = Character.toLowerCase(ch);
            if (ch >= 128) {
                return 0;
            }
        }
        return symbol[ch];
    }

    private static int lowest(int a, int b) {
        if (a < 0) {
            return b;
        }
        return b < 0 ? a : Math.min(a, b);
    }

    /** The first marker (in the order given) that occurs in {@code word}, ignoring case, or null. */
    String firstIn(String word) {
        int state = 0;
        int best = -1;
        for (int i = 0, len = word.length(); i < len; i++) {
            int s = symbolOf(word.charAt(i));
            state = s == 0 ? 0 : next[state * symbols + s];
            int hit = found[state];
            if (hit >= 0 && (best < 0 || hit < best)) {
                best = hit;
                if (best == 0) {
                    break;
                }
            }
        }
        return best < 0 ? null : markers[best];
    }

    /** Bit i set for every marker i (in the order given) that occurs in {@code word}, ignoring case. */
    long matches(String word) {
        if (markers.length > 64) {
            throw new IllegalStateException("matches() needs at most 64 markers, this set has " + markers.length);
        }
        int state = 0;
        long mask = 0;
        for (int i = 0, len = word.length(); i < len; i++) {
            int s = symbolOf(word.charAt(i));
            state = s == 0 ? 0 : next[state * symbols + s];
            mask |= foundMask[state];
        }
        return mask;
    }

    @Override
    public String toString() {
        return "MarkerSet" + Arrays.toString(markers);
    }
}
