package dev.warden.policy.command;

import dev.warden.policy.shell.NameSet;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Commands whose damage a sandbox cannot undo or that no one runs by accident: deleting outside the workspace or
 * the workspace itself, wiping disks, force-pushing, powering off, killing every process, opening permissions,
 * running code fresh from the network. Each answer is a one-line reason a person can check.
 *
 * <p>Reference: Codex's {@code is_dangerous_command.rs}, which flags any forced {@code rm}. Warden judges the
 * targets instead, so {@code rm -rf build} inside the workspace passes while {@code rm -r ~} does not, and it
 * looks through wrappers ({@code sudo}, {@code env}, {@code xargs}, ...) and into {@code sh -c} scripts.
 */
public final class DangerousCommands {
    private DangerousCommands() {
    }

    private static final NameSet PARTITION_EDITORS = NameSet.of("fdisk", "sfdisk", "cfdisk", "parted", "gdisk", "sgdisk");

    /** A one-line reason if this simple command is dangerous, else empty. Looks through wrappers such as sudo, env, xargs. */
    public static Optional<String> dangerReason(List<String> argv, DangerContext context) {
        return danger(argv, context).map(Danger::reason);
    }

    /** As {@link #dangerReason}, with the kind of harm. */
    public static Optional<Danger> danger(List<String> argv, DangerContext context) {
        return reason(argv, context, 0);
    }

    /** The danger of one simple command met {@code depth} levels down (find -exec, sh -c, ...). */
    static Optional<Danger> reason(List<String> argv, DangerContext context, int depth) {
        if (argv.isEmpty() || depth > 8) {
            return Optional.empty();
        }
        CommandWrappers.Unwrapped inner = CommandWrappers.unwrap(argv, context);
        if (inner == null) {
            return Optional.empty();
        }
        List<String> words = inner.argv();
        DangerContext ctx = inner.context();
        String name = Options.basename(words.getFirst());
        if (name.startsWith("mkfs")) {
            return Optional.of(new Danger(DangerKind.DISK, name + " formats a filesystem, erasing what was there"));
        }
        Optional<Danger> destructive = destructive(name, words, ctx, depth);
        if (destructive.isPresent()) {
            return destructive;
        }
        Optional<Danger> weakening = kind(DangerKind.SECURITY_CONTROL, SecurityWeakening.reason(name, words, ctx));
        if (weakening.isPresent() || !WRITERS.contains(name)) {
            return weakening;
        }
        return kind(DangerKind.AUTORUN_WRITE, SecurityWeakening.writesAutorun(name, words, ctx));
    }

    private static Optional<Danger> kind(DangerKind kind, Optional<String> reason) {
        return reason.map(r -> new Danger(kind, r));
    }

    /** Programs that write files named in their arguments, checked for files that run later. */
    private static final NameSet WRITERS = NameSet.of("tee", "cp", "mv", "install", "ln", "dd", "sed", "perl");

