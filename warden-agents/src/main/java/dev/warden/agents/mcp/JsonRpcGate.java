package dev.warden.agents.mcp;

import dev.warden.core.json.Json;
import dev.warden.core.json.JsonException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * Stands between stdin and the SDK's stdio transport. The SDK ends the whole session on a line it cannot
 * deserialize; an MCP server must instead answer a JSON-RPC error and stay up. So every line is checked here:
 * well-formed JSON-RPC 2.0 messages go on to the SDK through a pipe, anything else is answered on stdout with
 * {@code -32700} (parse error) or {@code -32600} (invalid request), written under the same lock the SDK writes under
 * so the two never interleave within a line.
 *
 * <p>The SDK reads the checked lines from a queue. The SDK also stops writing as soon as its input ends, which would
 * drop the answers to requests a client sent just before closing stdin; so the end of stdin is held back until
 * every request is answered ({@link #allAnswered}), and only {@link #finish} passes it on.
 */
final class JsonRpcGate {
    static final int MAX_LINE = 16 * 1024 * 1024;

    private static final byte[] END = new byte[0];

    private final InputStream in;
    private final OutputStream out;
    private final LinkedBlockingQueue<byte[]> lines = new LinkedBlockingQueue<>();
    private final CountDownLatch ended = new CountDownLatch(1);
    /** Ids of requests passed to the SDK and not answered yet (as their JSON text). */
    private final java.util.Set<String> unanswered = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private final Input forSdk = new Input();

    private JsonRpcGate(InputStream in, OutputStream out) {
        this.in = in;
        this.out = out;
    }

    /** Starts checking {@code in}; {@link #forSdk()} is what the SDK reads. {@code out} is the SDK's output stream. */
    static JsonRpcGate start(InputStream in, OutputStream out) {
        JsonRpcGate gate = new JsonRpcGate(in, out);
        Thread.ofPlatform().daemon().name("warden-mcp-gate").start(gate::loop);
        return gate;
    }

    InputStream forSdk() {
        return forSdk;
    }

    /** Blocks until the client closed stdin. */
    void awaitEnd() throws InterruptedException {
        ended.await();
    }

    /** Passes the end of input on to the SDK, which then shuts its session down. */
    void finish() {
        lines.add(END);
    }

    /** Whether every request the client sent has been answered. */
    boolean allAnswered() {
        return lines.isEmpty() && forSdk.idle() && unanswered.isEmpty();
    }

    /** Called with every line the SDK writes: a response settles its request. */
    void written(String line) {
        try {
            if (Json.parse(line) instanceof Map<?, ?> map && map.containsKey("id") && !map.containsKey("method")) {
                unanswered.remove(Json.write(map.get("id")));
            }
        } catch (JsonException e) {
            // Not ours to judge: the SDK wrote it.
        }
    }

    private void loop() {
        try {
            ByteArrayOutputStream line = new ByteArrayOutputStream(1024);
            boolean tooLong = false;
            int b;
            while ((b = in.read()) != -1) {
                if (b != '\n') {
                    if (line.size() < MAX_LINE) {
                        line.write(b);
                    } else {
                        tooLong = true;
                    }
                    continue;
                }
                handle(line.toString(StandardCharsets.UTF_8), tooLong);
                line.reset();
                tooLong = false;
            }
            if (line.size() > 0) {
                handle(line.toString(StandardCharsets.UTF_8), tooLong);
            }
        } catch (IOException e) {
            // stdin closed under us: the same as the client hanging up.
        } finally {
            ended.countDown();
        }
    }

    private void handle(String line, boolean tooLong) throws IOException {
        if (line.isBlank()) {
            return;
        }
        if (tooLong) {
            reply(null, -32600, "Invalid Request: message longer than " + MAX_LINE + " bytes");
            return;
        }
        Object message;
        try {
            message = Json.parse(line);
        } catch (JsonException e) {
            reply(null, -32700, "Parse error: " + e.getMessage());
            return;
        }
        String problem = problem(message);
        if (problem != null) {
            Object id = message instanceof Map<?, ?> map && validId(map.get("id")) ? map.get("id") : null;
            reply(id, -32600, "Invalid Request: " + problem);
            return;
        }
        if (message instanceof Map<?, ?> map && map.containsKey("method") && map.get("id") != null) {
            unanswered.add(Json.write(map.get("id")));
        }
        lines.add((line.strip() + "\n").getBytes(StandardCharsets.UTF_8));
    }

    /** What makes {@code message} not a JSON-RPC 2.0 request, notification or response; null when it is one. */
    static String problem(Object message) {
        if (message instanceof List<?>) {
            return "batches are not supported";
        }
        if (!(message instanceof Map<?, ?> map)) {
            return "a message is a JSON object";
        }
        if (!"2.0".equals(map.get("jsonrpc"))) {
            return "\"jsonrpc\" must be \"2.0\"";
        }
        if (map.containsKey("id") && !validId(map.get("id"))) {
            return "\"id\" must be a string or an integer";
        }
        if (map.containsKey("method")) {
            if (!(map.get("method") instanceof String method) || method.isEmpty()) {
                return "\"method\" must be a non-empty string";
            }
            if (map.containsKey("params") && !(map.get("params") instanceof Map<?, ?>) && !(map.get("params") instanceof List<?>)) {
                return "\"params\" must be an object or an array";
            }
            if (map.containsKey("result") || map.containsKey("error")) {
                return "a request has no \"result\" or \"error\"";
            }
            return null;
        }
        if (!map.containsKey("id")) {
            return "a message needs \"method\" (request or notification) or \"id\" (response)";
        }
        if (map.containsKey("result") == map.containsKey("error")) {
            return "a response has exactly one of \"result\" and \"error\"";
        }
        if (map.containsKey("error") && !(map.get("error") instanceof Map<?, ?> error && error.get("code") instanceof Long
                && error.get("message") instanceof String)) {
            return "\"error\" needs an integer \"code\" and a string \"message\"";
        }
        return null;
    }

    private static boolean validId(Object id) {
        return id instanceof String || id instanceof Long || (id instanceof BigDecimal d && d.stripTrailingZeros().scale() <= 0);
    }

    private void reply(Object id, int code, String message) throws IOException {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("code", code);
        error.put("message", message);
        Map<String, Object> response = new LinkedHashMap<>();
        response.put("jsonrpc", "2.0");
        response.put("id", id);
        response.put("error", error);
        byte[] bytes = (Json.write(response) + "\n").getBytes(StandardCharsets.UTF_8);
        synchronized (out) { // the SDK's stdio transport writes each message under this same monitor
            out.write(bytes);
            out.flush();
        }
    }

    /** The SDK's stdin: the checked lines, then end of stream. */
    private final class Input extends InputStream {
        private byte[] current = new byte[0];
        private int position;
        private volatile boolean waiting;

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            if (length == 0) {
                return 0;
            }
            if (position == current.length) {
                if (current == END) {
                    return -1;
                }
                try {
                    waiting = true;
                    current = lines.take();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new java.io.InterruptedIOException("interrupted");
                } finally {
                    waiting = false;
                }
                position = 0;
                if (current == END) {
                    return -1;
                }
            }
            int n = Math.min(length, current.length - position);
            System.arraycopy(current, position, buffer, offset, n);
            position += n;
            return n;
        }

        boolean idle() {
            return waiting && position == current.length;
        }
    }
}
