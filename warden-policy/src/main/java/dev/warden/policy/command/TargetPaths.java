package dev.warden.policy.command;

import dev.warden.policy.shell.NameSet;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;

/**
 * Judges a path word from a command as a target of destruction: harmless when strictly inside a workspace root,
 * dangerous when it is a workspace root, a parent of one, the home directory, anything outside, or a path only
 * known when the command runs. Pure string and {@link Path} arithmetic: no file system access, so symbolic links
 * are not followed (the sandbox, not this heuristic, is the boundary).
 */
public final class TargetPaths {
    private TargetPaths() {
    }

    /** Top-level directories whose loss breaks the machine; judged critical even without a context. */
    private static final NameSet SYSTEM_DIRS = NameSet.of(
            "/bin", "/boot", "/dev", "/etc", "/home", "/lib", "/lib32", "/lib64", "/libx32", "/opt", "/proc", "/root",
            "/sbin", "/srv", "/sys", "/usr", "/var", "/Users", "/System", "/Library", "/Applications");

    /** Stands for the home directory when no context says where it is; no real path has this name. */
    private static final Path UNKNOWN_HOME = Path.of("/home/~");

    /** Device files whose writing is harmless: sinks, sources, terminals, descriptors, shared memory. */
    private static final NameSet HARMLESS_DEVICES = NameSet.of(
            "/dev/null", "/dev/zero", "/dev/full", "/dev/random", "/dev/urandom", "/dev/tty", "/dev/stdout",
            "/dev/stderr", "/dev/stdin", "/dev/console", "/dev/ptmx");

    /**
     * Why destroying {@code word} is dangerous, as a phrase to follow a verb ("outside the workspace: /etc",
     * "of the workspace root: /w"), or null when it is harmless.
     *
     * @param context    where the command runs, or null when unknown (raw scripts): then only blatant targets count
     * @param childrenOnly the command touches what is below {@code word} rather than {@code word} itself
     *                     ({@code find /w -name x -delete}), so {@code word} being a workspace root is harmless
     */
    static String judge(String word, DangerContext context, boolean childrenOnly) {
        String phrase = judgeTarget(word, context, childrenOnly);
        // Acting on what is below a directory reads "under /home", not "of /home".
        return childrenOnly && phrase != null && phrase.startsWith("of ") && !phrase.startsWith("of a path known")
                ? "under " + phrase.substring(3) : phrase;
    }

    /** As {@link #judge}, always worded "of ...": for verbs that change a directory and everything below it. */
    public static String judgeTarget(String word, DangerContext context, boolean childrenOnly) {
        if (word.indexOf('{') < 0 || (word.indexOf(',') < 0 && !word.contains(".."))) {
            return judgeOne(word, context, childrenOnly); // no list and no sequence: find's {} and the like
        }
        // rm -rf {/usr,/etc}: the shell hands rm every word the braces expand to.
        List<String> words = BraceExpansion.expand(word, MAX_BRACE_WORDS);
        if (words == null) {
            return "of more than " + MAX_BRACE_WORDS + " paths from the brace expansion " + word;
        }
        for (String expanded : words) {
            String phrase = judgeOne(expanded, context, childrenOnly);
            if (phrase != null) {
                return phrase;
            }
        }
        return null;
    }

    /** More words than this from one brace expansion are not judged one by one. */
    private static final int MAX_BRACE_WORDS = 256;

    private static String judgeOne(String word, DangerContext context, boolean childrenOnly) {
        if (word.isEmpty()) {
            return null;
        }
        Path path = resolve(word, context);
        if (path == null) {
            if (context == null && !word.startsWith("/$")) {
                return null;
            }
            return "of a path known only when the command runs: " + word;
        }
        if (context == null) {
            return judgeWithoutContext(word, path);
        }
        String display = path.toString();
        if (path.getNameCount() == 0) {
            return "of the root directory: /";
        }
        if (!childrenOnly || !isInsideOrRoot(path, context)) {
            if (context.home().startsWith(path)) {
                return "of the home directory" + (path.equals(context.home()) ? "" : " or a parent of it") + ": " + display;
            }
        }
        for (Path root : context.workspaceRoots()) {
            if (path.startsWith(root) && (childrenOnly || !path.equals(root))) {
                return null;
            }
        }
        for (Path root : context.workspaceRoots()) {
            if (path.equals(root)) {
                return "of the workspace root: " + display;
            }
            if (root.startsWith(path)) {
                return "of a parent of the workspace: " + display;
            }
        }
        return "outside the workspace: " + display;
    }

    private static boolean isInsideOrRoot(Path path, DangerContext context) {
        for (Path root : context.workspaceRoots()) {
            if (path.startsWith(root)) {
                return true;
            }
        }
        return false;
    }

    /** Without a context only the unmistakable counts: /, a system directory, the home directory, bare {@code ..}. */
    private static String judgeWithoutContext(String word, Path path) {
        if (path.equals(UNKNOWN_HOME)) {
            return "of the home directory: " + word;
        }
        if (path.isAbsolute()) {
            if (path.getNameCount() == 0) {
                return "of the root directory: /";
            }
            if (SYSTEM_DIRS.contains(path.toString())) {
                return "of a system directory: " + path;
            }
            if (path.getNameCount() == 2 && (path.startsWith("/home") || path.startsWith("/Users"))) {
                return "of a home directory: " + path;
            }
            return null;
        }
        for (Path part : path) {
            if (!part.toString().equals("..")) {
                return null;
            }
        }
        return "of a parent directory: " + word;
    }

