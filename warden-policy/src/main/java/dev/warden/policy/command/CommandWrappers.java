package dev.warden.policy.command;

import dev.warden.core.Words;
import dev.warden.policy.shell.NameSet;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Sees through programs that run another program: {@code sudo rm -rf /} is judged as {@code rm -rf /}. Each
 * wrapper's options are skipped the way its own parser reads them, so a value ({@code sudo -u root}) is not
 * mistaken for the command.
 */
public final class CommandWrappers {
    private CommandWrappers() {
    }

    /**
     * The command that finally runs.
     *
     * @param argv    its words
     * @param context where it runs ({@code env -C} and {@code sudo -D} move it), or null when unknown
     */
    public record Unwrapped(List<String> argv, DangerContext context) {
        public Unwrapped {
            argv = Words.of(argv);
        }
    }

    private static final NameSet WRAPPERS = NameSet.of(
            "sudo", "doas", "env", "nice", "ionice", "timeout", "nohup", "stdbuf", "time", "command", "exec", "xargs",
            "chrt", "setsid", "busybox", "toybox");

    /** Long options that take the next word as their value, per wrapper: the wrapped command starts after them. */
    private static final Set<String> NO_LONG_OPTIONS = Set.of();
    private static final Set<String> SUDO_LONG_WITH_VALUE = Set.of(
            "--user", "--group", "--host", "--prompt", "--chdir", "--role", "--type", "--close-from",
            "--other-user", "--command-timeout", "--chroot");
    private static final Set<String> NICE_LONG_WITH_VALUE = Set.of("--adjustment");
    private static final Set<String> IONICE_LONG_WITH_VALUE = Set.of("--class", "--classdata");
    private static final Set<String> TIMEOUT_LONG_WITH_VALUE = Set.of("--signal", "--kill-after");
    private static final Set<String> STDBUF_LONG_WITH_VALUE = Set.of("--input", "--output", "--error");
    private static final Set<String> TIME_LONG_WITH_VALUE = Set.of("--format", "--output");
    private static final Set<String> XARGS_LONG_WITH_VALUE = Set.of(
            "--arg-file", "--delimiter", "--max-lines", "--max-args", "--max-procs", "--max-chars",
            "--process-slot-var");
    private static final Set<String> CHRT_LONG_WITH_VALUE = Set.of(
            "--sched-runtime", "--sched-period", "--sched-deadline");

    /** Nesting deeper than this is not a real command line; judge what is left. */
    private static final int MAX_DEPTH = 32;

    public static boolean isWrapper(String argv0) {
        return WRAPPERS.contains(Options.basename(argv0));
    }

