package dev.warden.cli;

import dev.warden.core.json.Json;
import dev.warden.policy.LoadedPolicy;
import dev.warden.policy.config.ConfigExplainer;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code warden config ...}: look at the effective configuration. */
@Command(name = "config", mixinStandardHelpOptions = true,
        description = "Inspect the effective configuration.",
        subcommands = ConfigCommand.Explain.class)
final class ConfigCommand implements Runnable {
    @ParentCommand
    WardenCommand root;

    @Override
    public void run() {
        throw new UserError("missing a subcommand; see 'warden config --help'");
    }

    @Command(name = "explain", mixinStandardHelpOptions = true,
            description = {
                "Print every effective value with the layer that set it (default < system < user < trusted project",
                "< profile < -c), active administrator requirements and their source, configuration files that",
                "were ignored (untrusted projects), keys Warden does not enforce, warnings, the resolved",
                "filesystem policy, and the environment variables the sandbox will drop."})
    static final class Explain implements Callable<Integer> {
        @ParentCommand
        ConfigCommand config;

        @Option(names = "--json", description = "Print JSON for machines.")
        boolean json;

        @Override
        public Integer call() {
            LoadedPolicy loaded = config.root.loadPolicy();
            if (json) {
                System.out.println(Json.pretty(ConfigExplainer.json(loaded.config())));
            } else {
                System.out.print(ConfigExplainer.text(loaded.config()));
            }
            return ExitCodes.OK;
        }
    }
}
