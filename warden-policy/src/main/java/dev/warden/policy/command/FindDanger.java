package dev.warden.policy.command;

import dev.warden.core.Words;
import dev.warden.policy.shell.NameSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * find as a destroyer: {@code -delete} on start points outside the workspace, and {@code -exec} commands, which
 * are judged as the commands they are with {@code {}} standing for what find selects.
 */
final class FindDanger {
    private FindDanger() {
    }

    /** Tests that narrow what find selects; without any, find visits and acts on everything below its start points. */
    private static final NameSet FIND_TESTS = NameSet.of(
            "-name", "-iname", "-path", "-ipath", "-wholename", "-iwholename", "-regex", "-iregex", "-type", "-xtype",
            "-newer", "-anewer", "-cnewer", "-mtime", "-mmin", "-atime", "-amin", "-ctime", "-cmin", "-size", "-empty",
            "-user", "-group", "-uid", "-gid", "-perm", "-links", "-inum", "-samefile", "-lname", "-ilname", "-used",
            "-nouser", "-nogroup", "-fstype", "-readable", "-writable", "-executable", "-context", "-newermt",
            // Not a test, but with a depth of 1 or more find leaves out its start points the same way.
            "-mindepth");

    /** Where the start points begin: after find's own options (-H, -L, -P, -O, -D). */
    private static int startPointsFrom(List<String> argv) {
        int i = 1;
        while (i < argv.size() && (argv.get(i).equals("-H") || argv.get(i).equals("-L") || argv.get(i).equals("-P")
                || argv.get(i).startsWith("-O") || argv.get(i).equals("-D"))) {
            i += argv.get(i).equals("-D") ? 2 : 1;
        }
        return i;
    }

    /** Where the expression begins: after find's own options and its start points. */
    private static int expressionFrom(List<String> argv) {
        int i = startPointsFrom(argv);
        while (i < argv.size() && !isFindExpressionStart(argv.get(i))) {
            i++;
        }
        return Math.min(i, argv.size());
    }

    /** find's start points ({@code .} when none is given). */
    static List<String> starts(List<String> argv) {
        List<String> starts = new ArrayList<>(argv.subList(Math.min(startPointsFrom(argv), argv.size()), expressionFrom(argv)));
        if (starts.isEmpty()) {
            starts.add(".");
        }
        return starts;
    }

    /** Whether a test narrows what find selects, so that it acts below its start points rather than on them. */
    static boolean filtered(List<String> argv) {
        for (String arg : argv.subList(expressionFrom(argv), argv.size())) {
            if (arg.startsWith("-") && FIND_TESTS.contains(arg)) {
                return true;
            }
        }
        return false;
    }

    /** Why this find command is dangerous, if it is; {@code depth} is how deep it was found in other commands. */
    static Optional<Danger> reason(List<String> argv, DangerContext context, int depth) {
        List<String> starts = starts(argv);
        int i = expressionFrom(argv);
        boolean filtered = false;
        boolean delete = false;
        List<List<String>> execs = new ArrayList<>();
        for (; i < argv.size(); i++) {
            String arg = argv.get(i);
            // Every test and action is an option, so values ("*.log", "f") need no lookup.
            if (!arg.startsWith("-")) {
                continue;
            }
            filtered |= FIND_TESTS.contains(arg);
            delete |= arg.equals("-delete");
            if (arg.equals("-exec") || arg.equals("-execdir") || arg.equals("-ok") || arg.equals("-okdir")) {
                int end = i + 1;
                while (end < argv.size() && !argv.get(end).equals(";") && !argv.get(end).equals("+")) {
                    end++;
                }
                execs.add(argv.subList(i + 1, end));
                i = end;
            }
        }
        if (delete) {
            for (String start : starts) {
                String phrase = TargetPaths.judge(start, context, filtered);
                if (phrase != null) {
                    return Optional.of(new Danger(DangerKind.DELETION, "find -delete " + phrase));
                }
            }
        }
        for (List<String> exec : execs) {
            boolean placeholder = false;
            for (int k = 0; k < exec.size() && !placeholder; k++) {
                placeholder = exec.get(k).contains("{}");
            }
            for (String start : starts) {
                List<String> command = exec;
                if (placeholder) {
                    // What find hands to {}: the start point itself when nothing filters, else something below it.
                    String found = filtered ? (start.endsWith("/") ? start : start + "/") + "{}" : start;
                    String[] words = new String[exec.size()];
                    for (int k = 0; k < words.length; k++) {
                        words[k] = exec.get(k).replace("{}", found);
                    }
                    command = Words.of(words);
                }
                Optional<Danger> inner = DangerousCommands.reason(command, context, depth + 1);
                if (inner.isPresent()) {
                    return Optional.of(new Danger(inner.get().kind(), "find -exec runs: " + inner.get().reason()));
                }
                if (!placeholder) {
                    break; // without {} the command is the same for every start point
                }
            }
        }
        return Optional.empty();
    }

    private static boolean isFindExpressionStart(String arg) {
        return (arg.startsWith("-") && arg.length() > 1) || arg.equals("(") || arg.equals("!") || arg.equals(")")
                || arg.equals(",");
    }
}
