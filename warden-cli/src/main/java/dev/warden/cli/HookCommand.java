package dev.warden.cli;

import dev.warden.cli.line.CommandSpec;

/** {@code warden hook AGENT}: answers an agent's hook call on stdin, as that agent's hook protocol specifies. */
final class HookCommand {
    private HookCommand() {}

    static CommandSpec spec() {
        return CommandSpec.named("hook")
                .description("Answer an agent's hook call (JSON on stdin) with Warden's decision.",
                        "Installed into the agent's settings by `warden install`; not meant to be run by hand.")
                .subcommands(name -> HookClaudeCodeCommand.spec(), "claude-code")
                .runs(line -> {
                    throw line.usageError("missing the agent, e.g. `warden hook claude-code`");
                });
    }
}
