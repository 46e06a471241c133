package dev.warden.policy.command;

import dev.warden.policy.shell.NameSet;
import java.util.List;
import java.util.Set;

/**
 * Which git invocations only read the repository. Git is the one program agents run most, and most of what they
 * run is read-only, so it earns a careful allow-list rather than a blanket "ask".
 *
 * <p>What this cannot see: git also runs programs named in configuration (core.pager, core.fsmonitor,
 * diff textconv drivers). Those live in {@code .git/config} and the user's git config, which the sandbox keeps
 * read-only for the agent; this class refuses the command-line ways of naming such programs.
 */
final class GitReadOnly {
    private GitReadOnly() {
    }

    /** Global options that change nothing but output or pathspec syntax. {@code -c}, {@code -C}, {@code --git-dir} & co. are absent on purpose. */
    private static final NameSet SAFE_GLOBALS = NameSet.of(
            "--no-pager", "-P", "--no-optional-locks", "--literal-pathspecs", "--glob-pathspecs",
            "--noglob-pathspecs", "--icase-pathspecs", "--no-replace-objects", "--no-advice");

    /** Subcommands that never write refs, the index (beyond an optional stat refresh) or the working tree. */
    private static final NameSet READ_ONLY = NameSet.of(
            "status", "log", "show", "diff", "blame", "annotate", "shortlog", "describe", "rev-parse", "rev-list",
            "ls-files", "ls-tree", "cat-file", "grep", "merge-base", "name-rev", "show-ref", "for-each-ref",
            "count-objects", "whatchanged", "cherry", "range-diff", "diff-tree", "diff-files", "diff-index",
            "check-ignore", "check-attr", "show-branch", "version");

    static boolean isSafe(List<String> argv) {
        int n = argv.size();
        int i = 1;
        while (i < n && argv.get(i).startsWith("-")) {
            String global = argv.get(i);
            if (global.equals("--version") && i == n - 1) {
                return true;
            }
            if (!SAFE_GLOBALS.contains(global)) {
                return false;
            }
            i++;
        }
        if (i >= n) {
            return false;
        }
        String sub = argv.get(i);
        List<String> args = argv.subList(i + 1, n);
        if (runsOrWritesSomething(sub, args)) {
            return false;
        }
        return switch (sub) {
            case "branch" -> listsOnly(args, "arlvi", Set.of("--list", "--all", "--remotes", "--verbose", "--show-current",
                    "--no-color", "--no-column", "--ignore-case", "--no-abbrev", "--omit-empty", "--quiet"), false);
            case "tag" -> listsOnly(args, "li", Set.of("--list", "--no-column", "--ignore-case", "--no-color", "--omit-empty"), true);
            case "stash" -> !args.isEmpty() && (args.getFirst().equals("list") || args.getFirst().equals("show"));
            case "reflog" -> reflogShows(args);
            case "remote" -> args.stream().allMatch(a -> a.equals("-v") || a.equals("--verbose"))
                    || (!args.isEmpty() && args.getFirst().equals("get-url"));
            case "worktree" -> !args.isEmpty() && args.getFirst().equals("list");
            default -> READ_ONLY.contains(sub);
        };
    }

    /**
     * Options that make a read-only subcommand write a file ({@code --output}) or run another program
     * ({@code --ext-diff}, {@code --textconv}, {@code git grep -O<pager>}, {@code cat-file --filters}).
     * Checked on every word, option values included: refusing a strange pattern is cheaper than missing an option.
     */
    private static boolean runsOrWritesSomething(String sub, List<String> args) {
        for (String arg : args) {
            if (arg.equals("--")) {
                break;
            }
            if (Options.isLong(arg, "output") || Options.isLong(arg, "ext-diff")
                    || (Options.isLong(arg, "textconv") && !arg.equals("--text"))
                    || Options.isLong(arg, "open-files-in-pager") || Options.isLong(arg, "exec")) {
                return true;
            }
            if (sub.equals("grep") && Options.isShortCluster(arg) && arg.indexOf('O') > 0) {
                return true;
            }
            if (sub.equals("cat-file") && Options.isLong(arg, "filters")) {
                return true;
            }
        }
        return false;
    }

    /** {@code git reflog} and {@code git reflog show ...} read; {@code expire}, {@code delete} and {@code drop} write. */
    private static boolean reflogShows(List<String> args) {
        for (String arg : args) {
            if (!arg.startsWith("-")) {
                return !(arg.equals("expire") || arg.equals("delete") || arg.equals("drop"));
            }
        }
        return true;
    }

    /**
     * {@code git branch} and {@code git tag} list when given only listing options; any other option, or a name
     * outside list mode, creates, deletes, moves or edits.
     *
     * @param shortFlags   short flags that only affect listing
     * @param longFlags    long flags (without values) that only affect listing
     * @param dashNImplies whether {@code -n<num>} is accepted (git tag: show annotation lines, implies --list)
     */
    private static boolean listsOnly(List<String> args, String shortFlags, Set<String> longFlags, boolean dashNImplies) {
        boolean listMode = false;
        boolean positional = false;
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (arg.equals("--")) {
                positional |= i + 1 < args.size();
                break;
            }
            if (!arg.startsWith("-") || arg.equals("-")) {
                positional = true;
                continue;
            }
            if (arg.equals("-l") || arg.equals("--list")) {
                listMode = true;
                continue;
            }
            if (longFlags.contains(arg)) {
                continue;
            }
            if (Options.isLongExact(arg, "contains") || Options.isLongExact(arg, "no-contains")
                    || Options.isLongExact(arg, "merged") || Options.isLongExact(arg, "no-merged")
                    || Options.isLongExact(arg, "points-at")) {
                // These filter the listing and imply --list; their commit is optional, so the next word is only
                // taken as the commit when it cannot be an option.
                listMode = true;
                if (!Options.hasInlineValue(arg) && i + 1 < args.size() && !args.get(i + 1).startsWith("-")) {
                    i++;
                }
                continue;
            }
            if (Options.isLongExact(arg, "sort") || Options.isLongExact(arg, "format")) {
                if (!Options.hasInlineValue(arg)) {
                    i++;
                }
                continue;
            }
            if (Options.isLongExact(arg, "color") || Options.isLongExact(arg, "column") || Options.isLongExact(arg, "abbrev")) {
                continue;
            }
            if (dashNImplies && arg.startsWith("-n") && arg.substring(2).chars().allMatch(Character::isDigit)) {
                listMode = true;
                continue;
            }
            if (Options.isShortCluster(arg) && arg.substring(1).chars().allMatch(c -> shortFlags.indexOf(c) >= 0)) {
                listMode |= arg.indexOf('l') > 0;
                continue;
            }
            return false;
        }
        return !positional || listMode;
    }
}
