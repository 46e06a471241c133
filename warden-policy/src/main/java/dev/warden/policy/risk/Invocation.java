package dev.warden.policy.risk;

import dev.warden.policy.command.CommandWrappers;
import dev.warden.policy.command.DangerContext;
import dev.warden.policy.command.Options;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * One simple command as the engine judges it: the program that finally runs (wrappers such as sudo, env, nice,
 * timeout, xargs looked through), where it runs, whether it runs with root's privileges, and what flows into and
 * out of it.
 *
 * @param words       the command's words as written
 * @param argv        the command that finally runs; {@code argv.getFirst()} is its program
 * @param name        the program's base name ({@code /usr/bin/curl} is {@code curl})
 * @param context     where it runs, for judging paths
 * @param privileged  whether sudo, doas, pkexec or su runs it as another user (root by default)
 * @param assignments {@code NAME=value} words set for it or before it
 * @param reads       files redirected into it ({@code < file})
 * @param writes      files its output is redirected to ({@code > file}, {@code >> file})
 * @param appends     those of {@code writes} it appends to ({@code >> file}), keeping what was there
 * @param upstream    the commands whose output flows into it through a pipeline, nearest last
 * @param pipedOn     whether its output flows into another command
 * @param lowerArgs   the arguments in lower case, computed once for the many case-insensitive checks
 */
record Invocation(List<String> words, List<String> argv, String name, DangerContext context, boolean privileged,
        List<String> assignments, List<String> reads, List<String> writes, List<String> appends, List<Invocation> upstream,
        boolean pipedOn, List<String> lowerArgs) {

    private static final Set<String> PRIVILEGE_WRAPPERS = Set.of("sudo", "doas", "pkexec", "run0");

    Invocation {
        words = List.copyOf(words);
        argv = List.copyOf(argv);
        assignments = List.copyOf(assignments);
        reads = List.copyOf(reads);
        writes = List.copyOf(writes);
        appends = List.copyOf(appends);
        upstream = List.copyOf(upstream);
        lowerArgs = List.copyOf(lowerArgs);
    }

    /** Builds the invocation of {@code words}, looking through wrappers. */
    static Invocation of(List<String> words, DangerContext context, boolean privileged, List<String> assignments,
            List<String> reads, List<String> writes, List<String> appends, List<Invocation> upstream, boolean pipedOn) {
        List<String> all = new ArrayList<>(assignments);
        List<String> argv = words;
        DangerContext ctx = context;
        boolean root = privileged;
        // pkexec is not a wrapper the policy engine unwraps (it always asks), but it runs its command as root.
        for (int round = 0; round < 4 && !argv.isEmpty(); round++) {
            CommandWrappers.Unwrapped inner = CommandWrappers.unwrap(argv, ctx);
            if (inner == null) {
                break;
            }
            int offset = argv.size() - inner.argv().size();
            for (int i = 0; i < Math.max(0, offset); i++) {
                String w = argv.get(i);
                root |= PRIVILEGE_WRAPPERS.contains(Options.basename(w));
                if (CommandWrappers.isAssignment(w)) {
                    all.add(w);
                }
            }
            ctx = inner.context() != null ? inner.context() : ctx;
            boolean moved = inner.argv() != argv && offset != 0;
            argv = inner.argv();
            String first = Options.basename(argv.getFirst());
            if (first.equals("pkexec") || first.equals("run0")) {
                root = true;
                argv = argv.size() > 1 ? argv.subList(1, argv.size()) : argv;
                continue;
            }
            if (!moved) {
                break;
            }
        }
        List<String> lower = new ArrayList<>(argv.size());
        for (int i = 1; i < argv.size(); i++) {
            lower.add(argv.get(i).toLowerCase(Locale.ROOT));
        }
        return new Invocation(words, argv, Options.basename(argv.getFirst()), ctx, root, all, reads, writes, appends,
                upstream, pipedOn, lower);
    }

    /** The words after the program name. */
    List<String> args() {
        return argv.subList(1, argv.size());
    }

    /** The command as one line, for evidence. */
    String line() {
        return String.join(" ", argv);
    }

    /** Whether any argument is exactly {@code word}. */
    boolean has(String word) {
        return args().contains(word);
    }

    /** Whether any argument is one of {@code words}. */
    boolean hasAny(String... candidates) {
        for (String c : candidates) {
            if (has(c)) {
                return true;
            }
        }
        return false;
    }

    /** The word after the first {@code option} (or the value of {@code option=value}), or null. */
    String value(String... options) {
        List<String> a = args();
        for (int i = 0; i < a.size(); i++) {
            for (String option : options) {
                String w = a.get(i);
                if (w.equals(option)) {
                    return i + 1 < a.size() ? a.get(i + 1) : null;
                }
                if (option.startsWith("--") && w.startsWith(option + "=")) {
                    return w.substring(option.length() + 1);
                }
            }
        }
        return null;
    }

    /** The arguments that are not options (words not starting with '-'), in order. */
    List<String> operands() {
        List<String> out = new ArrayList<>();
        for (String w : args()) {
            if (!w.startsWith("-") || w.equals("-")) {
                out.add(w);
            }
        }
        return out;
    }
}
