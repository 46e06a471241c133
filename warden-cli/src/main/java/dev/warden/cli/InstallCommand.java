package dev.warden.cli;

import dev.warden.agents.install.ClaudeSettings;
import dev.warden.agents.install.LineDiff;
import dev.warden.agents.install.SettingsFile;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;

/** {@code warden install claude-code}: Warden's hooks merged into Claude Code's settings. */
@Command(name = "install", mixinStandardHelpOptions = true,
        description = "Install Warden's hooks into an agent's settings.",
        subcommands = {InstallCommand.ClaudeCode.class})
final class InstallCommand implements Callable<Integer> {
    @ParentCommand
    WardenCommand root;

    @Override
    public Integer call() {
        throw new UserError("name the agent: `warden install claude-code [--project|--user] [--dry-run]`");
    }

    @Command(name = "claude-code", mixinStandardHelpOptions = true,
            description = {"Merge Warden's hooks (PreToolUse, PostToolUse, UserPromptSubmit, SessionStart, SessionEnd,",
                "Stop) into Claude Code's settings.json. Other hooks and settings are kept; the old file is backed up",
                "next to it; running it again changes nothing. `warden uninstall claude-code` removes them."})
    static final class ClaudeCode implements Callable<Integer> {
        @ParentCommand
        InstallCommand parent;

        @Mixin
        ClaudeCodeSettingsTarget target;

        @Override
        public Integer call() throws IOException {
            Path file = target.file(parent.root);
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
