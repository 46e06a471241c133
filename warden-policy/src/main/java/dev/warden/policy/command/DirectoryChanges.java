package dev.warden.policy.command;

import dev.warden.policy.shell.NameSet;
import java.nio.file.Path;
import java.util.List;

/**
 * Commands that move the shell's working directory for the commands after them: {@code cd DIR && rm -rf x}
 * deletes {@code DIR/x}. The builtins {@code cd}, {@code pushd} and {@code popd}, also behind {@code builtin} or
 * {@code command}, which run the same builtin.
 */
public final class DirectoryChanges {
    private DirectoryChanges() {
    }

    private static final NameSet BUILTINS = NameSet.of("cd", "pushd", "popd");

    /** Where the builtin's name is in {@code argv}, past {@code builtin} and {@code command}; -1 when argv changes no directory. */
    private static int builtinAt(List<String> argv) {
        String first = argv.isEmpty() ? "" : argv.getFirst();
        char c = first.isEmpty() ? 0 : first.charAt(0);
        if (c != 'c' && c != 'p' && c != 'b') {
            return -1; // cd, pushd, popd, builtin, command: every segment asks, and most start otherwise
        }
        int i = 0;
        while (i < argv.size() && (argv.get(i).equals("builtin") || argv.get(i).equals("command"))) {
            i++;
            while (i < argv.size() && argv.get(i).equals("--")) {
                i++;
            }
        }
        return i < argv.size() && BUILTINS.contains(argv.get(i)) ? i : -1;
    }

    /** Whether {@code argv} moves the working directory of the commands after it. */
    public static boolean changesDirectory(List<String> argv) {
        return builtinAt(argv) >= 0;
    }

    /**
     * Where {@code argv}, which {@link #changesDirectory changes directory}, takes the shell from {@code context}'s
     * working directory, or null when only run time knows: {@code cd -}, {@code cd ~user}, a variable other than
     * {@code $HOME} and {@code $PWD}, a substitution, {@code popd}, {@code pushd} without a directory (it swaps
     * the top two of the stack) and {@code pushd +N}; {@code pushd -n} and {@code popd -n} stay where they are.
     * Paths are resolved as the danger checks resolve them ({@link TargetPaths#resolve}); {@code cd} alone goes
     * home. With {@code cdpath} (the environment or the script sets {@code CDPATH}) a relative directory that does
     * not start with {@code .} or {@code ..} is unknowable too, since the shell looks it up in CDPATH first.
     */
    public static Path target(List<String> argv, DangerContext context, boolean cdpath) {
        int at = builtinAt(argv);
        if (at < 0) {
            throw new IllegalArgumentException("not a directory change: " + argv);
        }
        String name = argv.get(at);
        if (!name.equals("cd") && argv.subList(at + 1, argv.size()).stream().anyMatch(w -> w.equals("-n"))) {
            return context.cwd(); // pushd -n and popd -n change only the stack
        }
        List<String> operands = argv.subList(at + 1, argv.size()).stream()
                .filter(w -> !w.startsWith("-") || w.equals("-") || (!name.equals("cd") && isStackIndex(w))).toList();
        if (name.equals("popd")) {
            return null;
        }
        if (operands.isEmpty()) {
            return name.equals("cd") && context.homeAndPwdKnown() ? context.home() : null;
        }
        String dir = operands.getFirst();
        if (dir.equals("-") || isStackIndex(dir)) {
            return null;
        }
        if (cdpath && viaCdpath(dir)) {
            return null;
        }
        return TargetPaths.resolve(dir, context);
    }

    /** Whether the shell would look {@code dir} up in CDPATH: relative, and not starting with {@code .} or {@code ..}. */
    private static boolean viaCdpath(String dir) {
        if (dir.startsWith("/") || dir.startsWith("~") || dir.startsWith("$HOME") || dir.startsWith("${HOME}")
                || dir.startsWith("$PWD")) {
            return false;
        }
        String first = dir.indexOf('/') < 0 ? dir : dir.substring(0, dir.indexOf('/'));
        return !first.equals(".") && !first.equals("..");
    }

    /** {@code +N} or {@code -N}: a position in pushd's directory stack. */
    private static boolean isStackIndex(String word) {
        return word.length() > 1 && (word.charAt(0) == '+' || word.charAt(0) == '-')
                && word.chars().skip(1).allMatch(Character::isDigit);
    }
}
