package dev.warden.cli;

import dev.warden.cli.line.CommandSpec;
import dev.warden.cli.line.OptionSpec;
import dev.warden.cli.line.ParsedLine;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Which Claude Code settings file {@code warden install|uninstall claude-code} edits, and the command it installs. */
final class ClaudeCodeSettingsTarget {
    /** The options {@code install claude-code} and {@code uninstall claude-code} share. */
    static CommandSpec.Builder options(CommandSpec.Builder command) {
        return command
                .exclusive(OptionSpec.flag("The project's .claude/settings.json (shared with everyone who uses the"
                                + " repository).", "--project"),
                        OptionSpec.flag("~/.claude/settings.json: every Claude Code session of yours (the default).",
                                "--user"))
                .option(OptionSpec.flag("Print the change as a diff; write nothing.", "--dry-run"));
    }

    final WardenCommand root;
    private final boolean project;
    final boolean dryRun;

    ClaudeCodeSettingsTarget(ParsedLine line) {
        root = new WardenCommand(line);
        project = line.flag("--project");
        dryRun = line.flag("--dry-run");
    }

    Path file() {
        if (project) {
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