    private static Optional<Danger> destructive(String name, List<String> words, DangerContext ctx, int depth) {
        return switch (name) {
            case "rm" -> kind(DangerKind.DELETION, rm(words, ctx));
            case "find" -> FindDanger.reason(words, ctx, depth);
            case "dd" -> kind(DangerKind.DISK, SystemDanger.dd(words, ctx));
            case "mke2fs", "mkswap" -> kind(DangerKind.DISK, Optional.of(name + " formats a device, erasing what was there"));
            case "blkdiscard" -> kind(DangerKind.DISK, Optional.of("blkdiscard discards every block of a device"));
            case "wipefs" -> kind(DangerKind.DISK, SystemDanger.wipefs(words));
            case "shred" -> kind(DangerKind.DELETION, SystemDanger.shred(words, ctx));
            case "rsync" -> kind(DangerKind.DELETION, SystemDanger.rsync(words, ctx));
            case "tee", "cp", "mv", "install" -> SystemDanger.copyLike(name, words, ctx)
                    .map(r -> new Danger(r.startsWith("mv moves away") ? DangerKind.DELETION : DangerKind.DISK, r));
            case "git" -> kind(DangerKind.VCS_HISTORY, GitDanger.reason(words));
            case "chmod" -> kind(DangerKind.PERMISSIONS, PermissionChanges.chmod(words, ctx));
            case "chown", "chgrp" -> kind(DangerKind.PERMISSIONS, PermissionChanges.chown(name, words, ctx));
            case "shutdown", "reboot", "halt", "poweroff", "init", "telinit", "systemctl" ->
                    kind(DangerKind.POWER, SystemDanger.power(name, words));
            case "kill" -> kind(DangerKind.PROCESSES, SystemDanger.kill(words));
            case "pkill", "killall" -> kind(DangerKind.PROCESSES, SystemDanger.killByName(name, words));
            case "killall5" -> kind(DangerKind.PROCESSES, Optional.of("killall5 signals every process"));
            case "crontab" -> kind(DangerKind.DELETION, SystemDanger.crontab(words));
            // eval joins its arguments and runs them as shell code, as sh -c would.
            case "eval" -> words.size() < 2 ? Optional.empty()
                    : scriptDanger(String.join(" ", words.subList(1, words.size())), ctx, depth + 1, List.of());
            default -> {
                if (PARTITION_EDITORS.contains(name)) {
                    yield kind(DangerKind.DISK, SystemDanger.partitionEditor(name, words, ctx));
                }
                if (ProgramKinds.isShell(name)) {
                    String script = ProgramKinds.shellScript(words);
                    yield script == null ? Optional.empty() : scriptDanger(script, ctx, depth + 1, List.of());
                }
                if (ProgramKinds.isInterpreter(name)) {
                    yield kind(DangerKind.DELETION, InterpreterCode.deletion(name, words, ctx));
                }
                yield Optional.empty();
            }
        };
    }

    /**
     * rm is dangerous when recursive or forced and a target is not strictly inside a workspace root. GNU rm reads
     * options anywhere before {@code --}, so {@code rm /etc -rf} counts as recursive.
     */
    private static Optional<String> rm(List<String> argv, DangerContext context) {
        boolean recursive = false;
        boolean force = false;
        List<String> targets = new ArrayList<>();
        boolean options = true;
        for (int i = 1; i < argv.size(); i++) {
            String arg = argv.get(i);
            if (options && arg.equals("--")) {
                options = false;
            } else if (options && arg.startsWith("--")) {
                if (arg.equals("--no-preserve-root") || (arg.startsWith("--no-p") && "--no-preserve-root".startsWith(arg))) {
                    return Optional.of("rm --no-preserve-root disables the protection of /");
                }
                recursive |= Options.isLong(arg, "recursive") && arg.length() > 3;
                force |= Options.isLong(arg, "force");
            } else if (options && Options.isShortCluster(arg)) {
                recursive |= arg.indexOf('r') > 0 || arg.indexOf('R') > 0;
                force |= arg.indexOf('f') > 0;
            } else {
                targets.add(arg);
            }
        }
        if (!recursive && !force) {
            return Optional.empty();
        }
        String kind = recursive ? "recursive delete " : "forced delete ";
        for (String target : targets) {
            if (recursive && isGitDirectory(target)) {
                // Inside the workspace, but the one directory whose loss cannot be rebuilt: the project's history.
                return Optional.of("recursive delete of the git repository: " + target);
            }
            String phrase = TargetPaths.judge(target, context, false);
            if (phrase != null) {
                return Optional.of(kind + phrase);
            }
        }
        // xargs rm -rf with its paths on standard input is left to the approval policy: the usual producer is
        // `find . -name X` inside the workspace, and the sandbox confines what rm can reach.
        return Optional.empty();
    }

    private static boolean isGitDirectory(String target) {
        String t = target;
        while (t.endsWith("/") && t.length() > 1) {
            t = t.substring(0, t.length() - 1);
        }
        return t.equals(".git") || t.endsWith("/.git");
    }

    /** The files a command writes through its arguments (tee, cp, mv, install, ln, dd of=, sed -i), after wrappers. */
    public static List<String> filesWritten(List<String> argv) {
        CommandWrappers.Unwrapped inner = CommandWrappers.unwrap(argv, null);
        if (inner == null) {
            return List.of();
        }
        String name = Options.basename(inner.argv().getFirst());
        return WRITERS.contains(name) ? SecurityWeakening.written(name, inner.argv()) : List.of();
    }

