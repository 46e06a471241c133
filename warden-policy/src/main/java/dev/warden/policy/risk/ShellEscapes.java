package dev.warden.policy.risk;

import dev.warden.policy.command.Options;
import dev.warden.policy.command.ProgramKinds;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Ways out of per-command review (the "shell" and "library-load" functions of GTFOBins): interactive shells and
 * REPLs, shells started by other programs ({@code vi -c ':!/bin/sh'}, {@code find -exec /bin/sh}), commands run from
 * inside inline code ({@code awk 'BEGIN {system(...)}'}), hidden code decoded and run, and native libraries loaded
 * into a program. Whatever runs there is never shown to Warden one command at a time; run as root, it is a root
 * shell.
 */
final class ShellEscapes {
    private ShellEscapes() {
    }

    /** Programs that open a shell or a REPL when given nothing to run. */
    private static final Set<String> INTERACTIVE = Set.of("python", "python2", "python3", "ipython", "bpython", "irb",
            "node", "nodejs", "lua", "tclsh", "wish", "jshell", "ghci", "julia", "clisp", "guile", "expect", "perl",
            "ruby", "php", "pwsh", "powershell", "R", "octave", "octave-cli", "gdb", "jjs", "jrunscript", "scala",
            "sbcl", "racket", "ocaml", "erl", "iex", "sqlite3", "bc", "dc", "ed", "ex", "screen", "tmux", "byobu",
            "script", "su", "sg", "newgrp", "capsh", "nsenter", "unshare", "chroot", "firejail", "bwrap", "ksu",
            "machinectl", "toolbox", "distrobox", "busybox");
    /** Markers of inline code that runs commands or programs. */
    private static final String[] EXEC_MARKERS = {"system(", "os.system", "os.exec", "os.spawn", "os.popen",
            "subprocess", "pty.spawn", "popen(", "execl(", "execv", "execve", "child_process", ".spawn(", "spawn ",
            ".exec(", "exec(", "exec \"", "exec '", "exec {", "getruntime", "processbuilder", "callcommand",
            "run-shell-command", "shell_exec", "passthru", "pcntl_exec", "proc_open", "io.popen", "kernel.exec",
            "esyscmd", "syscmd(", "\\write18", "execute_process", "os.execute", "run(`", "process.start",
            "call \"system\"", "syscall.exec", ":!", ":shell", ":terminal", ".shell ", "\\! ", "!sh", "--eval=$(shell",
            "$(shell "};
    /** Markers of inline code that loads native libraries. */
    private static final String[] LIBRARY_MARKERS = {"cdll", "ctypes", "loadlibrary", "dlopen", "fiddle", "load_module",
            "enable -f", "ffi.load", "system.loadlibrary"};
    /** Variables that name a program other programs start: setting them to a shell is an escape. */
    private static final Set<String> PROGRAM_VARIABLES = Set.of("PAGER", "GIT_PAGER", "MANPAGER", "SYSTEMD_PAGER",
            "EDITOR", "VISUAL", "SYSTEMD_EDITOR", "GIT_EDITOR", "SUDO_EDITOR", "LESSOPEN", "LESSCLOSE", "GIT_SSH",
            "GIT_SSH_COMMAND", "BROWSER", "RESTIC_PASSWORD_COMMAND", "AUTOM4TE", "GROFF_BIN_PATH", "PERL5OPT",
            "PERL5DB", "PYTHONSTARTUP", "BASH_ENV", "ENV", "NODE_OPTIONS", "RUBYOPT", "PROMPT_COMMAND", "GIT_EXTERNAL_DIFF",
            "GIT_ASKPASS", "SSH_ASKPASS", "SUDO_ASKPASS");

