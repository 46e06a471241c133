package dev.warden.sandbox.fs;

import java.nio.file.Path;
import java.util.List;

/**
 * A compiled deny glob over relative paths: {@code **} matches any number of segments (including
 * none), {@code *} any run of characters within a segment, {@code ?} one character. No character
 * classes or braces: a glob that could mean two things is a policy bug waiting to happen.
 */
public final class GlobMatcher {
    private final String[] segments;

    private GlobMatcher(String[] segments) {
        this.segments = segments;
    }

    public static GlobMatcher compile(String glob) {
        if (glob.isEmpty() || glob.startsWith("/")) {
            throw new IllegalArgumentException("glob must be relative and non-empty: '" + glob + "'");
        }
        for (char c : new char[] {'[', ']', '{', '}', '\\'}) {
            if (glob.indexOf(c) >= 0) {
                throw new IllegalArgumentException("glob '" + glob + "' uses '" + c + "'; only *, ** and ? are supported");
            }
        }
        return new GlobMatcher(glob.split("/+"));
    }

    /** Whether {@code relative} (segments separated by the platform separator) matches. */
    public boolean matches(Path relative) {
        int n = relative.getNameCount();
        String[] names = new String[n];
        for (int i = 0; i < n; i++) {
            names[i] = relative.getName(i).toString();
        }
        return matches(names, 0, 0);
    }

    public boolean matches(List<String> names) {
        return matches(names.toArray(String[]::new), 0, 0);
    }

    private boolean matches(String[] names, int g, int p) {
        while (g < segments.length) {
            if (segments[g].equals("**")) {
                for (int skip = p; skip <= names.length; skip++) {
                    if (matches(names, g + 1, skip)) {
                        return true;
                    }
                }
                return false;
            }
            if (p >= names.length || !segment(segments[g], 0, names[p], 0)) {
                return false;
            }
            g++;
            p++;
        }
        return p == names.length;
    }

    private static boolean segment(String glob, int gi, String name, int ni) {
        while (gi < glob.length()) {
            char c = glob.charAt(gi);
            if (c == '*') {
                for (int k = ni; k <= name.length(); k++) {
                    if (segment(glob, gi + 1, name, k)) {
                        return true;
                    }
                }
                return false;
            }
            if (ni >= name.length() || (c != '?' && c != name.charAt(ni))) {
                return false;
            }
            gi++;
            ni++;
        }
        return ni == name.length();
    }
}