    /**
     * Dangerous pipelines: code fetched from the network, or decoded from hiding, piped straight into a shell or an
     * interpreter reading its program from standard input ({@code curl ... | sh}, {@code base64 -d | bash}).
     */
    public static Optional<String> pipelineDanger(List<String> producer, List<String> consumer) {
        // Most pipes end in a filter (grep, wc, xargs ...), so the consumer decides first whether to look at all.
        CommandWrappers.Unwrapped to = CommandWrappers.unwrap(consumer, null);
        if (to == null || !runsCodeFromStdin(to.argv())) {
            return Optional.empty();
        }
        CommandWrappers.Unwrapped from = CommandWrappers.unwrap(producer, null);
        if (from == null) {
            return Optional.empty();
        }
        String source = Options.basename(from.argv().getFirst());
        String sink = Options.basename(to.argv().getFirst());
        if (ProgramKinds.isDownloader(source)) {
            return Optional.of("runs code straight from the network: " + source + " | " + sink);
        }
        if (decodes(source, from.argv())) {
            return Optional.of("runs decoded, hidden code: " + source + " | " + sink);
        }
        return Optional.empty();
    }

    /**
     * The danger of {@code producer | xargs CMD} when the producer's output can be read from its words: xargs
     * appends what it reads to CMD, so {@code echo /usr | xargs rm -rf} deletes /usr. echo and printf print
     * their operands; find prints its start points, or paths below them when a test narrows what it selects.
     * Other producers print what only run time knows, and are left to the approval policy like
     * {@code xargs rm -rf} alone.
     */
    public static Optional<Danger> xargsDanger(List<String> producer, List<String> consumer, DangerContext context) {
        XargsInput.Fed fed = XargsInput.fedByPipe(producer, consumer, context);
        return fed == null ? Optional.empty() : fed.danger();
    }

    private static boolean decodes(String name, List<String> argv) {
        return switch (name) {
            case "base64", "base32", "basenc" -> argv.stream().anyMatch(a -> a.equals("-d") || a.equals("-D")
                    || Options.isLongExact(a, "decode") || Options.clusterHas(a, "dD", "w"));
            case "xxd" -> argv.stream().anyMatch(a -> Options.clusterHas(a, "r", "cglos") || a.equals("-revert"));
            case "openssl" -> argv.contains("-d");
            case "uudecode" -> true;
            case "gpg" -> argv.contains("-d") || argv.contains("--decrypt");
            default -> false;
        };
    }

    /** Whether this shell or interpreter takes its program from standard input (no -c/-e, no script file, or "-"). */
    private static boolean runsCodeFromStdin(List<String> argv) {
        String name = Options.basename(argv.getFirst());
        boolean shell = ProgramKinds.isShell(name);
        if (name.equals("busybox")) {
            return argv.size() >= 2 && ProgramKinds.isShell(argv.get(1)) && runsCodeFromStdin(argv.subList(1, argv.size()));
        }
        if (!shell && !ProgramKinds.isInterpreter(name)) {
            return false;
        }
        for (int i = 1; i < argv.size(); i++) {
            String arg = argv.get(i);
            if (arg.equals("-") || arg.equals("/dev/stdin") || (shell && Options.clusterHas(arg, "s", "o"))) {
                return true;
            }
            if (arg.equals("--")) {
                return i + 1 >= argv.size() || argv.get(i + 1).equals("-");
            }
            if (arg.startsWith("-")) {
                if (shell ? Options.clusterHas(arg, "c", "o")
                        : Options.clusterHas(arg, "cemrEp", "") || arg.equals("--eval") || arg.equals("--print")
                        || arg.equalsIgnoreCase("-Command") || arg.equalsIgnoreCase("-File")) {
                    return false;
                }
                continue;
            }
            return false; // a script file: standard input is its data, not its program
        }
        return true;
    }

    /** Dangerous patterns in a raw script the splitter could not make plain; without a context only blatant targets count. */
    public static Optional<String> scriptDanger(String rawScript) {
        return scriptDanger(rawScript, null, 0, List.of()).map(Danger::reason);
    }

    /** As {@link #scriptDanger(String)}, judging paths against where the script runs. */
    public static Optional<String> scriptDanger(String rawScript, DangerContext context) {
        return scriptDanger(rawScript, context, 0, List.of()).map(Danger::reason);
    }

    /**
     * A simple command that {@link #dangerReason} already found harmless where it runs: the raw scan of the same
     * script finds most of the splitter's commands again, and judging one twice gives the same answer.
     */
    public record Cleared(List<String> argv, DangerContext context) {
    }