    /** Judges {@code inv}; true when it opens an interactive session (later lines of a script may be typed into it). */
    static boolean check(Invocation inv, Evidence ev) {
        String name = inv.name();
        RiskLevel escape = inv.privileged() ? RiskLevel.HIGH : RiskLevel.MEDIUM;
        String as = inv.privileged() ? " as root" : "";
        boolean session = interactive(inv, name);
        if (session) {
            ev.weakening(escape, "opens an interactive " + (ProgramKinds.isShell(name) ? "shell" : "session") + as
                    + "; what runs inside is not reviewed command by command", inv.line());
        } else if (!ProgramKinds.isShell(name) && startsShell(inv)) {
            ev.weakening(escape, "makes " + name + " start a shell" + as + ", outside per-command review", inv.line());
        }
        if (!ProgramKinds.isShell(name) && !PRINTERS.contains(name) && !name.equals("trap") && !name.equals("eval")) {
            for (int k = 0; k < inv.args().size(); k++) {
                String w = inv.args().get(k);
                String l = inv.lowerArgs().get(k);
                if ((l.indexOf('(') >= 0 || l.indexOf('!') >= 0 || l.indexOf(':') >= 0 || l.indexOf('"') >= 0
                        || l.indexOf('\'') >= 0 || l.indexOf('{') >= 0 || l.indexOf('`') >= 0 || l.indexOf(' ') >= 0)
                        && marker(l, EXEC_MARKERS)) {
                    ev.weakening(RiskLevel.MEDIUM, "runs commands from inside " + name + "'s own code, hidden from review", w);
                    break;
                }
            }
            if (inv.args().stream().anyMatch(w -> w.equals("--shell-escape") || w.equals("-shell-escape")
                    || w.equals("--unsafe") || w.equals("--enable-write18"))) {
                ev.weakening(RiskLevel.MEDIUM, "lets " + name + " run shell commands", inv.line());
            }
        }
        decodeAndRun(inv, ev);
        libraries(inv, ev);
        for (String assignment : inv.assignments()) {
            variable(assignment, ev);
        }
        if (PRINTERS.contains(name) && !inv.writes().isEmpty() && inv.args().stream().anyMatch(ShellEscapes::namesShell)) {
            ev.weakening(RiskLevel.MEDIUM, "writes a script that starts a shell", inv.line() + " > " + inv.writes().getFirst());
        }
        if (name.equals("sed") && inv.args().stream().anyMatch(w -> w.equals("e") || SED_EXECUTE.matcher(w).matches())) {
            ev.weakening(RiskLevel.MEDIUM, "makes sed run lines as shell commands", inv.line());
        }
        if (name.equals("git") && inv.has("apply") && inv.has("--unsafe-paths")) {
            ev.weakening(RiskLevel.MEDIUM, "lets git apply write outside the repository", inv.line());
        }
        return session;
    }

    private static final Set<String> PRINTERS = Set.of("echo", "printf", "cat", "print");
    /** Programs that build, inspect or move libraries without loading them. */
    private static final Set<String> LIBRARY_HANDLERS = Set.of("gcc", "cc", "clang", "g++", "clang++", "ld", "ld.gold",
            "ld.lld", "make", "cmake", "ninja", "ar", "strip", "objdump", "nm", "readelf", "ldd", "file", "ls", "cp", "mv",
            "rm", "ln", "chmod", "install", "find", "locate", "cat", "stat");
    private static final Pattern SED_EXECUTE = Pattern.compile("(?:[0-9$]+|/[^/]*/)e( .*)?");

