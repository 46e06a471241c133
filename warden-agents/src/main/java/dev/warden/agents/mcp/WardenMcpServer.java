package dev.warden.agents.mcp;

import dev.warden.agents.PolicySnapshot;
import dev.warden.agents.fs.Workspace;
import dev.warden.agents.session.SandboxSession;
import dev.warden.core.event.SessionRecorder;
import dev.warden.policy.config.EffectiveConfig;
import dev.warden.sandbox.HostProbeCache;
import dev.warden.sandbox.mounts.MountPlaceholders;
import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpServerFeatures.SyncToolSpecification;
import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.server.McpSyncServerExchange;
import io.modelcontextprotocol.server.transport.StdioServerTransportProvider;
import io.modelcontextprotocol.spec.McpSchema;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * {@code warden mcp}: the official MCP Java SDK's server over stdio, with Warden's five tools. Malformed input is
 * answered by {@link JsonRpcGate} before the SDK sees it; asks go to the {@link AskResolver} with the client's
 * elicitation as its channel.
 */
public final class WardenMcpServer {
    private WardenMcpServer() {}

    /** Serves until stdin ends; blocks. */
    public static void serve(PolicySnapshot policy, SessionRecorder audit, AskResolver asks, Map<String, String> environment,
            InputStream stdin, OutputStream stdout, PrintStream err, String wardenVersion) throws IOException, InterruptedException {
        EffectiveConfig effective = policy.loaded().config().effective();
        Workspace workspace = Workspace.at(effective.projectRoot());
        Path outputs = policy.wardenHome().resolve("mcp-output");
        Files.createDirectories(outputs);
        Files.setPosixFilePermissions(outputs, PosixFilePermissions.fromString("rwx------"));
        SandboxSession sandbox = SandboxSession.prepare(policy.loaded().config(), HostProbeCache.in(policy.wardenHome()), err,
                false);
        // One tool call after another: mount points made for one stand for the next (MountPlaceholders).
        MountPlaceholders.forCurrentUser().keepBetweenSandboxes(MountPlaceholders.KEPT_BY_SERVERS);
        ToolContext context = new ToolContext(policy, workspace, audit, asks, sandbox,
                effective.shellEnvironment().apply(environment), outputs, new java.util.concurrent.atomic.AtomicInteger());
        ShellTool shell = new ShellTool(context);
        FileTools files = new FileTools(context);
        ToolDescriptions describe = new ToolDescriptions(effective, workspace.root(), sandbox.plan());

        LineOutput out = new LineOutput(stdout);
        JsonRpcGate gate = JsonRpcGate.start(stdin, out);
        out.onLine(gate::written);
        var transport = new StdioServerTransportProvider(McpJsonDefaults.getMapper(), gate.forSdk(), out);
        McpSyncServer server = McpServer.sync(transport)
                .serverInfo("warden", wardenVersion)
                .instructions(describe.instructions())
                .requestTimeout(Duration.ofMinutes(5)) // an elicitation waits for a person
                .capabilities(McpSchema.ServerCapabilities.builder().tools(false).build())
                .tools(tool(context, ShellTool.NAME, describe.shell(), ShellTool.inputSchema(), shell::call),
                        tool(context, "read_file", describe.readFile(), FileTools.pathSchema("File to read, relative to the workspace.",
                                Map.of()), files::readFile),
                        tool(context, "write_file", describe.writeFile(), FileTools.pathSchema("File to create or replace, relative to the workspace.",
                                Map.of("content", Map.of("type", "string", "description", "The whole new content."))), files::writeFile),
                        tool(context, "apply_patch", describe.applyPatch(), Map.of("type", "object", "additionalProperties", false,
                                "properties", Map.of("patch", Map.of("type", "string", "description",
                                        "The patch, from *** Begin Patch to *** End Patch.")), "required", java.util.List.of("patch")),
                                files::applyPatch),
                        tool(context, "list_dir", describe.listDir(), Map.of("type", "object", "additionalProperties", false,
                                "properties", Map.of("path", Map.of("type", "string",
                                        "description", "Directory relative to the workspace (default: its root)."))), files::listDir))
                .build();
        try {
            gate.awaitEnd();
            // The client hung up: answer every request it sent before, then close. Bounded by the longest shell timeout.
            long deadline = System.currentTimeMillis() + ShellTool.MAX_TIMEOUT_MS + 30_000;
            while (System.currentTimeMillis() < deadline && !(gate.allAnswered() && context.running() == 0)) {
                Thread.sleep(20);
            }
        } finally {
            gate.finish();
            server.closeGracefully();
        }
    }

    private static SyncToolSpecification tool(ToolContext context, String name, String description, Map<String, Object> schema,
            BiFunction<McpSyncServerExchange, Map<String, Object>, McpSchema.CallToolResult> handler) {
        McpSchema.Tool tool = McpSchema.Tool.builder(name, schema).description(description).build();
        return SyncToolSpecification.builder().tool(tool)
                .callHandler((exchange, request) -> {
                    context.inFlight().incrementAndGet();
                    try {
                        return handler.apply(exchange, request.arguments());
                    } finally {
                        context.inFlight().decrementAndGet();
                    }
                })
                .build();
    }

    /** The protocol output, handing every complete line written to a listener. */
    private static final class LineOutput extends OutputStream {
        private final OutputStream out;
        private final java.io.ByteArrayOutputStream line = new java.io.ByteArrayOutputStream(1024);
        private volatile java.util.function.Consumer<String> listener = ignored -> { };

        LineOutput(OutputStream out) {
            this.out = out;
        }

        void onLine(java.util.function.Consumer<String> newListener) {
            listener = newListener;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public synchronized void write(byte[] bytes, int offset, int length) throws IOException {
            out.write(bytes, offset, length);
            for (int i = offset; i < offset + length; i++) {
                if (bytes[i] == '\n') {
                    String text = line.toString(java.nio.charset.StandardCharsets.UTF_8);
                    line.reset();
                    listener.accept(text);
                } else {
                    line.write(bytes[i]);
                }
            }
        }

        @Override
        public void flush() throws IOException {
            out.flush();
        }
    }
}