    /**
     * As {@link #scriptDanger(String, DangerContext)}, skipping the commands in {@code cleared} when the scan
     * meets them with the same words in the same context (the answer for them is known to be none).
     */
    public static Optional<String> scriptDanger(String rawScript, DangerContext context, List<Cleared> cleared) {
        return scriptDanger(rawScript, context, 0, cleared).map(Danger::reason);
    }

    /** Shapes of a raw script that are dangerous as a whole (fork bombs, eval of a download), whatever its commands. */
    public static Optional<Danger> scriptPattern(String rawScript) {
        return ScriptPatterns.reason(rawScript);
    }

    private static Optional<Danger> scriptDanger(String rawScript, DangerContext context, int depth,
            List<Cleared> cleared) {
        Optional<Danger> pattern = ScriptPatterns.reason(rawScript);
        if (pattern.isPresent()) {
            return pattern;
        }
        RawScript.Scan scan = RawScript.scan(rawScript);
        DangerContext start = ShellVariables.contextFor(rawScript, context);
        DangerContext ctx = start;
        boolean moved = false;
        boolean cdpath = ShellVariables.mayAssign(rawScript, "CDPATH");
        for (List<String> scanned : scan.commands()) {
            // a=rm; $a -rf /usr: the program a variable was set to, or the one it is named after ($RM_BIN).
            List<String> command = scanned.isEmpty() ? scanned
                    : ProgramVariables.resolve(scanned, rawScript, scan.assignments());
            if (ctx != null && DirectoryChanges.changesDirectory(command)) {
                moved = true;
                // A directory known only at run time leaves only context-free judgement.
                Path dir = DirectoryChanges.target(command, ctx, cdpath);
                ctx = dir == null ? null : ctx.withCwd(dir);
            }
            if (depth == 0 && isCleared(command, ctx, cleared)) {
                continue;
            }
            Optional<Danger> reason = reason(command, ctx, depth);
            if (reason.isPresent()) {
                return reason;
            }
        }
        for (RawScript.Redirect r : scan.redirects()) {
            Optional<Danger> reason = redirect(r.target(), ctx);
            if (reason.isPresent()) {
                return reason;
            }
        }
        for (RawScript.Pipe pipe : scan.pipes()) {
            Optional<String> reason = pipelineDanger(pipe.producer(), pipe.consumer());
            if (reason.isPresent()) {
                return kind(DangerKind.REMOTE_CODE, reason);
            }
            // The scan keeps no directory per pipe, so only a script that never changes directory is judged here.
            Optional<Danger> fed = moved || start == null ? Optional.empty()
                    : xargsDanger(pipe.producer(), pipe.consumer(), start);
            if (fed.isPresent()) {
                return fed;
            }
        }
        return Optional.empty();
    }

    private static boolean isCleared(List<String> command, DangerContext ctx, List<Cleared> cleared) {
        if (ctx == null) {
            return false;
        }
        for (Cleared c : cleared) {
            if (c.argv().equals(command) && (c.context() == ctx || c.context().equals(ctx))) {
                return true;
            }
        }
        return false;
    }

    /**
     * Why writing to {@code target} through a shell redirection ({@code > target}, {@code >> target}) is dangerous:
     * a disk device, a file that runs later (shell start-up files, cron, git hooks, ...), or bash's
     * {@code /dev/tcp} network pseudo-files; empty for ordinary files.
     *
     * @param context where the command runs, or null when unknown
     */
    public static Optional<String> redirectDanger(String target, DangerContext context) {
        return redirect(target, context).map(Danger::reason);
    }

    /** As {@link #redirectDanger}, with the kind of harm. */
    public static Optional<Danger> redirect(String target, DangerContext context) {
        if (target.startsWith("/dev/tcp/") || target.startsWith("/dev/udp/")) {
            return Optional.of(new Danger(DangerKind.RAW_NETWORK,
                    "redirection opens a raw network connection, a reverse-shell technique: " + target));
        }
        if (TargetPaths.isDevice(target, context)) {
            return Optional.of(new Danger(DangerKind.DISK, "redirection writes to the device " + target));
        }
        String later = AutorunPaths.runsLater(target, context);
        return later == null ? Optional.empty() : Optional.of(new Danger(DangerKind.AUTORUN_WRITE, "redirection writes " + later));
    }
}
