package dev.warden.cli;

import dev.warden.cli.line.CommandSpec;
import dev.warden.cli.line.OptionSpec;
import dev.warden.cli.line.ParsedLine;
import dev.warden.core.json.Json;
import dev.warden.policy.LoadedPolicy;
import dev.warden.policy.config.ConfigExplainer;
import java.util.concurrent.Callable;

/** {@code warden config ...}: look at the effective configuration. */
final class ConfigCommand {
    private ConfigCommand() {}

    static CommandSpec spec() {
        return CommandSpec.named("config")
                .description("Inspect the effective configuration.")
                .subcommands(name -> Explain.spec(), "explain")
                .runs(line -> {
                    throw new UserError("missing a subcommand; see 'warden config --help'");
                });
    }

    static final class Explain implements Callable<Integer> {
        static CommandSpec spec() {
            return CommandSpec.named("explain")
                    .description(
                            "Print every effective value with the layer that set it (default < system < user < trusted project",
                            "< profile < -c), active administrator requirements and their source, configuration files that",
                            "were ignored (untrusted projects), keys Warden does not enforce, warnings, the resolved",
                            "filesystem policy, and the environment variables the sandbox will drop.")
                    .option(OptionSpec.flag("Print JSON for machines.", "--json"))
                    .runs(line -> new Explain(line).call());
        }

        private final WardenCommand root;
        private final boolean json;

        private Explain(ParsedLine line) {
            root = new WardenCommand(line);
            json = line.flag("--json");
        }

        @Override
        public Integer call() {
            LoadedPolicy loaded = root.loadPolicy();
            if (json) {
                System.out.println(Json.pretty(ConfigExplainer.json(loaded.config())));
            } else {
                System.out.print(ConfigExplainer.text(loaded.config()));
            }
            return ExitCodes.OK;
        }
    }
}
