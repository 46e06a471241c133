package dev.warden.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/** {@code warden mcp}: Warden as an MCP server over stdio. */
@Command(name = "mcp", mixinStandardHelpOptions = true,
        description = {"Serve MCP over stdio: shell, read_file, write_file, apply_patch and list_dir tools, each",
            "decided by the policy, asked through MCP elicitation when the client supports it, run in the sandbox,",
            "and recorded in the audit trail. The workspace is the project found from the working directory."})
final class McpCommand implements Callable<Integer> {
    @ParentCommand
    WardenCommand root;

    @Override
    public Integer call() throws Exception {
        throw new UserError("warden mcp is not built yet");
    }
}