    /** The innermost command, or null when the wrappers run nothing ({@code sudo -l}, {@code command -v rm}). */
    public static Unwrapped unwrap(List<String> argv, DangerContext context) {
        List<String> words = argv;
        DangerContext ctx = context;
        for (int depth = 0; depth < MAX_DEPTH && !words.isEmpty(); depth++) {
            String name = Options.basename(words.getFirst());
            if (!WRAPPERS.contains(name)) {
                break;
            }
            int i;
            switch (name) {
                case "sudo" -> {
                    i = skip(words, "CDghpRrtTUu", SUDO_LONG_WITH_VALUE);
                    for (String arg : words.subList(1, i)) {
                        // -l lists, -e edits, -v/-V validate or print: none runs the words that follow.
                        if (Options.clusterHas(arg, "levVK", "CDghpRrtTUu") || arg.equals("--list") || arg.equals("--edit")) {
                            return null;
                        }
                    }
                    Path dir = optionValue(words, i, "-D", "--chdir");
                    if (dir != null && ctx != null) {
                        ctx = ctx.withCwd(dir);
                    }
                    i = skipAssignments(words, i);
                }
                case "doas" -> i = skip(words, "Cu", NO_LONG_OPTIONS);
                case "env" -> {
                    Path dir = null;
                    List<String> split = null;
                    i = 1;
                    while (i < words.size()) {
                        String arg = words.get(i);
                        if (arg.equals("--")) {
                            i++;
                            break;
                        }
                        if (arg.equals("-") || !arg.startsWith("-")) {
                            if (arg.equals("-")) {
                                i++;
                                continue;
                            }
                            break;
                        }
                        if (arg.equals("-C") || arg.equals("--chdir")) {
                            dir = i + 1 < words.size() ? path(words.get(++i)) : null;
                        } else if (arg.startsWith("--chdir=")) {
                            dir = path(arg.substring(8));
                        } else if (arg.startsWith("-C")) {
                            dir = path(arg.substring(2));
                        } else if (arg.equals("-S") || arg.equals("--split-string")) {
                            split = i + 1 < words.size() ? splitString(words.get(++i)) : List.of();
                            i++;
                            break;
                        } else if (arg.startsWith("--split-string=") || (arg.startsWith("-S") && !arg.startsWith("-S-"))) {
                            split = splitString(arg.startsWith("-S") ? arg.substring(2) : arg.substring(15));
                            i++;
                            break;
                        } else if (arg.equals("-u") || arg.equals("--unset") || arg.equals("-P")) {
                            i++;
                        }
                        i++;
                    }
                    i = skipAssignments(words, i);
                    if (dir != null && ctx != null) {
                        ctx = ctx.withCwd(dir);
                    }
                    if (split != null) {
                        // env -S 'rm -rf /' splits its argument into the command's first words.
                        List<String> joined = new ArrayList<>(split);
                        joined.addAll(words.subList(Math.min(i, words.size()), words.size()));
                        words = joined;
                        continue;
                    }
                }
                case "nice" -> {
                    i = 1;
                    if (i < words.size() && words.get(i).length() > 1 && words.get(i).charAt(0) == '-'
                            && words.get(i).chars().skip(1).allMatch(Character::isDigit)) {
                        i++;
                    }
                    i = skipFrom(words, i, "n", NICE_LONG_WITH_VALUE);
                }
                case "ionice" -> {
                    i = skip(words, "cn", IONICE_LONG_WITH_VALUE);
                    for (String arg : words.subList(1, i)) {
                        if (Options.clusterHas(arg, "pPu", "cn") || arg.startsWith("--pid") || arg.startsWith("--pgid")
                                || arg.startsWith("--uid")) {
                            return null;
                        }
                    }
                }
                case "timeout" -> {
                    i = skip(words, "sk", TIMEOUT_LONG_WITH_VALUE);
                    i++;
                }
                case "nohup", "setsid" -> i = skip(words, "", NO_LONG_OPTIONS);
                case "stdbuf" -> i = skip(words, "ioe", STDBUF_LONG_WITH_VALUE);
                case "time" -> i = skip(words, "fo", TIME_LONG_WITH_VALUE);
                case "command" -> {
                    for (int k = 1; k < words.size() && words.get(k).startsWith("-") && !words.get(k).equals("--"); k++) {
                        if (Options.clusterHas(words.get(k), "vV", "")) {
                            return null;
                        }
                    }
                    i = skip(words, "", NO_LONG_OPTIONS);
                }
                case "exec" -> i = skip(words, "a", NO_LONG_OPTIONS);
                case "xargs" -> {
                    i = skip(words, "aEdILnPs", XARGS_LONG_WITH_VALUE);
                    if (i >= words.size()) {
                        return null;
                    }
                }
                case "chrt" -> {
                    i = skip(words, "TPD", CHRT_LONG_WITH_VALUE);
                    for (String arg : words.subList(1, i)) {
                        if (Options.clusterHas(arg, "pm", "TPD") || arg.equals("--pid") || arg.equals("--max")) {
                            return null;
                        }
                    }
                    if (i < words.size() && words.get(i).chars().allMatch(Character::isDigit)) {
                        i++;
                    }
                }
                case "busybox", "toybox" -> {
                    if (words.size() < 2 || words.get(1).startsWith("-")) {
                        return null;
                    }
                    i = 1;
                }
                default -> throw new IllegalStateException(name);
            }
            words = i < words.size() ? words.subList(i, words.size()) : Words.empty();
        }
        return words.isEmpty() ? null : new Unwrapped(words, ctx);
    }

    /** Index of the first operand after the wrapper's options. */
    private static int skip(List<String> words, String shortWithValue, Set<String> longWithValue) {
        return skipFrom(words, 1, shortWithValue, longWithValue);
    }

    private static int skipFrom(List<String> words, int start, String shortWithValue, Set<String> longWithValue) {
        int i = start;
        while (i < words.size()) {
            String arg = words.get(i);
            if (arg.equals("--")) {
                return i + 1;
            }
            if (arg.startsWith("--")) {
                i += !Options.hasInlineValue(arg) && longWithValue.contains(arg) ? 2 : 1;
            } else if (Options.isShortCluster(arg)) {
                i += Options.clusterTakesNext(arg, shortWithValue) ? 2 : 1;
            } else {
                return i;
            }
        }
        return Math.min(i, words.size());
    }

    private static int skipAssignments(List<String> words, int start) {
        int i = start;
        while (i < words.size() && isAssignment(words.get(i))) {
            i++;
        }
        return i;
    }

    /** {@code NAME=value}, a variable set for the command rather than the command itself. */
    public static boolean isAssignment(String word) {
        int eq = word.indexOf('=');
        if (eq <= 0) {
            return false;
        }
        for (int k = 0; k < eq; k++) {
            char c = word.charAt(k);
            boolean ok = c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (k > 0 && c >= '0' && c <= '9');
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    private static Path optionValue(List<String> words, int end, String shortName, String longName) {
        for (int k = 1; k < end; k++) {
            String arg = words.get(k);
            if ((arg.equals(shortName) || arg.equals(longName)) && k + 1 < end) {
                return path(words.get(k + 1));
            }
            if (arg.startsWith(longName + "=")) {
                return path(arg.substring(longName.length() + 1));
            }
        }
        return null;
    }

    /** A directory word as a path, or null when it is not one (a NUL byte, a variable) and so cannot move the context. */
    private static Path path(String word) {
        if (word.indexOf('$') >= 0 || word.indexOf('`') >= 0 || word.startsWith("~")) {
            return null;
        }
        try {
            return Path.of(word);
        } catch (java.nio.file.InvalidPathException e) {
            return null;
        }
    }

    /** env -S splits on blanks and honours quotes, close enough to a shell's word splitting for judging danger. */
    private static List<String> splitString(String text) {
        return RawScript.words(text);
    }
}
