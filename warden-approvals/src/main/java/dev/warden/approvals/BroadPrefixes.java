package dev.warden.approvals;

import dev.warden.policy.command.CommandWrappers;
import dev.warden.policy.command.ProgramKinds;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Prefixes too broad to approve "always": a rule for {@code bash -c} or {@code python} allows every program
 * there is, a rule for {@code sudo} or {@code env} allows whatever follows them, and {@code git}, {@code find},
 * {@code xargs} run arbitrary commands through their own options (hooks and aliases, {@code -exec}). Such a
 * prefix is refused with the reason, and the person is offered the session instead.
 */
public final class BroadPrefixes {
    private BroadPrefixes() {}

    /** Programs that run whatever comes next, at any length of prefix (their next word is another program). */
    private static final Set<String> ALWAYS_BROAD = Set.of("sudo", "doas", "su", "env", "xargs", "find", "nohup",
            "nice", "ionice", "timeout", "stdbuf", "time", "command", "exec", "chrt", "setsid", "busybox", "toybox",
            "eval", "source", ".", "watch", "flock", "strace", "ltrace", "gdb", "unshare", "nsenter", "chroot",
            "systemd-run", "script", "expect", "parallel", "ssh", "npx", "pnpx", "bunx", "uvx", "pipx");

    /** Programs that are fine with a subcommand or script after them, never alone. */
    private static final Set<String> BROAD_ALONE = Set.of("git", "make", "npm", "pnpm", "yarn", "cargo", "go",
            "docker", "podman", "kubectl", "java", "dotnet", "mvn", "gradle", "uv", "pip", "pip3", "awk", "gawk",
            "sed", "vim", "vi", "emacs", "rm", "chmod", "chown", "dd", "curl", "wget", "cp", "mv", "tee");

    /** Why {@code prefix} may not become an "always" rule, or empty when it is specific enough. */
    public static Optional<String> problem(List<String> prefix) {
        if (prefix.isEmpty()) {
            return Optional.of("an empty prefix would allow every command");
        }
        for (String word : prefix) {
            if (word.isBlank()) {
                return Optional.of("a prefix word is blank");
            }
        }
        String program = basename(prefix.getFirst());
        String shown = String.join(" ", prefix);
        if (ALWAYS_BROAD.contains(program) || CommandWrappers.isWrapper(program)) {
            return Optional.of("`" + program + "` runs whatever command follows it, so a rule for `" + shown
                    + "` would allow far more than this command");
        }
        boolean interpreter = ProgramKinds.isShell(program) || ProgramKinds.isInterpreter(program);
        boolean onlyOptions = prefix.stream().skip(1).allMatch(w -> w.startsWith("-") || w.startsWith("+"));
        if (interpreter && onlyOptions) {
            return Optional.of("`" + shown + "` runs any script or code it is given, so the rule would allow every"
                    + " program; name the script too (e.g. `" + program + " tools/build.py`)");
        }
        if (prefix.size() == 1 && BROAD_ALONE.contains(program)) {
            return Optional.of("`" + program + "` alone covers every subcommand (hooks, aliases and scripts included);"
                    + " add the subcommand (e.g. `" + program + " " + example(program) + "`)");
        }
        return Optional.empty();
    }

    private static String example(String program) {
        return switch (program) {
            case "git" -> "status";
            case "npm", "pnpm", "yarn" -> "test";
            case "cargo", "go" -> "build";
            case "docker", "podman", "kubectl" -> "ps";
            default -> "...";
        };
    }

    private static String basename(String word) {
        int slash = word.lastIndexOf('/');
        return slash >= 0 ? word.substring(slash + 1) : word;
    }
}
