package dev.warden.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Option;

/** Which Claude Code settings file {@code warden install|uninstall claude-code} edits, and the command it installs. */
final class ClaudeCodeSettingsTarget {
    static final class Scope {
        @Option(names = "--project", description = "The project's .claude/settings.json (shared with everyone who uses the repository).")
        boolean project;

        @Option(names = "--user", description = "~/.claude/settings.json: every Claude Code session of yours (the default).")
        boolean user;
    }

    @ArgGroup(exclusive = true)
    Scope scope;

    @Option(names = "--dry-run", description = "Print the change as a diff; write nothing.")
    boolean dryRun;

    Path file(WardenCommand root) {
        if (scope != null && scope.project) {
            return root.workingDirectory().resolve(".claude/settings.json");
        }
        String home = System.getenv().getOrDefault("HOME", System.getProperty("user.home"));
        return Path.of(home, ".claude", "settings.json");
    }

    /**
     * The shell command that runs this Warden's hook: the launcher script when Warden was started through it
     * ({@code WARDEN_LAUNCHER}), else this very JVM and jar.
     */
    static String hookCommand() {
        String launcher = System.getenv("WARDEN_LAUNCHER");
        List<String> words = new ArrayList<>();
        if (launcher != null && !launcher.isBlank()) {
            words.add(launcher);
        } else {
            words.add(ProcessHandle.current().info().command().orElse("java"));
            words.add("--enable-native-access=ALL-UNNAMED");
            words.add("-jar");
            try {
                words.add(Path.of(ClaudeCodeSettingsTarget.class.getProtectionDomain().getCodeSource().getLocation().toURI())
                        .toString());
            } catch (java.net.URISyntaxException e) {
                throw new UserError("cannot tell where the warden jar is: " + e.getMessage());
            }
        }
        words.add("hook");
        words.add("claude-code");
        return ShellQuote.join(words);
    }
}