    /** A shell or REPL with nothing to run: {@code bash}, {@code python3}, {@code su -}, {@code chroot /}. */
    private static boolean interactive(Invocation inv, String name) {
        List<String> args = inv.args();
        if (ProgramKinds.isShell(name)) {
            if (name.equals("busybox")) {
                return args.size() == 1 && ProgramKinds.isShell(args.getFirst());
            }
            // Under xargs the pipe feeds xargs, not the shell; a terminal is not a script.
            boolean stdinPiped = (!inv.upstream().isEmpty() && !Options.basename(inv.words().getFirst()).equals("xargs"))
                    || inv.reads().stream().anyMatch(r -> !SensitivePaths.harmlessDevice(r));
            return !stdinPiped && args.stream().allMatch(w -> w.startsWith("-") && !Options.clusterHas(w, "c", "oO")
                    || w.startsWith("+"));
        }
        if (!INTERACTIVE.contains(name)) {
            if (!inv.operands().isEmpty() && inv.operands().getFirst().equals("shell")) {
                return true; // ansible-test shell, pipenv shell, cdist shell: a subcommand that opens one
            }
            return switch (name) {
                case "systemd-run" -> args.stream().anyMatch(w -> w.equals("-S") || w.equals("--shell") || w.equals("-t")
                        && args.size() == 1);
                case "sudo", "doas" -> args.stream().anyMatch(w -> Options.clusterHas(w, "si", "ugCDhpRrTU")
                        || w.equals("--shell") || w.equals("--login"));
                default -> false;
            };
        }
        return switch (name) {
            case "su", "ksu" -> args.stream().noneMatch(w -> w.equals("-c") || w.startsWith("--command"));
            case "sg", "newgrp" -> args.size() <= 1;
            case "chroot" -> inv.operands().size() <= 1;
            case "screen", "tmux", "byobu" -> args.stream().noneMatch(w -> w.equals("-ls") || w.equals("ls")
                    || w.equals("-list") || w.startsWith("list-") || w.startsWith("kill-") || w.equals("-X")
                    || w.equals("send-keys") || w.equals("has-session") || w.equals("-v") || w.equals("-V"));
            case "script" -> !inv.has("-c") && !inv.args().stream().anyMatch(w -> w.startsWith("--command"));
            case "capsh", "nsenter", "unshare", "firejail", "bwrap" -> inv.operands().isEmpty() || inv.has("--");
            case "machinectl" -> inv.has("shell") || inv.has("login");
            case "toolbox", "distrobox" -> inv.has("enter");
            case "expect" -> args.stream().noneMatch(w -> !w.startsWith("-") || w.equals("-c") || w.equals("-f"));
            case "gdb", "ed", "ex", "sqlite3", "bc", "dc" -> args.isEmpty();
            default -> args.isEmpty() || args.stream().allMatch(w -> w.equals("-i") || w.equals("-q") || w.equals("-a")
                    || w.equals("--interactive") || w.equals("-nx") || w.equals("-Q") || w.equals("--no-save"));
        };
    }

    /** A shell given by path to another program: {@code -exec /bin/sh}, {@code exec:/bin/sh,pty}, {@code '!/bin/sh'}. */
    private static boolean startsShell(Invocation inv) {
        for (String w : inv.args()) {
            if (namesShell(w)) {
                return true;
            }
        }
        return false;
    }

    /** Whether a word contains a shell's path as a command ({@code /bin/sh}, {@code /usr/bin/bash -i}). */
    static boolean namesShell(String word) {
        int from = 0;
        while (true) {
            int bin = word.indexOf("/bin/", from);
            if (bin < 0) {
                return false;
            }
            int start = bin + 5;
            int end = start;
            while (end < word.length() && (Character.isLetterOrDigit(word.charAt(end)) || word.charAt(end) == '-')) {
                end++;
            }
            boolean boundary = end == word.length() || " ,;'\")<>&|#\t\n$@".indexOf(word.charAt(end)) >= 0;
            if (boundary && ProgramKinds.isShell(word.substring(start, end)) && !word.substring(start, end).equals("busybox")) {
                return true;
            }
            from = start;
        }
    }

    /** Whether lower-case text contains any of the markers. */
    static boolean marker(String lower, String[] markers) {
        for (String m : markers) {
            if (lower.contains(m)) {
                return true;
            }
        }
        return false;
    }

    /** python -c 'exec(base64.b64decode(...))': code hidden by encoding, run without anyone reading it. */
    private static void decodeAndRun(Invocation inv, Evidence ev) {
        for (int k = 0; k < inv.args().size(); k++) {
            String w = inv.args().get(k);
            String l = inv.lowerArgs().get(k);
            if ((l.contains("b64decode") || l.contains("base64.decode") || l.contains("decode_base64")
                    || l.contains("frombase64string") || l.contains("atob(") || l.contains("unhexlify")
                    || l.contains("bytes.fromhex") || l.contains("from_base64"))
                    && (l.contains("exec(") || l.contains("eval(") || l.contains("system(") || l.contains("exec ")
                    || l.contains("popen") || l.contains("subprocess") || l.contains("|sh") || l.contains("| sh"))) {
                ev.weakening(RiskLevel.HIGH, "decodes hidden code and runs it, so nobody reads it first", w);
                return;
            }
        }
    }

