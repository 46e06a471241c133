package dev.warden.policy.config;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * Which environment variables a command started by the agent sees ({@code [shell_environment_policy]}).
 * The steps are Codex's: start from {@code inherit}, drop the default excludes unless
 * {@code ignore_default_excludes}, drop {@code exclude}, add {@code set}, then keep only
 * {@code include_only} if given. Unlike Codex, the default excludes are on by default and cover more
 * than {@code *KEY*}/{@code *SECRET*}/{@code *TOKEN*}: secrets and loader hooks stay out of the sandbox
 * unless someone asks for them. Patterns are case-insensitive globs ({@code *} any run, {@code ?} one character).
 *
 * @param inherit                the starting point
 * @param exclude                patterns of names to drop
 * @param includeOnly            if not empty, patterns of the only names kept
 * @param set                    variables to set (they survive the excludes, not {@code include_only})
 * @param ignoreDefaultExcludes  true to pass secrets-looking variables through
 */
public record ShellEnvironmentPolicy(Inherit inherit, List<String> exclude, List<String> includeOnly,
                                     Map<String, String> set, boolean ignoreDefaultExcludes) {

    /** Where the environment starts: everything, a few core variables, or nothing. */
    public enum Inherit {
        ALL,
        CORE,
        NONE;

        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * Codex's core set plus the locale and terminal, which programs need to behave and which carry no
     * secrets.
     */
    public static final Set<String> CORE_VARIABLES = Set.of(
            "HOME", "LOGNAME", "PATH", "SHELL", "USER", "USERNAME", "TMPDIR", "TEMP", "TMP",
            "LANG", "LC_ALL", "LC_CTYPE", "TERM");

    /** Names dropped unless {@code ignore_default_excludes = true} (AWS_REGION and AWS_DEFAULT_REGION are kept). */
    public static final List<String> DEFAULT_EXCLUDES = List.of(
            "*KEY*", "*SECRET*", "*TOKEN*", "*PASSWORD*", "*CREDENTIAL*", "*_AUTH*", "SSH_AUTH_SOCK", "AWS_*",
            "GOOGLE_APPLICATION_CREDENTIALS", "LD_PRELOAD", "LD_LIBRARY_PATH", "LD_AUDIT", "BASH_ENV", "ENV",
            "PROMPT_COMMAND",
            // These change what a shell runs before or instead of the script the policy engine read:
            // exported functions can redefine `ls`, SHELLOPTS/BASHOPTS switch on options (xtrace runs PS4's
            // substitutions), ZDOTDIR points zsh at other startup files.
            "BASH_FUNC_*", "SHELLOPTS", "BASHOPTS", "PS4", "ZDOTDIR");

    private static final Set<String> AWS_KEPT = Set.of("AWS_REGION", "AWS_DEFAULT_REGION");

    public ShellEnvironmentPolicy {
        Objects.requireNonNull(inherit, "inherit");
        exclude = List.copyOf(exclude);
        includeOnly = List.copyOf(includeOnly);
        set = Collections.unmodifiableMap(new TreeMap<>(set));
    }

    /** Warden's default: inherit everything except the default excludes. */
    public static ShellEnvironmentPolicy defaults() {
        return new ShellEnvironmentPolicy(Inherit.ALL, List.of(), List.of(), Map.of(), false);
    }

    /** The environment a command gets, given the host's; sorted by name. */
    public Map<String, String> apply(Map<String, String> hostEnv) {
        TreeMap<String, String> env = new TreeMap<>();
        for (Map.Entry<String, String> entry : hostEnv.entrySet()) {
            String name = entry.getKey();
            boolean inherited = switch (inherit) {
                case ALL -> true;
                case CORE -> CORE_VARIABLES.contains(name);
                case NONE -> false;
            };
            if (inherited && !(!ignoreDefaultExcludes && isDefaultExcluded(name)) && !matchesAny(exclude, name)) {
                env.put(name, entry.getValue());
            }
        }
        env.putAll(set);
        if (!includeOnly.isEmpty()) {
            env.keySet().removeIf(name -> !matchesAny(includeOnly, name));
        }
        return Collections.unmodifiableMap(env);
    }

    /** The host variables a command will NOT see (a variable replaced by {@code set} is not dropped); sorted. */
    public List<String> dropped(Map<String, String> hostEnv) {
        Map<String, String> kept = apply(hostEnv);
        List<String> dropped = new ArrayList<>();
        for (String name : new TreeMap<>(hostEnv).keySet()) {
            if (!kept.containsKey(name)) {
                dropped.add(name);
            }
        }
        return dropped;
    }

    /** True if {@code name} matches one of {@link #DEFAULT_EXCLUDES}. */
    public static boolean isDefaultExcluded(String name) {
        if (AWS_KEPT.contains(name.toUpperCase(Locale.ROOT))) {
            return false;
        }
        return matchesAny(DEFAULT_EXCLUDES, name);
    }

    private static boolean matchesAny(List<String> patterns, String name) {
        for (String pattern : patterns) {
            if (wildcard(pattern, name)) {
                return true;
            }
        }
        return false;
    }

    /** Case-insensitive {@code *}/{@code ?} matching without regular expressions (one backtrack point). */
    static boolean wildcard(String pattern, String text) {
        int p = 0;
        int t = 0;
        int star = -1;
        int resume = 0;
        while (t < text.length()) {
            if (p < pattern.length() && pattern.charAt(p) == '*') {
                star = p++;
                resume = t;
            } else if (p < pattern.length() && (pattern.charAt(p) == '?' || same(pattern.charAt(p), text.charAt(t)))) {
                p++;
                t++;
            } else if (star >= 0) {
                p = star + 1;
                t = ++resume;
            } else {
                return false;
            }
        }
        while (p < pattern.length() && pattern.charAt(p) == '*') {
            p++;
        }
        return p == pattern.length();
    }

    private static boolean same(char a, char b) {
        return a == b || Character.toUpperCase(a) == Character.toUpperCase(b);
    }
}
