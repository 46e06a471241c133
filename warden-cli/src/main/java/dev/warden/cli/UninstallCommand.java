package dev.warden.cli;

import dev.warden.agents.install.ClaudeSettings;
import dev.warden.agents.install.SettingsFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;

/** {@code warden uninstall claude-code}: removes exactly the hooks {@code install} added. */
@Command(name = "uninstall", mixinStandardHelpOptions = true,
        description = "Remove Warden's hooks from an agent's settings.",
        subcommands = {UninstallCommand.ClaudeCode.class})
final class UninstallCommand implements Callable<Integer> {
    @ParentCommand
    WardenCommand root;

    @Override
    public Integer call() {
        throw new UserError("name the agent: `warden uninstall claude-code [--project|--user] [--dry-run]`");
    }

    @Command(name = "claude-code", mixinStandardHelpOptions = true,
            description = "Remove Warden's hooks (commands ending in `hook claude-code`) from Claude Code's settings.json; nothing else changes.")
    static final class ClaudeCode implements Callable<Integer> {
        @ParentCommand
        UninstallCommand parent;

        @Mixin
        ClaudeCodeSettingsTarget target;

        @Override
        public Integer call() throws IOException {
            Path file = target.file(parent.root);
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