    /** LD_PRELOAD and friends, and native libraries handed to programs (enable -f, --engine, load_module). */
    private static void libraries(Invocation inv, Evidence ev) {
        if (LIBRARY_HANDLERS.contains(inv.name())) {
            return;
        }
        for (int k = 0; k < inv.args().size(); k++) {
            String w = inv.args().get(k);
            String l = inv.lowerArgs().get(k);
            boolean sharedObject = l.endsWith(".so") || l.contains(".so ") || l.contains(".so\"") || l.contains(".so'")
                    || l.contains(".so)") || l.contains(".so;") || l.contains(".so.");
            if (sharedObject && !l.startsWith("/usr/lib") && !l.startsWith("/lib") || marker(l, LIBRARY_MARKERS)) {
                ev.weakening(RiskLevel.MEDIUM, "loads a native library into " + inv.name() + ", running its code", w);
                return;
            }
        }
        if (inv.name().equals("ldconfig") && inv.has("-f") || inv.name().equals("mysql") && inv.args().stream()
                .anyMatch(w -> w.startsWith("--default-auth") || w.startsWith("--plugin-dir"))) {
            ev.weakening(RiskLevel.MEDIUM, "points " + inv.name() + " at native libraries of its choosing", inv.line());
        }
    }

    /** {@code LD_PRELOAD=x}, {@code PAGER='/bin/sh -c ...'}, {@code HISTFILE=/dev/null}: variables that change later runs. */
    static void variable(String assignment, Evidence ev) {
        int eq = assignment.indexOf('=');
        if (eq <= 0) {
            return;
        }
        String name = assignment.substring(0, eq);
        String value = assignment.substring(eq + 1);
        String lower = value.toLowerCase(Locale.ROOT);
        switch (name) {
            case "LD_PRELOAD", "LD_AUDIT" -> ev.weakening(RiskLevel.HIGH,
                    "injects a library into every program started", assignment);
            case "LD_LIBRARY_PATH", "DYLD_INSERT_LIBRARIES", "DYLD_LIBRARY_PATH" -> ev.weakening(RiskLevel.MEDIUM,
                    "changes which native libraries programs load", assignment);
            case "HISTFILE", "HISTSIZE", "HISTFILESIZE", "SAVEHIST" -> {
                if (value.isEmpty() || value.equals("0") || value.equals("/dev/null")) {
                    ev.weakening(RiskLevel.HIGH, "turns off the shell history, hiding what ran", assignment);
                }
            }
            case "HISTCONTROL", "HISTIGNORE" -> ev.weakening(RiskLevel.MEDIUM,
                    "keeps commands out of the shell history", assignment);
            case "GIT_SSL_NO_VERIFY", "NODE_TLS_REJECT_UNAUTHORIZED", "PYTHONHTTPSVERIFY", "CURL_CA_BUNDLE",
                 "REQUESTS_CA_BUNDLE", "GIT_SSL_CAINFO", "NODE_EXTRA_CA_CERTS", "SSL_CERT_FILE" -> {
                boolean off = name.equals("GIT_SSL_NO_VERIFY") ? !value.equals("0") && !value.equalsIgnoreCase("false")
                        : name.equals("NODE_TLS_REJECT_UNAUTHORIZED") || name.equals("PYTHONHTTPSVERIFY")
                        ? value.equals("0") : true;
                if (off) {
                    ev.weakening(RiskLevel.MEDIUM, "changes or turns off TLS certificate checks", assignment);
                }
            }
            default -> {
                if (name.startsWith("WARDEN_")) {
                    ev.weakening(RiskLevel.CRITICAL, "changes Warden's own settings from inside the session", assignment);
                } else if (PROGRAM_VARIABLES.contains(name)) {
                    boolean shell = namesShell(value) || lower.contains("sh -c") || lower.contains(";")
                            || lower.contains("$(") || lower.contains("`") || lower.startsWith("/tmp/")
                            || lower.contains("exec") || lower.startsWith("-d") || name.equals("PROMPT_COMMAND");
                    if (shell) {
                        ev.weakening(RiskLevel.MEDIUM, "makes programs that read " + name + " run a command of its choosing",
                                assignment);
                    }
                    if (name.equals("PROMPT_COMMAND") && (lower.contains("history") || lower.contains("logger"))) {
                        ev.credential(RiskLevel.HIGH, "records every command typed, passwords included", assignment);
                        ev.exfiltration(RiskLevel.MEDIUM, "collects what people type", assignment);
                    }
                }
            }
        }
    }
}
