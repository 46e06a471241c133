package dev.warden.policy.command;

import dev.warden.policy.shell.NameSet;
import java.util.List;

/**
 * Commands that only read, and so may run without asking under the {@code untrusted} approval policy.
 *
 * <p>Flag-aware: a program is safe with some options and not others ({@code find -delete}, {@code sort -o},
 * {@code sed -i}), so each program with a dangerous option is checked word by word, including options hidden in
 * clusters ({@code -no}) and abbreviated GNU long options ({@code --out=}). When in doubt the answer is "not
 * known safe", which only means the policy asks.
 *
 * <p>Reference: Codex's {@code is_safe_command.rs}. Deliberately stricter where Codex is loose (git global
 * options, sort/tree/date/hostname/uniq output arguments), deliberately not listing {@code env} or
 * {@code printenv} (with no command they print every environment variable, tokens included, into the agent's
 * context), and never calling a command known safe when it names a credential file ({@link SecretLocations}).
 *
 * <p>Host and identity discovery ({@code whoami}, {@code id}, {@code groups}, {@code uname}, {@code hostname},
 * {@code date}, {@code uptime}, {@code tty}) is not listed either, unlike Codex: a coding agent rarely needs it, and
 * it is the first step of the attack chains in MITRE ATT&CK's discovery tactic. Under {@code untrusted} it asks.
 * Which paths a reader may touch is decided by {@link WorkspaceReads}, which knows the workspace.
 */
public final class KnownSafeCommands {
    private KnownSafeCommands() {
    }

    /** Programs with no option that writes, deletes, runs another program or changes system state. */
    private static final NameSet ALWAYS_READ_ONLY = NameSet.of(
            "cat", "head", "tail", "wc", "ls", "pwd", "echo", "true", "false", "nl", "cut", "tr", "du", "df",
            "basename", "dirname", "realpath", "readlink", "diff", "cmp", "column", "expr",
            "seq", "test", "[", "stat", "which", "grep", "egrep", "fgrep", "cd", "tac", "rev", "paste", "numfmt",
            "fold", "fmt", "comm", "join", "expand", "unexpand", "od", "hexdump", "strings", "md5sum", "sha1sum",
            "sha224sum", "sha256sum", "sha384sum", "sha512sum", "b2sum", "cksum", "sum", "nproc");

    /**
     * Programs that are read-only with some options only: each has its case in {@link #isKnownSafe}'s switch. A
     * program missing here is never known safe, whatever its case says.
     */
    private static final NameSet CHECKED_BY_OPTIONS = NameSet.of(
            "find", "rg", "sed", "git", "base64", "sort", "tree", "file", "printf", "uniq");

    /** Options of find that run programs, delete, or write files. */
    private static final NameSet FIND_UNSAFE = NameSet.of(
            "-exec", "-execdir", "-ok", "-okdir", "-delete", "-fls", "-fprint", "-fprint0", "-fprintf");
    /** The second characters of {@link #FIND_UNSAFE}'s options, a cheap first test before the set is asked. */
    private static final String FIND_UNSAFE_SECOND = FIND_UNSAFE.stream().map(o -> o.substring(1, 2)).distinct()
            .sorted().collect(java.util.stream.Collectors.joining());

    /** Whether {@code argv}, one simple command with quotes removed, only reads. */
    public static boolean isKnownSafe(List<String> argv) {
        if (argv.isEmpty()) {
            return false;
        }
        String program = Options.safeProgramName(argv.getFirst());
        if (program == null) {
            return false;
        }
        boolean readOnly = ALWAYS_READ_ONLY.contains(program);
        // Most commands are neither, and then no word needs the credential scan.
        if ((!readOnly && !CHECKED_BY_OPTIONS.contains(program)) || SecretLocations.mentionedIn(argv)) {
            return false;
        }
        if (readOnly) {
            return true;
        }
        return switch (program) {
            case "find" -> noUnsafeFindOption(argv) && !findsSetIdFiles(argv);
            case "rg" -> ripgrepSafe(argv);
            case "sed" -> SedPrintScript.isPrintOnly(argv);
            case "git" -> GitReadOnly.isSafe(argv);
            case "base64" -> noneOf(argv, "o", "", "output");
            // --compress-program runs a program; -o/--output writes a file.
            case "sort" -> noneOf(argv, "o", "kStT", "output", "compress-program");
            case "tree" -> treeSafe(argv);
            case "file" -> noneOf(argv, "C", "eFfmP", "compile");
            case "printf" -> argv.size() < 2 || !argv.get(1).startsWith("-v");
            case "uniq" -> uniqSafe(argv);
            default -> false;
        };
    }

