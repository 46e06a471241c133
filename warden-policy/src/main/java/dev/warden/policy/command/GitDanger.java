package dev.warden.policy.command;

import java.util.List;
import java.util.Optional;

/** Git commands that destroy work that cannot be fetched back: force pushes, hard resets, cleaning ignored files. */
final class GitDanger {
    private GitDanger() {
    }

    static Optional<String> reason(List<String> argv) {
        int i = 1;
        int n = argv.size();
        while (i < n && argv.get(i).startsWith("-")) {
            String global = argv.get(i);
            if (global.equals("--")) {
                i++;
                break;
            }
            // Global options that take their value from the next word.
            boolean takesNext = global.equals("-C") || global.equals("-c") || global.equals("--git-dir")
                    || global.equals("--work-tree") || global.equals("--namespace") || global.equals("--super-prefix")
                    || global.equals("--config-env");
            i += takesNext ? 2 : 1;
        }
        if (i >= n) {
            return Optional.empty();
        }
        String sub = argv.get(i);
        List<String> args = argv.subList(i + 1, n);
        return switch (sub) {
            case "push" -> push(args);
            case "reset" -> args.stream().anyMatch(a -> a.length() > 3 && Options.isLong(a, "hard"))
                    ? Optional.of("git reset --hard discards uncommitted changes") : Optional.empty();
            case "clean" -> clean(args);
            case "stash" -> !args.isEmpty() && args.getFirst().equals("clear")
                    ? Optional.of("git stash clear drops every stash") : Optional.empty();
            default -> Optional.empty();
        };
    }

    private static Optional<String> push(List<String> args) {
        boolean operands = false;
        for (String arg : args) {
            if (arg.equals("--")) {
                operands = true;
                continue;
            }
            if (!operands && arg.startsWith("--")) {
                if (Options.isLong(arg, "force") || Options.isLongExact(arg, "force-with-lease")) {
                    return Optional.of("git force-push overwrites remote history: " + arg);
                }
                if (Options.isLong(arg, "mirror") && arg.length() > 3) {
                    return Optional.of("git push --mirror overwrites and deletes remote refs");
                }
                if (Options.isLong(arg, "delete") && arg.length() > 3) {
                    return Optional.of("git push --delete deletes remote branches");
                }
                if (Options.isLong(arg, "prune") && arg.length() > 4) {
                    return Optional.of("git push --prune deletes remote branches");
                }
            } else if (!operands && Options.isShortCluster(arg)) {
                if (Options.clusterHas(arg, "f", "o")) {
                    return Optional.of("git force-push overwrites remote history: " + arg);
                }
                if (Options.clusterHas(arg, "d", "o")) {
                    return Optional.of("git push -d deletes remote branches");
                }
            } else if (arg.startsWith("+")) {
                return Optional.of("git force-push overwrites remote history: refspec " + arg);
            } else if (arg.startsWith(":") && arg.length() > 1) {
                return Optional.of("git push deletes the remote branch " + arg.substring(1));
            }
        }
        return Optional.empty();
    }

    private static Optional<String> clean(List<String> args) {
        boolean force = false;
        boolean dirs = false;
        boolean ignored = false;
        for (String arg : args) {
            if (arg.equals("--")) {
                break;
            }
            if (arg.equals("-n") || Options.isLongExact(arg, "dry-run") || Options.clusterHas(arg, "n", "e")) {
                return Optional.empty();
            }
            force |= Options.isLong(arg, "force") || Options.clusterHas(arg, "f", "e");
            dirs |= Options.clusterHas(arg, "d", "e");
            ignored |= Options.clusterHas(arg, "xX", "e");
        }
        if (force && (dirs || ignored)) {
            return Optional.of("git clean -f" + (dirs ? "d" : "") + (ignored ? "x" : "")
                    + " deletes untracked " + (ignored ? "and ignored " : "") + "files" + (dirs ? " and directories" : ""));
        }
        return Optional.empty();
    }
}
