package dev.warden.cli;

import dev.warden.agents.AuditSinks;
import dev.warden.agents.PolicySnapshot;
import dev.warden.agents.mcp.WardenMcpServer;
import dev.warden.audit.AuditException;
import dev.warden.audit.AuditLog;
import dev.warden.cli.line.CommandSpec;
import dev.warden.cli.line.ParsedLine;
import dev.warden.core.event.EventBody;
import dev.warden.core.event.SessionRecorder;
import dev.warden.policy.LoadedPolicy;
import dev.warden.policy.PolicyEngine;
import java.io.BufferedOutputStream;
import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.OutputStream;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code warden mcp}: Warden as an MCP server over stdio. */
final class McpCommand implements Callable<Integer> {
    static CommandSpec spec() {
        return CommandSpec.named("mcp")
                .description("Serve MCP over stdio: shell, read_file, write_file, apply_patch and list_dir tools, each",
                        "decided by the policy, asked through MCP elicitation when the client supports it (refused otherwise),",
                        "run in the sandbox, and recorded in the audit trail (mcp_call, tool_decision, tool_result).",
                        "The workspace is the project found from the working directory (or --cwd).")
                .footer("", "Claude Code: claude mcp add warden -- warden mcp",
                        "Codex (~/.codex/config.toml): [mcp_servers.warden] command = \"warden\", args = [\"mcp\"]")
                .runs(line -> new McpCommand(line).call());
    }

    private final WardenCommand root;

    private McpCommand(ParsedLine line) {
        root = new WardenCommand(line);
    }

    @Override
    public Integer call() throws Exception {
        // Stdout carries JSON-RPC only: anything else printed there would corrupt the protocol.
        OutputStream protocol = new BufferedOutputStream(new FileOutputStream(FileDescriptor.out), 64 * 1024);
        System.setOut(System.err);
        LoadedPolicy loaded = root.loadPolicy();
        PolicySnapshot policy = new PolicySnapshot(root.paths.home(), loaded, new PolicyEngine(loaded.policy()));
        var effective = loaded.config().effective();
        AuditLog log;
        try {
            log = AuditSinks.open(root.paths.home(), effective, message -> System.err.println("warden: audit: " + message));
        } catch (AuditException e) {
            throw new UserError(e.getMessage());
        }
        try (log) {
            SessionRecorder session = SessionRecorder.start(log, VersionProvider.version(), new EventBody.SessionStart(
                    "mcp", List.of("warden", "mcp"), System.getProperty("user.name", "?"), AuditSinks.hostName(),
                    effective.projectRoot().toString(), loaded.config().digest(), effective.sandboxBackend().wireName(),
                    effective.sandboxMode().wireName()));
            loaded.config().warnings().forEach(w -> session.emit(new EventBody.ConfigWarning(w)));
            try {
                WardenMcpServer.serve(policy, session, new RoutedMcpAsks(effective, root.paths), System.getenv(),
                        new FileInputStream(FileDescriptor.in), protocol, System.err, VersionProvider.version());
            } finally {
                session.end(0, "client-disconnected");
            }
        }
        return ExitCodes.OK;
    }
}
