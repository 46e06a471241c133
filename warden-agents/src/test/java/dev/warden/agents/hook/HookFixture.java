package dev.warden.agents.hook;

import dev.warden.agents.PolicySnapshot;
import dev.warden.core.event.Event;
import dev.warden.core.event.EventSink;
import dev.warden.core.event.SessionRecorder;
import dev.warden.core.json.Json;
import dev.warden.policy.config.ConfigException;
import dev.warden.policy.config.ConfigRequest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/** A Warden home, a system directory and a project on disk, and a hook whose events land in a list. */
final class HookFixture {
    final Path home;
    final Path system;
    final Path project;
    final List<Event> events = new ArrayList<>();
    final ClaudeCodeHook hook;

    HookFixture(Path root) throws IOException {
        home = Files.createDirectories(root.resolve("warden-home"));
        system = Files.createDirectories(root.resolve("etc-warden"));
        project = Files.createDirectories(root.resolve("project"));
        Files.createDirectories(project.resolve(".git"));
        userConfig("");
        EventSink sink = events::add;
        hook = new ClaudeCodeHook(new HookSessions() {
            @Override
            public <T> T within(HookPayload payload, PolicySnapshot snapshot, Function<SessionRecorder, T> work) {
                SessionRecorder session = SessionRecorder.start(sink, "test", OneShotHookSessions.start(payload, snapshot));
                T result = work.apply(session);
                session.end(0, "hook-call");
                return result;
            }
        });
    }

    /** The user's config.toml: a writable workspace (Warden's default is read-only), then {@code toml}. */
    void userConfig(String toml) throws IOException {
        Files.writeString(home.resolve("config.toml"), "sandbox_mode = \"workspace-write\"\n" + toml);
    }

    PolicySource policies() {
        return cwd -> PolicySnapshot.load(new ConfigRequest(home, system, cwd, Optional.empty(), List.of()));
    }

    HookAnswer standalone(String payload) {
        return hook.answer(payload, policies(), Containment.unsandboxed("not under warden run"));
    }

    HookAnswer sandboxed(String payload) {
        return hook.answer(payload, policies(), new Containment(true, "test session"));
    }

    String preToolUse(String tool, Map<String, Object> input) {
        Map<String, Object> payload = common("PreToolUse");
        payload.put("tool_name", tool);
        payload.put("tool_input", input);
        payload.put("tool_use_id", "toolu_01ABC123");
        return Json.write(payload);
    }

    Map<String, Object> common(String event) {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("session_id", "abc123");
        payload.put("transcript_path", "/home/user/.claude/projects/x/transcript.jsonl");
        payload.put("cwd", project.toString());
        payload.put("permission_mode", "default");
        payload.put("hook_event_name", event);
        return payload;
    }

    /** The decision in a PreToolUse answer. */
    static String decision(HookAnswer answer) {
        return (String) specific(answer).get("permissionDecision");
    }

    static String reason(HookAnswer answer) {
        return (String) specific(answer).get("permissionDecisionReason");
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> specific(HookAnswer answer) {
        if (answer.exitStatus() != 0) {
            throw new AssertionError("hook failed: " + answer);
        }
        Map<String, Object> json = (Map<String, Object>) Json.parse(answer.stdout());
        return (Map<String, Object>) json.get("hookSpecificOutput");
    }

    List<String> eventTypes() {
        return events.stream().map(Event::type).toList();
    }

    static PolicySource broken() {
        return cwd -> {
            throw new ConfigException("config.toml:1:1: broken");
        };
    }
}
