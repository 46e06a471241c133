package dev.warden.agents.mcp;

import dev.warden.agents.fs.Workspace;
import dev.warden.agents.session.RunningCommand;
import dev.warden.agents.session.SessionRefused;
import dev.warden.core.Action;
import dev.warden.sandbox.Stdio;
import dev.warden.sandbox.spawn.Signals;
import io.modelcontextprotocol.server.McpSyncServerExchange;
import io.modelcontextprotocol.spec.McpSchema;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * The {@code shell} tool: an argv or a bash script, in a directory of the workspace, with a timeout; judged by the
 * policy, asked when it must be, run in the sandbox with captured output. The reply has the exit status, stdout and
 * stderr, each cut at {@value #SHOWN_BYTES} bytes with a notice naming the file that has all of it.
 */
final class ShellTool {
    static final String NAME = "shell";
    static final int SHOWN_BYTES = 32 * 1024;
    static final long DEFAULT_TIMEOUT_MS = 120_000;
    static final long MAX_TIMEOUT_MS = 600_000;

    private final ToolContext context;

    ShellTool(ToolContext context) {
        this.context = context;
    }

    static Map<String, Object> inputSchema() {
        return Map.of("type", "object", "additionalProperties", false, "properties", Map.of(
                "argv", Map.of("type", "array", "items", Map.of("type", "string"), "minItems", 1,
                        "description", "The program and its arguments, run without a shell. Give argv or script."),
                "script", Map.of("type", "string", "description", "A bash script, run as bash -c SCRIPT."),
                "cwd", Map.of("type", "string", "description", "Directory to run in, relative to the workspace (default: its root)."),
                "timeout_ms", Map.of("type", "integer", "minimum", 1, "maximum", MAX_TIMEOUT_MS,
                        "description", "Kill the command after this many milliseconds (default " + DEFAULT_TIMEOUT_MS + ").")));
    }

    McpSchema.CallToolResult call(McpSyncServerExchange exchange, Map<String, Object> arguments) {
        GovernedCall call = GovernedCall.start(context, NAME, arguments);
        Map<String, Object> args = arguments == null ? Map.of() : arguments;
        List<String> argv;
        try {
            argv = argv(args);
        } catch (IllegalArgumentException e) {
            return call.error(e.getMessage());
        }
        Path cwd;
        try {
            cwd = context.workspace().resolve(args.get("cwd") instanceof String s ? s : "");
        } catch (Workspace.OutsideWorkspace e) {
            return call.refused("cwd: " + e.getMessage());
        }
        if (!Files.isDirectory(cwd)) {
            return call.error("cwd " + cwd + " is not a directory");
        }
        long timeout = args.get("timeout_ms") instanceof Number n ? n.longValue() : DEFAULT_TIMEOUT_MS;
        if (timeout < 1 || timeout > MAX_TIMEOUT_MS) {
            return call.error("timeout_ms must be between 1 and " + MAX_TIMEOUT_MS);
        }
        Action.Exec action = new Action.Exec(argv, cwd, context.environment());
        String refusal = call.refusal(action, exchange);
        if (refusal != null) {
            return call.refused(refusal);
        }
        try {
            return run(call, action, timeout);
        } catch (SessionRefused e) {
            return call.refused(e.getMessage());
        } catch (IOException e) {
            return call.error("could not capture the output: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return call.error("interrupted");
        }
    }

    private McpSchema.CallToolResult run(GovernedCall call, Action.Exec action, long timeout)
            throws SessionRefused, IOException, InterruptedException {
        Path directory = Files.createDirectories(context.outputDirectory().resolve(UUID.randomUUID().toString()),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        RunningCommand command = context.sandbox().start(action.argv(), action.cwd(), action.env(),
                context.sandbox().configuredNetwork(), Stdio.pipes());
        Process process = command.process();
        process.getOutputStream().close();
        OutputCapture stdout = OutputCapture.start(process.getInputStream(), directory.resolve("stdout"), SHOWN_BYTES);
        OutputCapture stderr = OutputCapture.start(process.getErrorStream(), directory.resolve("stderr"), SHOWN_BYTES);
        boolean timedOut = !process.waitFor(timeout, TimeUnit.MILLISECONDS);
        if (timedOut) {
            command.signal(Signals.SIGKILL);
            process.waitFor(5, TimeUnit.SECONDS);
        }
        command.endLeftovers();
        stdout.await(5_000);
        stderr.await(5_000);
        int status = timedOut ? 124 : process.exitValue();
        StringBuilder text = new StringBuilder();
        text.append(timedOut ? "timed out after " + timeout + " ms (killed); exit status 124" : "exit status " + status)
                .append('\n');
        section(text, "stdout", stdout);
        section(text, "stderr", stderr);
        if (!stdout.truncated() && !stderr.truncated()) {
            Files.deleteIfExists(stdout.file());
            Files.deleteIfExists(stderr.file());
            Files.deleteIfExists(directory);
        }
        return call.done(status, stdout.total(), stderr.total(), text.toString(), false);
    }

    private static void section(StringBuilder text, String name, OutputCapture capture) {
        text.append("--- ").append(name).append('\n');
        text.append(new String(capture.head(), StandardCharsets.UTF_8));
        if (capture.head().length > 0 && capture.head()[capture.head().length - 1] != '\n') {
            text.append('\n');
        }
        if (capture.truncated()) {
            text.append("[warden: ").append(name).append(" truncated: showing ").append(capture.head().length)
                    .append(" of ").append(capture.total()).append(" bytes; the full output is in ")
                    .append(capture.file()).append("]\n");
        }
    }

    private static List<String> argv(Map<String, Object> args) {
        Object argv = args.get("argv");
        Object script = args.get("script");
        if ((argv == null) == (script == null)) {
            throw new IllegalArgumentException("give exactly one of argv (a list of strings) or script (a string)");
        }
        if (script != null) {
            if (!(script instanceof String text) || text.isBlank()) {
                throw new IllegalArgumentException("script must be a non-empty string");
            }
            return List.of("bash", "-c", text);
        }
        if (!(argv instanceof List<?> list) || list.isEmpty()) {
            throw new IllegalArgumentException("argv must be a non-empty list of strings");
        }
        List<String> words = new ArrayList<>();
        for (Object word : list) {
            if (!(word instanceof String s)) {
                throw new IllegalArgumentException("argv must contain only strings");
            }
            words.add(s);
        }
        return words;
    }
}
