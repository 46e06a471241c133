package dev.warden.agents.mcp;

import dev.warden.agents.fs.Workspace;
import dev.warden.core.Action;
import io.modelcontextprotocol.server.McpSyncServerExchange;
import io.modelcontextprotocol.spec.McpSchema;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code read_file}, {@code write_file}, {@code apply_patch} and {@code list_dir}: Warden itself touches the files,
 * so every path goes through {@link Workspace#resolve} (no {@code ..} or link out of the workspace), the policy judges
 * the real path, and files are opened with {@code NOFOLLOW_LINKS}.
 */
final class FileTools {
    static final int MAX_READ_BYTES = 256 * 1024;
    static final int MAX_LIST_ENTRIES = 1000;

    private final ToolContext context;

    FileTools(ToolContext context) {
        this.context = context;
    }

    static Map<String, Object> pathSchema(String description, Map<String, Object> more) {
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("path", Map.of("type", "string", "description", description));
        properties.putAll(more);
        return Map.of("type", "object", "additionalProperties", false, "properties", properties,
                "required", List.of("path"));
    }

    McpSchema.CallToolResult readFile(McpSyncServerExchange exchange, Map<String, Object> arguments) {
        GovernedCall call = GovernedCall.start(context, "read_file", arguments);
        try {
            Path path = context.workspace().resolve(string(arguments, "path"));
            String refusal = call.refusal(new Action.FileRead(path), exchange);
            if (refusal != null) {
                return call.refused(refusal);
            }
            byte[] bytes;
            try (InputStream in = Files.newInputStream(path, LinkOption.NOFOLLOW_LINKS)) {
                bytes = in.readNBytes(MAX_READ_BYTES + 1);
            }
            boolean cut = bytes.length > MAX_READ_BYTES;
            String text = new String(bytes, 0, Math.min(bytes.length, MAX_READ_BYTES), StandardCharsets.UTF_8);
            if (cut) {
                text += "\n[warden: cut at " + MAX_READ_BYTES + " bytes; the file is " + Files.size(path) + " bytes]";
            }
            return call.done(0, bytes.length, 0, text, false);
        } catch (Workspace.OutsideWorkspace e) {
            return call.refused(e.getMessage());
        } catch (IllegalArgumentException | IOException e) {
            return call.error(message(e));
        }
    }

    McpSchema.CallToolResult writeFile(McpSyncServerExchange exchange, Map<String, Object> arguments) {
        GovernedCall call = GovernedCall.start(context, "write_file", arguments);
        try {
            Path path = context.workspace().resolve(string(arguments, "path"));
            String content = string(arguments, "content");
            String refusal = call.refusal(new Action.FileWrite(path), exchange);
            if (refusal != null) {
                return call.refused(refusal);
            }
            write(path, content);
            return call.done(0, 0, 0, "wrote " + content.getBytes(StandardCharsets.UTF_8).length + " bytes to "
                    + context.workspace().root().relativize(path), false);
        } catch (Workspace.OutsideWorkspace e) {
            return call.refused(e.getMessage());
        } catch (IllegalArgumentException | IOException e) {
            return call.error(message(e));
        }
    }

    McpSchema.CallToolResult applyPatch(McpSyncServerExchange exchange, Map<String, Object> arguments) {
        GovernedCall call = GovernedCall.start(context, "apply_patch", arguments);
        try {
            List<PatchText.Operation> operations = PatchText.parse(string(arguments, "patch"));
            // Every path resolved and judged, and every new content computed, before the first file changes.
            Map<Path, String> writes = new LinkedHashMap<>();
            List<Path> deletes = new ArrayList<>();
            for (PatchText.Operation operation : operations) {
                Path path = context.workspace().resolve(operation.path());
                String refusal = call.refusal(new Action.FileWrite(path), exchange);
                if (refusal != null) {
                    return call.refused(operation.path() + ": " + refusal);
                }
                switch (operation) {
                    case PatchText.Add add -> {
                        if (Workspace.exists(path)) {
                            throw new IllegalArgumentException(operation.path() + " already exists; use *** Update File");
                        }
                        writes.put(path, add.content());
                    }
                    case PatchText.Delete delete -> {
                        if (!Files.isRegularFile(path, LinkOption.NOFOLLOW_LINKS)) {
                            throw new IllegalArgumentException(operation.path() + " is not a file");
                        }
                        deletes.add(path);
                    }
                    case PatchText.Update update -> {
                        String before = writes.containsKey(path) ? writes.get(path) : read(path);
                        writes.put(path, PatchText.apply(before, update.chunks(), operation.path()));
                    }
                }
            }
            for (Map.Entry<Path, String> write : writes.entrySet()) {
                write(write.getKey(), write.getValue());
            }
            for (Path delete : deletes) {
                Files.delete(delete);
            }
            List<String> touched = operations.stream().map(o -> switch (o) {
                case PatchText.Add a -> "A " + a.path();
                case PatchText.Delete d -> "D " + d.path();
                case PatchText.Update u -> "M " + u.path();
            }).toList();
            return call.done(0, 0, 0, "applied:\n" + String.join("\n", touched), false);
        } catch (Workspace.OutsideWorkspace e) {
            return call.refused(e.getMessage());
        } catch (IllegalArgumentException | IOException e) {
            return call.error(message(e));
        }
    }

    McpSchema.CallToolResult listDir(McpSyncServerExchange exchange, Map<String, Object> arguments) {
        GovernedCall call = GovernedCall.start(context, "list_dir", arguments);
        try {
            String requested = arguments != null && arguments.get("path") instanceof String s ? s : "";
            Path path = context.workspace().resolve(requested);
            String refusal = call.refusal(new Action.FileRead(path), exchange);
            if (refusal != null) {
                return call.refused(refusal);
            }
            List<String> entries = new ArrayList<>();
            try (DirectoryStream<Path> stream = Files.newDirectoryStream(path)) {
                for (Path entry : stream) {
                    String name = entry.getFileName().toString();
                    entries.add(Files.isSymbolicLink(entry) ? name + "@"
                            : Files.isDirectory(entry, LinkOption.NOFOLLOW_LINKS) ? name + "/" : name);
                }
            }
            entries.sort(null);
            boolean cut = entries.size() > MAX_LIST_ENTRIES;
            String text = String.join("\n", cut ? entries.subList(0, MAX_LIST_ENTRIES) : entries)
                    + (cut ? "\n[warden: " + entries.size() + " entries, showing " + MAX_LIST_ENTRIES + "]" : "");
            return call.done(0, text.length(), 0, text, false);
        } catch (Workspace.OutsideWorkspace e) {
            return call.refused(e.getMessage());
        } catch (IllegalArgumentException | IOException e) {
            return call.error(message(e));
        }
    }

    /** Creates missing parent directories one by one inside the workspace, then writes without following a link. */
    private void write(Path path, String content) throws IOException {
        Path parent = path.getParent();
        if (!Files.isDirectory(parent, LinkOption.NOFOLLOW_LINKS)) {
            Files.createDirectories(parent);
        }
        Files.write(path, content.getBytes(StandardCharsets.UTF_8), LinkOption.NOFOLLOW_LINKS,
                StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE);
    }

    private static String read(Path path) throws IOException {
        try (InputStream in = Files.newInputStream(path, LinkOption.NOFOLLOW_LINKS)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static String string(Map<String, Object> arguments, String name) {
        Object value = arguments == null ? null : arguments.get(name);
        if (!(value instanceof String text)) {
            throw new IllegalArgumentException(name + (value == null ? " is required" : " must be a string"));
        }
        return text;
    }

    private static String message(Exception e) {
        return e instanceof IOException io ? "I/O error: " + io : e.getMessage();
    }
}
