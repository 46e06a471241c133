package dev.warden.policy.fs;

import java.nio.file.Path;
import java.util.Objects;

/**
 * A pattern of paths no process may read or write, anchored at {@code base}: {@code **} matches any
 * number of path segments (including none), {@code *} any run of characters inside one segment and
 * {@code ?} one character. A trailing {@code /**} also matches the directory itself, so
 * {@code **}{@code /.secrets/**} hides the {@code .secrets} directory and not only its content. Hidden
 * files are matched like any other ({@code *.env} matches {@code .env}): for a deny rule, matching too
 * much is the safe mistake.
 *
 * <p>Matching walks the pattern and the path as strings, without regular expressions or allocation
 * beyond {@link Path#toString()}, because the policy engine asks for every file access.
 */
public record DenyGlob(Path base, String glob) {

    public DenyGlob {
        Objects.requireNonNull(base, "base");
        Objects.requireNonNull(glob, "glob");
        if (!base.isAbsolute()) {
            throw new IllegalArgumentException("deny glob base must be absolute: " + base);
        }
        base = base.normalize();
        if (glob.isEmpty() || glob.startsWith("/")) {
            throw new IllegalArgumentException("deny glob must be a non-empty relative pattern: " + glob);
        }
        if (hasUnsupportedSyntax(glob)) {
            throw new IllegalArgumentException("deny glob uses unsupported syntax ([...] classes, . or .. segments): " + glob);
        }
    }

    /** True if {@code text} contains glob syntax ({@code * ? [ ]}). */
    public static boolean isGlob(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '*' || c == '?' || c == '[' || c == ']') {
                return true;
            }
        }
        return false;
    }

    /**
     * Splits an absolute pattern such as {@code /home/*}{@code /.ssh/**} into its literal base
     * ({@code /home}) and the glob below it ({@code *}{@code /.ssh/**}).
     */
    public static DenyGlob ofAbsolute(String pattern) {
        if (!pattern.startsWith("/")) {
            throw new IllegalArgumentException("pattern must be absolute: " + pattern);
        }
        return under(Path.of("/"), pattern.substring(1));
    }

    /** A pattern relative to {@code base}; leading literal segments are folded into the base. */
    public static DenyGlob under(Path base, String relativePattern) {
        Path anchor = base;
        String rest = relativePattern;
        while (true) {
            int slash = rest.indexOf('/');
            String segment = slash < 0 ? rest : rest.substring(0, slash);
            if (slash < 0 || isGlob(segment) || segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
                break;
            }
            anchor = anchor.resolve(segment);
            rest = rest.substring(slash + 1);
        }
        return new DenyGlob(anchor, rest);
    }

    /** True if the absolute, normalised {@code path} lies under {@code base} and matches the glob. */
    public boolean matches(Path path) {
        if (!path.startsWith(base)) {
            return false;
        }
        String full = path.toString();
        int baseLength = base.toString().length();
        int start = baseLength == 1 ? 1 : baseLength + 1; // skip the separator after base ("/" has none)
        if (start > full.length()) {
            start = full.length();
        }
        // Cheap rejection first: most globs end in a literal ("*.env"), and most paths do not end with it.
        int tail = glob.length();
        while (tail > 0 && "*?/".indexOf(glob.charAt(tail - 1)) < 0) {
            tail--;
        }
        int tailLength = glob.length() - tail;
        if (tailLength > 0 && (full.length() - start < tailLength
                || !full.regionMatches(full.length() - tailLength, glob, tail, tailLength))) {
            return false;
        }
        return match(glob, 0, full, start);
    }

    private static boolean match(String p, int pi, String s, int si) {
        while (pi < p.length()) {
            char c = p.charAt(pi);
            if (c == '*' && pi + 1 < p.length() && p.charAt(pi + 1) == '*' && (pi == 0 || p.charAt(pi - 1) == '/')) {
                int after = pi + 2;
                if (after == p.length()) {
                    return true; // trailing ** swallows everything below, and the directory itself
                }
                if (p.charAt(after) == '/') {
                    // "**/" matches zero or more whole segments: try the rest at every segment start.
                    for (int k = si; k <= s.length(); k++) {
                        if ((k == si || s.charAt(k - 1) == '/') && match(p, after + 1, s, k)) {
                            return true;
                        }
                    }
                    return false;
                }
                c = '*'; // "**x" inside a segment behaves like "*"
                pi++;
            }
            if (c == '*') {
                for (int k = si; k <= s.length(); k++) {
                    if (match(p, pi + 1, s, k)) {
                        return true;
                    }
                    if (k < s.length() && s.charAt(k) == '/') {
                        return false;
                    }
                }
                return false;
            }
            if (c == '/' && si == s.length() && p.regionMatches(pi, "/**", 0, 3) && pi + 3 == p.length()) {
                return true; // "dir/**" also denies "dir" itself
            }
            if (si >= s.length()) {
                return false;
            }
            char sc = s.charAt(si);
            if (c == '?' ? sc == '/' : c != sc) {
                return false;
            }
            pi++;
            si++;
        }
        return si == s.length();
    }

    private static boolean hasUnsupportedSyntax(String glob) {
        if (glob.indexOf('[') >= 0 || glob.indexOf(']') >= 0) {
            return true;
        }
        for (String segment : glob.split("/", -1)) {
            if (segment.equals(".") || segment.equals("..")) {
                return true;
            }
        }
        return false;
    }

    @Override
    public String toString() {
        return base.toString().equals("/") ? "/" + glob : base + "/" + glob;
    }
}
