package dev.warden.policy.command;

import java.util.ArrayList;
import java.util.List;

/**
 * bash's brace expansion of one word, so that {@code rm -rf {/usr,/etc}} is judged as deleting /usr and /etc:
 * {@code pre{a,b}post}, nested lists, and sequences {@code {1..3}}, {@code {a..c}}, {@code {1..9..2}}.
 * {@code ${...}} is a parameter expansion, not a list. Words reach the checks with their quotes removed, so a quoted
 * brace is expanded too; that only means more targets are judged.
 */
final class BraceExpansion {
    private BraceExpansion() {
    }

    /** The words {@code word} expands to, in bash's order; null when there would be more than {@code limit}. */
    static List<String> expand(String word, int limit) {
        List<String> out = new ArrayList<>();
        try {
            return expandInto(word, out, limit) ? out : null;
        } catch (TooMany e) {
            return null;
        }
    }

    /** A sequence longer than the limit, or with ends too large to count. */
    private static final class TooMany extends RuntimeException {
        TooMany() {
            super(null, null, false, false);
        }
    }

    private static boolean expandInto(String word, List<String> out, int limit) {
        int open = -1;
        int close = -1;
        List<String> items = null;
        for (int i = 0; i < word.length() && items == null; i++) {
            if (word.charAt(i) != '{') {
                continue;
            }
            int end = matching(word, i);
            if (end < 0) {
                return add(out, word, limit);
            }
            if (i > 0 && word.charAt(i - 1) == '$') {
                i = end; // ${...}
                continue;
            }
            items = items(word.substring(i + 1, end), limit);
            open = i;
            close = end;
        }
        if (items == null) {
            return add(out, word, limit);
        }
        String prefix = word.substring(0, open);
        String suffix = word.substring(close + 1);
        for (String item : items) {
            if (!expandInto(prefix + item + suffix, out, limit)) {
                return false;
            }
        }
        return true;
    }

    private static boolean add(List<String> out, String word, int limit) {
        if (out.size() >= limit) {
            return false;
        }
        out.add(word);
        return true;
    }

    /** The index of the '}' closing the '{' at {@code open}, or -1. */
    private static int matching(String word, int open) {
        int depth = 0;
        for (int i = open; i < word.length(); i++) {
            char c = word.charAt(i);
            if (c == '{') {
                depth++;
            } else if (c == '}' && --depth == 0) {
                return i;
            }
        }
        return -1;
    }

    /** The alternatives of a brace body: comma-separated at its top level, or a sequence; null when it is neither. */
    private static List<String> items(String body, int limit) {
        List<String> parts = new ArrayList<>();
        int depth = 0;
        int start = 0;
        for (int i = 0; i < body.length(); i++) {
            char c = body.charAt(i);
            if (c == '{') {
                depth++;
            } else if (c == '}') {
                depth--;
            } else if (c == ',' && depth == 0) {
                parts.add(body.substring(start, i));
                start = i + 1;
            }
        }
        if (!parts.isEmpty()) {
            parts.add(body.substring(start));
            return parts;
        }
        return sequence(body, limit);
    }

    private static List<String> sequence(String body, int limit) {
        if (!body.contains("..")) {
            return null;
        }
        String[] ends = body.split("\\.\\.", -1);
        if (ends.length < 2 || ends.length > 3) {
            return null;
        }
        long step = 1;
        if (ends.length == 3) {
            if (!ends[2].matches("-?\\d{1,18}")) {
                return null;
            }
            step = Math.abs(Long.parseLong(ends[2]));
            step = Math.max(step, 1);
        }
        List<String> items = new ArrayList<>();
        if (ends[0].matches("-?\\d+") && ends[1].matches("-?\\d+")) {
            if (ends[0].length() > 18 || ends[1].length() > 18) {
                throw new TooMany();
            }
            long from = Long.parseLong(ends[0]);
            long to = Long.parseLong(ends[1]);
            for (long v = from; from <= to ? v <= to : v >= to; v += from <= to ? step : -step) {
                if (items.size() >= limit) {
                    throw new TooMany();
                }
                items.add(Long.toString(v));
            }
            return items;
        }
        if (ends[0].length() == 1 && ends[1].length() == 1 && Character.isLetter(ends[0].charAt(0))
                && Character.isLetter(ends[1].charAt(0))) {
            char from = ends[0].charAt(0);
            char to = ends[1].charAt(0);
            for (int v = from; from <= to ? v <= to : v >= to; v += from <= to ? (int) step : (int) -step) {
                items.add(String.valueOf((char) v));
            }
            return items;
        }
        return null;
    }
}
