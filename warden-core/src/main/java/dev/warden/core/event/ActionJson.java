package dev.warden.core.event;

import dev.warden.core.Action;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/** An {@link Action} as the JSON an event carries: a {@code kind} and the action's own fields. */
final class ActionJson {
    private ActionJson() {}

    static Map<String, Object> of(Action action) {
        Map<String, Object> json = new LinkedHashMap<>();
        switch (action) {
            case Action.Exec exec -> {
                json.put("kind", "exec");
                json.put("argv", exec.argv());
                json.put("cwd", exec.cwd().toString());
                json.put("env", new TreeMap<>(exec.env()));
            }
            case Action.FileRead read -> {
                json.put("kind", "file_read");
                json.put("path", read.path().toString());
            }
            case Action.FileWrite write -> {
                json.put("kind", "file_write");
                json.put("path", write.path().toString());
            }
            case Action.NetworkConnect connect -> {
                json.put("kind", "network_connect");
                json.put("host", connect.host());
                json.put("port", connect.port());
                json.put("protocol", connect.protocol());
            }
            case Action.McpCall call -> {
                json.put("kind", "mcp_call");
                json.put("server", call.server());
                json.put("tool", call.tool());
                json.put("arguments", call.argumentsJson());
            }
        }
        return json;
    }
}
