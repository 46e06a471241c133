package dev.warden.core.event;

import dev.warden.core.Action;
import dev.warden.core.Decision;
import dev.warden.core.Reason;
import dev.warden.core.ReasonSource;
import dev.warden.core.Verdict;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * What an event says, one record per event type. The envelope (ids, time, sequence) lives in {@link Event};
 * these carry only what the emitter knows. {@link #type()} is the wire name ({@code warden.tool_decision}),
 * {@link #toJson()} the fields under the event's {@code data} key.
 */
public sealed interface EventBody {

    String type();

    Map<String, Object> toJson();

    /**
     * A session began: what runs, for whom, where, under which configuration, and the sandbox it really got.
     *
     * @param frontDoor    {@code exec}, {@code run}, {@code mcp}, {@code hook}...
     * @param agentCommand the agent's (or command's) argv
     * @param configDigest {@code LoadedConfig.digest()}: equal digests, equal behaviour
     * @param sandbox      the backend that enforces ({@code bwrap}, {@code landlock}, {@code none})
     * @param enforcement  the level achieved, e.g. {@code full}, {@code degraded}, {@code none}
     */
    record SessionStart(String frontDoor, List<String> agentCommand, String user, String host, String cwd,
                        String configDigest, String sandbox, String enforcement) implements EventBody {
        public SessionStart {
            Objects.requireNonNull(frontDoor, "frontDoor");
            agentCommand = List.copyOf(agentCommand);
            Objects.requireNonNull(user, "user");
            Objects.requireNonNull(host, "host");
            Objects.requireNonNull(cwd, "cwd");
            Objects.requireNonNull(configDigest, "configDigest");
            Objects.requireNonNull(sandbox, "sandbox");
            Objects.requireNonNull(enforcement, "enforcement");
        }

        @Override
        public String type() {
            return "warden.session_start";
        }

        @Override
        public Map<String, Object> toJson() {
            return fields("front_door", frontDoor, "agent_command", agentCommand, "user", user, "host", host,
                    "cwd", cwd, "config_digest", configDigest, "sandbox", sandbox, "enforcement", enforcement);
        }
    }

    /** The person's prompt, when a front door sees it; the text only with {@code [otel] log_user_prompt = true}. */
    record UserPrompt(int length, Optional<String> text) implements EventBody {
        public UserPrompt {
            Objects.requireNonNull(text, "text");
        }

        /** The length always; the text only if the configuration says prompts may be logged. */
        public static UserPrompt of(String prompt, boolean logText) {
            return new UserPrompt(prompt.length(), logText ? Optional.of(prompt) : Optional.empty());
        }

        @Override
        public String type() {
            return "warden.user_prompt";
        }

        @Override
        public Map<String, Object> toJson() {
            Map<String, Object> json = fields("length", length);
            text.ifPresent(t -> json.put("text", t));
            return json;
        }
    }

    /** What was decided about an action, by which part of Warden, and why. */
    record ToolDecision(Action action, Decision decision, ReasonSource source, List<Reason> reasons)
            implements EventBody {
        public ToolDecision {
            Objects.requireNonNull(action, "action");
            Objects.requireNonNull(decision, "decision");
            Objects.requireNonNull(source, "source");
            reasons = List.copyOf(reasons);
        }

        /** The verdict's decision, credited to the first reason that asks for exactly that decision. */
        public static ToolDecision of(Action action, Verdict verdict) {
            ReasonSource source = verdict.reasons().stream()
                    .filter(r -> r.decision() == verdict.decision())
                    .map(Reason::source)
                    .findFirst()
                    .orElse(verdict.reasons().getFirst().source());
            return new ToolDecision(action, verdict.decision(), source, verdict.reasons());
        }

        @Override
        public String type() {
            return "warden.tool_decision";
        }

        @Override
        public Map<String, Object> toJson() {
            return fields("action", ActionJson.of(action), "decision", decision.wireName(),
                    "source", source.wireName(), "reasons", reasonsJson(reasons));
        }
    }

    /** How an {@code ask} was answered: through which channel, for how long, by whom, after how long. */
    record Approval(String channel, ApprovalScope scope, Decision decision, String decidedBy, long latencyMillis)
            implements EventBody {
        public Approval {
            Objects.requireNonNull(channel, "channel");
            Objects.requireNonNull(scope, "scope");
            Objects.requireNonNull(decision, "decision");
            Objects.requireNonNull(decidedBy, "decidedBy");
            if (decision == Decision.ASK) {
                throw new IllegalArgumentException("an approval answers allow or deny, not ask");
            }
        }

        @Override
        public String type() {
            return "warden.approval";
        }

        @Override
        public Map<String, Object> toJson() {
            return fields("channel", channel, "scope", scope.wireName(), "decision", decision.wireName(),
                    "decided_by", decidedBy, "latency_ms", latencyMillis);
        }
    }

    /** How a tool call ended; the output itself is not kept, only its sizes and a SHA-256 (hex) of it. */
    record ToolResult(int exitStatus, long durationMillis, long stdoutBytes, long stderrBytes, String outputSha256)
            implements EventBody {
        public ToolResult {
            Objects.requireNonNull(outputSha256, "outputSha256");
        }

        @Override
        public String type() {
            return "warden.tool_result";
        }

        @Override
        public Map<String, Object> toJson() {
            return fields("exit_status", exitStatus, "duration_ms", durationMillis, "stdout_bytes", stdoutBytes,
                    "stderr_bytes", stderrBytes, "output_sha256", outputSha256);
        }
    }

    /**
     * The sandbox blocked something, when that is observable.
     *
     * @param kind   {@code filesystem}, {@code network}, {@code syscall}, {@code process}
     * @param target what was reached for: a path, an address, a system call
     * @param detail how it was seen, in a sentence
     */
    record SandboxViolation(String kind, String target, String detail) implements EventBody {
        public SandboxViolation {
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(target, "target");
            Objects.requireNonNull(detail, "detail");
        }

        @Override
        public String type() {
            return "warden.sandbox_violation";
        }

        @Override
        public Map<String, Object> toJson() {
            return fields("kind", kind, "target", target, "detail", detail);
        }
    }

    /**
     * The egress proxy's decision about one connection.
     *
     * @param connection the proxy's number for the connection, tying it to its {@link NetworkClose}; absent
     *                   in events written before connections were numbered
     * @param command    the command whose proxy credential opened it, when known
     */
    record NetworkDecision(String host, int port, String protocol, Decision decision, List<Reason> reasons,
                           OptionalLong connection, Optional<String> command) implements EventBody {
        public NetworkDecision {
            Objects.requireNonNull(host, "host");
            Objects.requireNonNull(protocol, "protocol");
            Objects.requireNonNull(decision, "decision");
            reasons = List.copyOf(reasons);
            Objects.requireNonNull(connection, "connection");
            Objects.requireNonNull(command, "command");
        }

        /** Without connection number and command. */
        public NetworkDecision(String host, int port, String protocol, Decision decision, List<Reason> reasons) {
            this(host, port, protocol, decision, reasons, OptionalLong.empty(), Optional.empty());
        }

        @Override
        public String type() {
            return "warden.network_decision";
        }

        @Override
        public Map<String, Object> toJson() {
            Map<String, Object> json = fields("host", host, "port", port, "protocol", protocol,
                    "decision", decision.wireName(), "reasons", reasonsJson(reasons));
            connection.ifPresent(c -> json.put("connection", c));
            command.ifPresent(c -> json.put("command", c));
            return json;
        }
    }

    /**
     * A connection the egress proxy allowed has ended.
     *
     * @param connection the number its {@link NetworkDecision} carries
     * @param address    the address actually connected to, if it got that far
     * @param bytesOut   bytes from the sandboxed client to the destination
     * @param bytesIn    bytes from the destination to the client
     * @param error      why it ended abnormally (connect refused, idle timeout...), if it did
     */
    record NetworkClose(String host, int port, String protocol, long connection, Optional<String> address,
                        long bytesOut, long bytesIn, long durationMillis, Optional<String> error,
                        Optional<String> command) implements EventBody {
        public NetworkClose {
            Objects.requireNonNull(host, "host");
            Objects.requireNonNull(protocol, "protocol");
            Objects.requireNonNull(address, "address");
            Objects.requireNonNull(error, "error");
            Objects.requireNonNull(command, "command");
        }

        @Override
        public String type() {
            return "warden.network_close";
        }

        @Override
        public Map<String, Object> toJson() {
            Map<String, Object> json = fields("host", host, "port", port, "protocol", protocol, "connection", connection,
                    "bytes_out", bytesOut, "bytes_in", bytesIn, "duration_ms", durationMillis);
            address.ifPresent(a -> json.put("address", a));
            error.ifPresent(e -> json.put("error", e));
            command.ifPresent(c -> json.put("command", c));
            return json;
        }
    }

    /** A tool call on an MCP server, with its arguments as sent (secrets are masked before storage). */
    record McpCall(String server, String tool, String arguments) implements EventBody {
        public McpCall {
            Objects.requireNonNull(server, "server");
            Objects.requireNonNull(tool, "tool");
            Objects.requireNonNull(arguments, "arguments");
        }

        @Override
        public String type() {
            return "warden.mcp_call";
        }

        @Override
        public Map<String, Object> toJson() {
            return fields("server", server, "tool", tool, "arguments", arguments);
        }
    }

    /** A configuration warning the person was shown (a value replaced by a requirement, an ignored file). */
    record ConfigWarning(String message) implements EventBody {
        public ConfigWarning {
            Objects.requireNonNull(message, "message");
        }

        @Override
        public String type() {
            return "warden.config_warning";
        }

        @Override
        public Map<String, Object> toJson() {
            return fields("message", message);
        }
    }

    /**
     * The session is over.
     *
     * @param reason {@code exited}, {@code killed}, {@code refused}, {@code audit-failure}...
     */
    record SessionEnd(int exitStatus, long durationMillis, String reason) implements EventBody {
        public SessionEnd {
            Objects.requireNonNull(reason, "reason");
        }

        @Override
        public String type() {
            return "warden.session_end";
        }

        @Override
        public Map<String, Object> toJson() {
            return fields("exit_status", exitStatus, "duration_ms", durationMillis, "reason", reason);
        }
    }

    /** How long an approval holds. */
    enum ApprovalScope {
        ONCE,
        SESSION,
        ALWAYS;

        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private static List<Object> reasonsJson(List<Reason> reasons) {
        List<Object> out = new ArrayList<>(reasons.size());
        reasons.forEach(r -> out.add(r.toJson()));
        return out;
    }

    private static Map<String, Object> fields(Object... pairs) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put((String) pairs[i], pairs[i + 1]);
        }
        return map;
    }
}
