package dev.warden.agents.hook;

import dev.warden.core.Action;
import dev.warden.core.json.Json;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Turns a Claude Code tool call into the action it performs, from the {@code tool_input} shapes in Claude Code's
 * hooks and tools reference: {@code Bash} runs its {@code command} through {@code bash -c} (so the policy's shell
 * splitter sees every segment), the file tools read or write {@code file_path} (relative paths resolved against
 * {@code cwd}), {@code WebFetch} connects to the URL's host, {@code mcp__SERVER__TOOL} is an MCP call.
 *
 * <p>{@code WebSearch} names no host: the search runs on Anthropic's side, and what leaves the machine is the
 * query. It is judged as network access to the pseudo-host {@value #WEB_SEARCH_HOST}, so it gets the profile's
 * general network verdict: allowed where the network is fully on, asked (or refused) otherwise.
 */
public final class ToolActions {
    /** The host a {@code WebSearch} is judged as connecting to. */
    public static final String WEB_SEARCH_HOST = "web-search.claude-code.invalid";

    /** Tools that act only inside the conversation; their effects outside come through the hook as other tools. */
    private static final Set<String> CONVERSATION_ONLY = Set.of("Task", "Agent", "TodoWrite", "TodoRead",
            "AskUserQuestion", "ExitPlanMode", "EnterPlanMode", "BashOutput", "KillShell", "KillBash", "TaskOutput",
            "TaskStop", "TaskCreate", "TaskUpdate", "TaskList", "TaskGet", "SlashCommand", "Skill", "ToolSearch",
            "ListMcpResourcesTool", "ReadMcpResourceTool");

    private ToolActions() {}

    public static ToolRequest of(String tool, Map<String, Object> input, Path cwd) throws HookInputException {
        if (tool.startsWith("mcp__")) {
            return new ToolRequest.Governed(mcp(tool, input));
        }
        return switch (tool) {
            case "Bash" -> exec(List.of("bash", "-c", string(tool, input, "command")), cwd);
            case "PowerShell" -> exec(List.of("pwsh", "-NoProfile", "-Command", string(tool, input, "command")), cwd);
            case "Read" -> read(path(tool, input, "file_path", cwd));
            case "Write", "Edit", "MultiEdit" -> write(path(tool, input, "file_path", cwd));
            case "NotebookEdit" -> write(path(tool, input, "notebook_path", cwd));
            case "Glob", "Grep" -> read(optionalPath(tool, input, "path", cwd));
            case "LS" -> read(path(tool, input, "path", cwd));
            case "WebFetch" -> new ToolRequest.Governed(network(tool, string(tool, input, "url")));
            case "WebSearch" -> {
                string(tool, input, "query");
                yield new ToolRequest.Governed(new Action.NetworkConnect(WEB_SEARCH_HOST, 443, "https"));
            }
            default -> CONVERSATION_ONLY.contains(tool) ? new ToolRequest.ConversationOnly(tool)
                    : new ToolRequest.Unknown(tool);
        };
    }

    private static ToolRequest exec(List<String> argv, Path cwd) {
        return new ToolRequest.Governed(new Action.Exec(argv, cwd));
    }

    private static ToolRequest read(Path path) {
        return new ToolRequest.Governed(new Action.FileRead(path));
    }

    private static ToolRequest write(Path path) {
        return new ToolRequest.Governed(new Action.FileWrite(path));
    }

    /** {@code mcp__SERVER__TOOL}: the server name ends at the first {@code __} after the prefix. */
    private static Action mcp(String tool, Map<String, Object> input) throws HookInputException {
        String rest = tool.substring("mcp__".length());
        int split = rest.indexOf("__");
        if (split <= 0 || split + 2 >= rest.length()) {
            throw new HookInputException("MCP tool name \"" + tool + "\" is not mcp__SERVER__TOOL");
        }
        return new Action.McpCall(rest.substring(0, split), rest.substring(split + 2), Json.write(input));
    }

    private static Action network(String tool, String url) throws HookInputException {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw new HookInputException(tool + ": url is not a URL: " + e.getMessage());
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        String host = uri.getHost();
        if (host == null || host.isEmpty() || !(scheme.equals("http") || scheme.equals("https"))) {
            throw new HookInputException(tool + ": url must be http(s)://HOST/..., got \"" + url + "\"");
        }
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        int port = uri.getPort() >= 0 ? uri.getPort() : scheme.equals("https") ? 443 : 80;
        return new Action.NetworkConnect(host.toLowerCase(Locale.ROOT), port, scheme);
    }

    private static String string(String tool, Map<String, Object> input, String field) throws HookInputException {
        Object value = input.get(field);
        if (!(value instanceof String text)) {
            throw new HookInputException(tool + ": tool_input." + field + (value == null ? " is missing" : " must be a string"));
        }
        return text;
    }

    private static Path path(String tool, Map<String, Object> input, String field, Path cwd) throws HookInputException {
        String text = string(tool, input, field);
        if (text.isEmpty()) {
            throw new HookInputException(tool + ": tool_input." + field + " is empty");
        }
        return resolve(tool, field, text, cwd);
    }

    private static Path optionalPath(String tool, Map<String, Object> input, String field, Path cwd)
            throws HookInputException {
        Object value = input.get(field);
        if (value == null || (value instanceof String s && s.isEmpty())) {
            return cwd;
        }
        return path(tool, input, field, cwd);
    }

    private static Path resolve(String tool, String field, String text, Path cwd) throws HookInputException {
        try {
            String expanded = text.equals("~") || text.startsWith("~/")
                    ? System.getProperty("user.home") + text.substring(1) : text;
            return cwd.resolve(expanded).normalize();
        } catch (InvalidPathException e) {
            throw new HookInputException(tool + ": tool_input." + field + " is not a path: " + e.getMessage());
        }
    }
}
