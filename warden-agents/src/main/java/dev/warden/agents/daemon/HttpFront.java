package dev.warden.agents.daemon;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.warden.agents.hook.HookAnswer;
import dev.warden.agents.hook.HookPayload;
import dev.warden.core.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

/**
 * The daemon's HTTP door on {@code 127.0.0.1}, for Claude Code's {@code type: "http"} hooks.
 *
 * <p>Two checks before anything is read: the {@code Host} header must name this listener
 * ({@code 127.0.0.1:PORT} or {@code localhost:PORT}), which defeats DNS rebinding (a web page's script reaching
 * the loopback port under its own host name); and the bearer token from {@code daemon.json} must match.
 *
 * <p>Claude Code treats a non-2xx answer, a connection failure and a timeout of an HTTP hook as a non-blocking
 * error: the tool call proceeds. So every failure that concerns a hook call (a wrong token after a daemon restart,
 * a payload Warden cannot read, an internal error) is answered {@code 200} with a body that blocks: a
 * {@code PreToolUse} deny, a {@code UserPromptSubmit} block, or {@code "continue": false} for other events.
 */
final class HttpFront implements AutoCloseable {
    static final String HOOK_PATH = "/hooks/claude-code";
    static final String SESSION_HEADER = "X-Warden-Session";

    private final HttpServer server;
    private final String token;
    private final HookService hooks;
    private final Supplier<Map<String, Object>> status;
    private final Activity activity;

    HttpFront(String token, HookService hooks, Supplier<Map<String, Object>> status, Activity activity)
            throws IOException {
        this.token = token;
        this.hooks = hooks;
        this.status = status;
        this.activity = activity;
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext(HOOK_PATH, this::hook);
        server.createContext("/status", this::status);
        server.createContext("/", exchange -> reply(exchange, 404, "text/plain", "not found\n"));
        server.start();
    }

    int port() {
        return server.getAddress().getPort();
    }

    String url() {
        return "http://127.0.0.1:" + port();
    }

    private void hook(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!hostIsThisListener(exchange)) {
                reply(exchange, 421, "text/plain", "wrong Host header: use 127.0.0.1:" + port() + "\n");
                return;
            }
            if (!"POST".equals(exchange.getRequestMethod())) {
                exchange.getResponseHeaders().add("Allow", "POST");
                reply(exchange, 405, "text/plain", "POST a Claude Code hook payload\n");
                return;
            }
            String body = readBody(exchange.getRequestBody());
            if (!authorized(exchange)) {
                reply(exchange, 200, "application/json", blockingBody(body,
                        "warden daemon: missing or wrong bearer token (the daemon restarted?); restart the session"));
                return;
            }
            Optional<String> session = Optional.ofNullable(exchange.getRequestHeaders().getFirst(SESSION_HEADER))
                    .filter(s -> !s.isBlank());
            HookAnswer answer;
            try (var _ = activity.begin()) { // only a token holder's request keeps an idle daemon alive
                answer = hooks.claudeCode(body, session);
            }
            exchange.getResponseHeaders().add("X-Warden-Exit", Integer.toString(answer.exitStatus()));
            if (answer.failedClosed()) {
                reply(exchange, 200, "application/json", blockingBody(body, answer.stderr().strip()));
            } else if (answer.stdout().isEmpty()) {
                reply(exchange, 200, "application/json", "");
            } else {
                reply(exchange, 200, "application/json", answer.stdout());
            }
        } catch (IOException | RuntimeException e) {
            // The answer could not be sent: Claude Code sees a connection failure.
        }
    }

    private void status(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!hostIsThisListener(exchange)) {
                reply(exchange, 421, "text/plain", "wrong Host header\n");
                return;
            }
            if (!authorized(exchange)) {
                reply(exchange, 401, "text/plain", "missing or wrong bearer token\n");
                return;
            }
            reply(exchange, 200, "application/json", Json.write(status.get()) + "\n");
        }
    }

    private boolean hostIsThisListener(HttpExchange exchange) {
        String host = exchange.getRequestHeaders().getFirst("Host");
        return host != null && (host.equals("127.0.0.1:" + port()) || host.equals("localhost:" + port()));
    }

    private boolean authorized(HttpExchange exchange) {
        String header = exchange.getRequestHeaders().getFirst("Authorization");
        if (header == null || !header.startsWith("Bearer ")) {
            return false;
        }
        byte[] given = header.substring("Bearer ".length()).strip().getBytes(StandardCharsets.UTF_8);
        return MessageDigest.isEqual(given, token.getBytes(StandardCharsets.UTF_8));
    }

    private static String readBody(InputStream in) throws IOException {
        byte[] bytes = in.readNBytes(HookPayload.MAX_BYTES + 1);
        return new String(bytes, StandardCharsets.UTF_8);
    }

    /** A 2xx body that blocks whatever event {@code payload} is (best effort: the payload may be unreadable). */
    static String blockingBody(String payload, String reason) {
        String event = "";
        try {
            if (Json.parse(payload) instanceof Map<?, ?> map && map.get("hook_event_name") instanceof String name) {
                event = name;
            }
        } catch (RuntimeException e) {
            // Unreadable payload: the universal "continue": false below.
        }
        Map<String, Object> body = new LinkedHashMap<>();
        switch (event) {
            case "PreToolUse" -> body.put("hookSpecificOutput", Map.of("hookEventName", "PreToolUse",
                    "permissionDecision", "deny", "permissionDecisionReason", reason));
            case "UserPromptSubmit" -> {
                body.put("decision", "block");
                body.put("reason", reason);
            }
            default -> {
                body.put("continue", false);
                body.put("stopReason", reason);
            }
        }
        return Json.write(body) + "\n";
    }

    private static void reply(HttpExchange exchange, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            exchange.getResponseBody().write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
