package dev.warden.sandbox.bwrap;

import dev.warden.sandbox.Stdio;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Starts bubblewrap with the JDK's own process spawn, through a three-line {@code /bin/sh} trampoline
 * that does what {@link ProcessBuilder} cannot: it joins the command's pids cgroup (writing its own pid
 * to {@code cgroup.procs}, so bwrap and everything under it are born counted, with no race and on cgroup
 * v1 and v2 alike), opens the seccomp filter and the option file as descriptors 3 and 4, and execs
 * {@code setsid} (a session of its own, as {@code PosixSpawn}'s new-session flag gives) which execs bwrap.
 *
 * <p>Why not {@code PosixSpawn}: binding its two dozen libc functions through FFM is the largest single
 * cost of a cold {@code warden exec} (about 150 ms on a 2-core host, see docs/BENCHMARKS.md section 4),
 * for a command that may run for a millisecond. The JDK's spawn closes every descriptor above 2 in the
 * child, so nothing the JVM has open (the audit store, sockets) reaches the trampoline or bwrap. The
 * shell runs with {@code PATH=/usr/bin:/bin} only and absolute paths, never with the command's
 * environment. A pseudo-terminal session still goes through {@code PosixSpawn}: it needs the terminal
 * opened in the child after {@code setsid}.
 */
public final class ShellLaunch {
    static final Path SHELL = Path.of("/bin/sh");
    /** Exit status of the trampoline when it cannot enter the cgroup: the command never ran. */
    public static final int CANNOT_ENTER_CGROUP = 125;

    /**
     * $1 the seccomp filter, $2 the option file, $3 cgroup.procs or empty; the rest is setsid, bwrap and
     * its arguments. A failed redirection makes sh exit before exec, so bwrap never starts half-armed.
     */
    static final String SCRIPT = """
            f=$1 a=$2 p=$3; shift 3
            if [ -n "$p" ] && ! { echo $$ >"$p"; } 2>/dev/null; then echo "warden: cannot enter the pids cgroup ($p); the command did not run" >&2; exit 125; fi
            exec "$@" 3<"$f" 4<"$a"
            """;

    private ShellLaunch() {}

    /** util-linux's setsid from the fixed system directories, if the host has it. */
    public static Optional<Path> setsid() {
        for (String candidate : List.of("/usr/bin/setsid", "/bin/setsid")) {
            Path path = Path.of(candidate);
            if (Files.isExecutable(path)) {
                return Optional.of(path);
            }
        }
        return Optional.empty();
    }

    /** Whether this host has what the trampoline needs; otherwise the caller spawns through FFM. */
    public static boolean available() {
        return Files.isExecutable(SHELL) && setsid().isPresent();
    }

    /**
     * Everything a trampoline needs to start one sandbox: run {@link #SCRIPT} as
     * {@code sh -c SCRIPT warden-bwrap FILTER OPTIONS PROCS SETSID -- BWRAP --args 4 -- COMMAND...}. Handed to
     * {@link #start} in this JVM, or to a process outside it ({@code BwrapBackend.launchHandedOff}: the daemon's
     * {@code warden exec} client, which runs the same steps on its own stdin, stdout and stderr).
     *
     * @param filter      the seccomp filter, opened as fd 3
     * @param options     bwrap's NUL-separated options (the command's environment included), opened as fd 4
     * @param cgroupProcs the {@code cgroup.procs} file of the command's pids cgroup, if it has one
     * @param command     what bwrap runs after {@code --}
     */
    public record Plan(Path bwrap, Path setsid, Path filter, Path options, Optional<Path> cgroupProcs,
            List<String> command) {
        public Plan {
            command = List.copyOf(command);
        }

        /** The trampoline's whole command line, as {@link #start} runs it. */
        public List<String> argv() {
            List<String> argv = new ArrayList<>(command.size() + 12);
            argv.addAll(List.of(SHELL.toString(), "-c", SCRIPT, "warden-bwrap", filter.toString(), options.toString(),
                    cgroupProcs.map(Path::toString).orElse(""), setsid.toString(), "--", bwrap.toString(), "--args", "4",
                    "--"));
            argv.addAll(command);
            return argv;
        }
    }

    /**
     * Starts {@code bwrap --args 4 -- COMMAND...} with the filter as fd 3 and the options from fd 4.
     *
     * @param stdio redirects only; a terminal is {@code PosixSpawn}'s job
     */
    public static Process start(Plan plan, Stdio stdio) throws IOException {
        if (stdio.isTerminal()) {
            throw new IllegalArgumentException("a terminal session is started through PosixSpawn");
        }
        ProcessBuilder builder = new ProcessBuilder(plan.argv())
                .directory(Path.of("/").toFile())
                .redirectInput(stdio.in())
                .redirectOutput(stdio.out())
                .redirectError(stdio.err());
        builder.environment().clear();
        builder.environment().put("PATH", "/usr/bin:/bin");
        return builder.start();
    }
}
