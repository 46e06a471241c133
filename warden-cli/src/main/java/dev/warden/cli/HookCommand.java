package dev.warden.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code warden hook AGENT}: answers an agent's hook call on stdin, as that agent's hook protocol specifies. */
@Command(name = "hook", mixinStandardHelpOptions = true,
        description = {"Answer an agent's hook call (JSON on stdin) with Warden's decision.",
            "Installed into the agent's settings by `warden install`; not meant to be run by hand."},
        subcommands = {HookClaudeCodeCommand.class})
final class HookCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        throw new ParameterException(spec.commandLine(), "missing the agent, e.g. `warden hook claude-code`");
    }
}
