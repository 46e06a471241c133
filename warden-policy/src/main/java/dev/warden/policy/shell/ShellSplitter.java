package dev.warden.policy.shell;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Splits a shell script into the simple commands bash would run, so each can be judged on its own.
 *
 * <p>The plain subset is words of unquoted ordinary characters, single quotes, double quotes without {@code $}
 * or backticks, backslash escapes, line continuations and comments, joined by {@code && || ; |} and newlines,
 * with descriptor duplications ({@code 2>&1}) and redirections to or from {@code /dev/null} dropped. For such a
 * script the words are exactly bash's (a differential test runs bash itself). Everything else (expansions,
 * globs, other redirections, compound commands, assignments, builtins that change how later commands run) makes
 * the script complex, with a reason per construct. The rules also cover what dash and zsh would do differently
 * in their default configuration ({@code =cmd} words, zsh reserved words); a construct any of them reads
 * differently is complex. The scanner is a single pass without regular expressions, and never throws on any
 * input.
 */
public final class ShellSplitter {
    private static final NameSet SHELLS = NameSet.of("bash", "sh", "zsh", "dash");
    /**
     * A shell named by path runs the inner script only if it is the real shell: /tmp/x/bash could be anything,
     * so only the system directories count.
     */
    private static final List<String> SHELL_DIRECTORIES = List.of("/bin/", "/usr/bin/", "/usr/local/bin/");

    private ShellSplitter() {
    }

    public static ParsedScript parse(String script) {
        return parse(script, true);
    }

    /** As {@link #parse(String)}; without the plain-word shortcut every word goes through the general loop. */
    static ParsedScript parse(String script, boolean plainWordShortcut) {
        Objects.requireNonNull(script, "script");
        Findings findings = new Findings(plainWordShortcut);
        checkCharacters(script, findings);
        new ListScanner(new ScriptCursor(script, findings, 0), false).parse();
        List<SimpleCommand> commands = findings.commands;
        if (!commands.isEmpty() && !commands.getLast().operatorAfter().isEmpty()) {
            commands.set(commands.size() - 1, new SimpleCommand(commands.getLast().words(), ""));
        }
        return new ParsedScript(script, commands, findings.reasons());
    }

    /**
     * The parse of SCRIPT when {@code argv} is {@code [SHELL, -c, SCRIPT, ...]}, {@code [SHELL, -lc, SCRIPT, ...]}
     * or {@code [SHELL, -l, -c, SCRIPT, ...]}, where SHELL is bash, sh, zsh or dash, bare or in /bin, /usr/bin or
     * /usr/local/bin. Arguments after SCRIPT only set $0, $1, ... and are allowed. Anything else, including other
     * option spellings such as {@code -cl}, or a SCRIPT starting with - or + (which the shell reads as one more
     * option), is not recognised: the argv is then an ordinary command whose program happens to be a shell.
     */
    public static Optional<ParsedScript> parseInvocation(List<String> argv) {
        if (argv.size() < 3 || !isShell(argv.getFirst())) {
            return Optional.empty();
        }
        int scriptAt;
        if (argv.get(1).equals("-c") || argv.get(1).equals("-lc")) {
            scriptAt = 2;
        } else if (argv.get(1).equals("-l") && argv.get(2).equals("-c")) {
            scriptAt = 3;
        } else {
            return Optional.empty();
        }
        if (scriptAt >= argv.size()) {
            return Optional.empty();
        }
        String script = argv.get(scriptAt);
        // The shell keeps reading options after -c: in "bash -c -- ls" or "bash -c -x ls" the script is "ls".
        if (script.startsWith("-") || script.startsWith("+")) {
            return Optional.empty();
        }
        return Optional.of(parse(script));
    }

    private static boolean isShell(String program) {
        if (SHELLS.contains(program)) {
            return true;
        }
        for (String dir : SHELL_DIRECTORIES) {
            if (program.startsWith(dir) && SHELLS.contains(program.substring(dir.length()))) {
                return true;
            }
        }
        return false;
    }

    /**
     * Bash marks quoted characters internally with \001 and \177, and shells differ on NUL and carriage
     * returns; a lone surrogate cannot be passed to exec at all. None belongs in a script judged plain.
     */
    private static void checkCharacters(String script, Findings findings) {
        for (int i = 0, n = script.length(); i < n; i++) {
            char ch = script.charAt(i);
            if ((ch < 0x20 && ch != '\t' && ch != '\n') || ch == 0x7f) {
                findings.complex(String.format("control character U+%04X", (int) ch));
            } else if (Character.isHighSurrogate(ch) && i + 1 < n && Character.isLowSurrogate(script.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(ch)) {
                findings.complex("unpaired surrogate character");
            }
        }
    }
}
