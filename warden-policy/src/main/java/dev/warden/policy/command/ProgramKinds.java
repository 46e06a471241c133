package dev.warden.policy.command;

import dev.warden.policy.shell.NameSet;
import java.util.List;

/** What a program is by name: a command shell, a scripting language interpreter, or a network client. */
public final class ProgramKinds {
    private ProgramKinds() {
    }

    private static final NameSet SHELLS = NameSet.of("sh", "bash", "dash", "zsh", "ksh", "ash", "mksh", "yash", "fish",
            "csh", "tcsh", "busybox", "posh", "sash", "elvish", "rc", "oksh", "loksh", "nu", "xonsh");

    private static final NameSet INTERPRETERS = NameSet.of("python", "python2", "python3", "pypy", "pypy3", "perl",
            "ruby", "node", "nodejs", "php", "lua", "osascript", "pwsh", "powershell", "tclsh", "irb", "bun", "deno");

    private static final NameSet DOWNLOADERS = NameSet.of("curl", "wget", "fetch", "aria2c", "http", "https", "xh",
            "nc", "ncat", "netcat", "socat", "lynx", "links", "ftp", "tftp");

    /** Whether a program name (a basename) is a command shell. */
    public static boolean isShell(String name) {
        return SHELLS.contains(name);
    }

    /** Whether a program name (a basename) is a scripting language interpreter: python, perl, node, python3.12... */
    public static boolean isInterpreter(String name) {
        return INTERPRETERS.contains(name) || isVersionedInterpreter(name);
    }

    /** Whether a program name (a basename) fetches from or talks to the network: curl, wget, nc, socat... */
    public static boolean isDownloader(String name) {
        return DOWNLOADERS.contains(name);
    }

    /** python3.12, perl5.36, ruby3.2, php8.1: an interpreter's name followed by a version only. */
    static boolean isVersionedInterpreter(String name) {
        if (name.length() < 4 || !Character.isDigit(name.charAt(name.length() - 1))) {
            return false; // on every unknown command's path: most names end in a letter
        }
        for (String base : new String[] {"python", "perl", "ruby", "php"}) {
            if (name.startsWith(base) && name.length() > base.length()
                    && name.chars().skip(base.length()).allMatch(c -> Character.isDigit(c) || c == '.')) {
                return true;
            }
        }
        return false;
    }

    /** The script of {@code sh -c SCRIPT} (also {@code bash -lc}, {@code busybox sh -c}), or null when not given. */
    public static String shellScript(List<String> argv) {
        int i = 1;
        if (Options.basename(argv.getFirst()).equals("busybox")) {
            if (argv.size() < 2 || !SHELLS.contains(argv.get(1))) {
                return null;
            }
            i = 2;
        }
        boolean command = false;
        for (; i < argv.size(); i++) {
            String arg = argv.get(i);
            if (arg.equals("--") || arg.equals("-")) {
                i++;
                break;
            }
            if ((arg.startsWith("-") || arg.startsWith("+")) && arg.length() > 1 && !arg.startsWith("--")) {
                command |= arg.indexOf('c') > 0;
                if (arg.endsWith("o") || arg.endsWith("O")) {
                    i++; // -o option-name
                }
            } else if (!arg.startsWith("--")) {
                break;
            }
        }
        return command && i < argv.size() ? argv.get(i) : null;
    }

}