    /**
     * The absolute, normalised path a word names, or null when it depends on run time ({@code $VAR},
     * {@code $(cmd)}, {@code ~user}; {@code ~}, {@code $HOME} and {@code $PWD} too when the context says the
     * script may assign them). A glob is judged by the directory it expands in: {@code /w/*} empties
     * {@code /w}; a glob with literal text ({@code *.log}) names something below it.
     * Without a context, relative paths stay relative and the home directory is the marker {@link #UNKNOWN_HOME}.
     */
    public static Path resolve(String word, DangerContext context) {
        String w = word;
        Path base = null;
        if (context != null && !context.homeAndPwdKnown() && namesHomeOrPwd(w)) {
            return null; // the script may have assigned HOME or PWD itself
        }
        if (w.equals("~") || w.startsWith("~/")) {
            base = context != null ? context.home() : UNKNOWN_HOME;
            w = w.substring(1);
        } else if (w.equals("$HOME") || w.startsWith("$HOME/")) {
            base = context != null ? context.home() : UNKNOWN_HOME;
            w = w.substring(5);
        } else if (w.equals("${HOME}") || w.startsWith("${HOME}/")) {
            base = context != null ? context.home() : UNKNOWN_HOME;
            w = w.substring(7);
        } else if (context != null && (w.equals("$PWD") || w.startsWith("$PWD/"))) {
            base = context.cwd();
            w = w.substring(4);
        }
        if (w.startsWith("~") || w.indexOf('$') >= 0 || w.indexOf('`') >= 0) {
            return null;
        }
        w = beforePureWildcard(w);
        Path path;
        try {
            if (base != null) {
                path = w.isEmpty() || w.equals("/") ? base : base.resolve(w.substring(1));
            } else if (w.startsWith("/")) {
                path = Path.of(w);
            } else if (context != null) {
                path = context.cwd().resolve(w);
            } else {
                path = Path.of(w.isEmpty() ? "." : w);
            }
        } catch (InvalidPathException e) {
            return null;
        }
        return path.normalize();
    }

    private static boolean namesHomeOrPwd(String w) {
        return w.startsWith("~") || w.startsWith("$HOME") || w.startsWith("${HOME}") || w.startsWith("$PWD")
                || w.startsWith("${PWD}");
    }

    /** Cuts a path at its first component that is nothing but wildcards ({@code *}, {@code .*}, {@code ?*}). */
    private static String beforePureWildcard(String w) {
        int start = 0;
        while (start <= w.length()) {
            int slash = w.indexOf('/', start);
            int end = slash < 0 ? w.length() : slash;
            String component = w.substring(start, end);
            if (!component.isEmpty() && isPureWildcard(component)) {
                String dir = w.substring(0, start);
                return dir.isEmpty() ? "." : dir;
            }
            if (slash < 0) {
                break;
            }
            start = slash + 1;
        }
        return w;
    }

    private static boolean isPureWildcard(String component) {
        boolean wildcard = false;
        for (int i = 0; i < component.length(); i++) {
            char c = component.charAt(i);
            if (c == '*' || c == '?') {
                wildcard = true;
            } else if (c != '.') {
                return false;
            }
        }
        return wildcard;
    }

    /** Whether a path names a disk or memory device, where a write destroys data (not /dev/null, a tty or a pipe). */
    public static boolean isDevice(String word, DangerContext context) {
        Path path;
        try {
            path = (context != null ? context.cwd().resolve(word) : Path.of(word)).normalize();
        } catch (InvalidPathException e) {
            return false;
        }
        String p = path.toString();
        if (!p.startsWith("/dev/") || HARMLESS_DEVICES.contains(p)) {
            return false;
        }
        // /dev/tcp and /dev/udp are not files at all but bash's network redirections, judged separately.
        return !(p.startsWith("/dev/fd/") || p.startsWith("/dev/pts/") || p.startsWith("/dev/shm/")
                || p.startsWith("/dev/mqueue/") || p.startsWith("/dev/tty") || p.startsWith("/dev/pty") || p.startsWith("/dev/tcp/")
                || p.startsWith("/dev/udp/"));
    }

    /**
     * Whether a path is one whose removal or move wrecks the machine or the workspace, whatever the verb:
     * the root, a system directory, the home directory or a parent of it, a workspace root or a parent of one.
     */
    public static boolean isCritical(String word, DangerContext context) {
        Path path = resolve(word, context);
        if (path == null || !path.isAbsolute()) {
            return context == null ? ("..".equals(word) || "../".equals(word)) : false;
        }
        if (path.getNameCount() == 0 || SYSTEM_DIRS.contains(path.toString())) {
            return true;
        }
        if (context == null) {
            return path.equals(UNKNOWN_HOME);
        }
        if (context.home().startsWith(path)) {
            return true;
        }
        for (Path root : context.workspaceRoots()) {
            if (root.startsWith(path)) {
                return true;
            }
        }
        return false;
    }
}