    /**
     * No word is in {@link #FIND_UNSAFE}. All of those are a dash, then d, e, f or o, then at least one more
     * character, which rules out most words (paths, {@code -name}, {@code -type}) before the set is asked.
     */
    private static boolean noUnsafeFindOption(List<String> argv) {
        for (int i = 1; i < argv.size(); i++) {
            String arg = argv.get(i);
            if (arg.length() > 2 && arg.charAt(0) == '-' && FIND_UNSAFE_SECOND.indexOf(arg.charAt(1)) >= 0
                    && FIND_UNSAFE.contains(arg)) {
                return false;
            }
        }
        return true;
    }

    /**
     * No word is one of the short options in {@code shortUnsafe} (read getopt-style, {@code shortWithValue} letters
     * end a cluster) nor, written out or abbreviated, one of the long options in {@code longUnsafe}. Words after
     * {@code --} are operands.
     */
    private static boolean noneOf(List<String> argv, String shortUnsafe, String shortWithValue, String... longUnsafe) {
        for (int i = 1; i < argv.size(); i++) {
            String arg = argv.get(i);
            if (arg.equals("--")) {
                return true;
            }
            if (Options.clusterHas(arg, shortUnsafe, shortWithValue)) {
                return false;
            }
            for (String name : longUnsafe) {
                if (Options.isLong(arg, name)) {
                    return false;
                }
            }
        }
        return true;
    }

    /** ripgrep: --pre/--pre-glob and --hostname-bin run programs; -z/--search-zip runs decompressors. */
    private static boolean ripgrepSafe(List<String> argv) {
        for (int i = 1; i < argv.size(); i++) {
            String arg = argv.get(i);
            if (arg.equals("--")) {
                return true;
            }
            if (Options.isLongExact(arg, "pre") || Options.isLongExact(arg, "pre-glob")
                    || Options.isLongExact(arg, "hostname-bin") || Options.isLongExact(arg, "search-zip")) {
                return false;
            }
            // ripgrep's own parser accepts clustered short flags (-nz); any z in a cluster may be -z.
            if (Options.isShortCluster(arg) && arg.indexOf('z') > 0) {
                return false;
            }
        }
        return true;
    }

    /** tree: -o writes a file, -R re-runs tree in every directory writing 00Tree.html files. */
    private static boolean treeSafe(List<String> argv) {
        for (int i = 1; i < argv.size(); i++) {
            String arg = argv.get(i);
            if (arg.equals("--")) {
                return true;
            }
            if (Options.isShortCluster(arg) && (arg.indexOf('o') > 0 || arg.indexOf('R') > 0)) {
                return false;
            }
        }
        return true;
    }

    /** uniq: a second operand is an output file it overwrites. */
    private static boolean uniqSafe(List<String> argv) {
        int operands = 0;
        boolean options = true;
        for (int i = 1; i < argv.size(); i++) {
            String arg = argv.get(i);
            if (options && arg.equals("--")) {
                options = false;
            } else if (options && Options.isShortCluster(arg)) {
                if (Options.clusterTakesNext(arg, "fsw")) {
                    i++;
                }
            } else if (options && arg.startsWith("--")) {
                if (!Options.hasInlineValue(arg) && (Options.isLong(arg, "skip-fields") || Options.isLong(arg, "skip-chars")
                        || Options.isLong(arg, "check-chars"))) {
                    i++;
                }
            } else {
                operands++;
            }
        }
        return operands <= 1;
    }

    /**
     * {@code find -perm -4000} and friends look for set-user-ID and set-group-ID programs: the first step
     * of a privilege escalation, never workspace work.
     */
    public static boolean findsSetIdFiles(List<String> argv) {
        for (int i = 1; i + 1 < argv.size(); i++) {
            if (argv.get(i).equals("-perm")) {
                String mode = argv.get(i + 1);
                if (!mode.isEmpty() && "-/+".indexOf(mode.charAt(0)) >= 0) {
                    mode = mode.substring(1);
                }
                if (mode.contains("s")) {
                    return true; // symbolic: u+s, g=s, u=rwxs ...
                }
                // octal with a special-bits digit: 4xxx set-user-ID, 2xxx set-group-ID (1xxx, sticky, is harmless)
                if (mode.length() == 4 && mode.chars().allMatch(c -> c >= '0' && c <= '7')
                        && ((mode.charAt(0) - '0') & 6) != 0) {
                    return true;
                }
            }
        }
        return false;
    }
}
