package dev.warden.cli;

import dev.warden.agents.install.ClaudeSettings;
import dev.warden.agents.install.LineDiff;
import dev.warden.agents.install.SettingsFile;
import dev.warden.cli.line.CommandSpec;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;

/** {@code warden install claude-code}: Warden's hooks merged into Claude Code's settings. */
final class InstallCommand {
    private InstallCommand() {}

    static CommandSpec spec() {
        return CommandSpec.named("install")
                .description("Install Warden's hooks into an agent's settings.")
                .subcommands(name -> ClaudeCode.spec(), "claude-code")
                .runs(line -> {
                    throw new UserError("name the agent: `warden install claude-code [--project|--user] [--dry-run]`");
                });
    }

    static final class ClaudeCode {
        private ClaudeCode() {}

        static CommandSpec spec() {
            return ClaudeCodeSettingsTarget.options(CommandSpec.named("claude-code")
                    .description("Merge Warden's hooks (PreToolUse, PostToolUse, UserPromptSubmit, SessionStart,"
                                    + " SessionEnd,",
                            "Stop) into Claude Code's settings.json. Other hooks and settings are kept; the old file is"
                                    + " backed up",
                            "next to it; running it again changes nothing. `warden uninstall claude-code` removes them."))
                    .runs(line -> call(new ClaudeCodeSettingsTarget(line)));
        }

        static int call(ClaudeCodeSettingsTarget target) throws IOException {
            Path file = target.file();
            String before = SettingsFile.read(file);
            String after;
            try {
                after = ClaudeSettings.install(before, ClaudeCodeSettingsTarget.hookCommand());
            } catch (IllegalArgumentException e) {
                throw new UserError(file + ": " + e.getMessage());
            }
            return Edit.apply(file, before, after, target.dryRun, "installed Warden's hooks into");
        }
    }

    /** Shared by install and uninstall: print the diff, or write with a backup, and say what happened. */
    static final class Edit {
        private Edit() {}

        static int apply(Path file, String before, String after, boolean dryRun, String done) throws IOException {
            if (dryRun) {
                System.out.print(after.equals(before) ? "warden: " + file + " already up to date\n"
                        : LineDiff.of(file + " (now)", before, file + " (after)", after));
                return ExitCodes.OK;
            }
            Optional<Path> backup = SettingsFile.replace(file, before, after);
            if (after.equals(before)) {
                System.out.println("warden: " + file + " already up to date");
            } else {
                System.out.println("warden: " + done + " " + file
                        + backup.map(b -> " (backup: " + b.getFileName() + ")").orElse(""));
            }
            return ExitCodes.OK;
        }
    }
}
