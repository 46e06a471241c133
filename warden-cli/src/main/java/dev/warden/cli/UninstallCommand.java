package dev.warden.cli;

import dev.warden.agents.install.ClaudeSettings;
import dev.warden.agents.install.SettingsFile;
import dev.warden.cli.line.CommandSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** {@code warden uninstall claude-code}: removes exactly the hooks {@code install} added. */
final class UninstallCommand {
    private UninstallCommand() {}

    static CommandSpec spec() {
        return CommandSpec.named("uninstall")
                .description("Remove Warden's hooks from an agent's settings.")
                .subcommands(name -> ClaudeCode.spec(), "claude-code")
                .runs(line -> {
                    throw new UserError("name the agent: `warden uninstall claude-code [--project|--user] [--dry-run]`");
                });
    }

    static final class ClaudeCode {
        private ClaudeCode() {}

        static CommandSpec spec() {
            return ClaudeCodeSettingsTarget.options(CommandSpec.named("claude-code")
                    .description("Remove Warden's hooks (commands ending in `hook claude-code`) from Claude Code's"
                            + " settings.json; nothing else changes."))
                    .runs(line -> call(new ClaudeCodeSettingsTarget(line)));
        }

        static int call(ClaudeCodeSettingsTarget target) throws IOException {
            Path file = target.file();
            if (!Files.exists(file)) {
                System.out.println("warden: " + file + " does not exist; nothing to remove");
                return ExitCodes.OK;
            }
            String before = SettingsFile.read(file);
            String after;
            try {
                after = ClaudeSettings.uninstall(before);
            } catch (IllegalArgumentException e) {
                throw new UserError(file + ": " + e.getMessage());
            }
            return InstallCommand.Edit.apply(file, before, after, target.dryRun, "removed Warden's hooks from");
        }
    }
}
