package dev.warden.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A session's events reach an OpenTelemetry collector on the wire while the store keeps the record: a real
 * OTLP/HTTP endpoint in this JVM receives what the packaged warden sends (the protobuf payloads are decoded
 * field by field in warden-audit's tests; here the wiring is under test).
 */
class OtelExportIT {
    @TempDir
    Path tmp;

    @Test
    void execSessionsAreExportedAsLogsAndSpans() throws IOException {
        Map<String, List<byte[]>> received = new ConcurrentHashMap<>();
        HttpServer collector = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        collector.createContext("/", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            received.computeIfAbsent(exchange.getRequestURI().getPath(), k -> new CopyOnWriteArrayList<>()).add(body);
            exchange.getResponseHeaders().add("Content-Type", "application/x-protobuf");
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        collector.start();
        try {
            String endpoint = "http://127.0.0.1:" + collector.getAddress().getPort();
            var r = new WardenProcess(tmp).run("-c", "sandbox_mode=workspace-write", "-c",
                    "otel.otlp_endpoint=\"" + endpoint + "\"", "-c", "otel.environment=\"it\"", "exec", "--", "echo", "exported");
            assertThat(r.exit()).as(r.toString()).isZero();
            assertThat(r.err()).doesNotContain("otel");
        } finally {
            collector.stop(0);
        }
        assertThat(received).containsKeys("/v1/logs", "/v1/traces");
        String logs = text(received.get("/v1/logs"));
        assertThat(logs).contains("warden.session_start", "warden.tool_decision", "warden.tool_result",
                "warden.session_end", "exported", "it");
        assertThat(text(received.get("/v1/traces"))).contains("echo");
    }

    @Test
    void anUnreachableCollectorNeverStopsTheCommandButIsReported() throws IOException {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        var r = new WardenProcess(tmp).run("-c", "sandbox_mode=workspace-write", "-c",
                "otel.otlp_endpoint=\"http://127.0.0.1:" + closedPort + "\"", "exec", "--", "echo", "still-runs");
        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(r.out()).contains("still-runs");
        assertThat(r.err()).contains("warden: otel:");
        // The store is the source of truth: the session is there regardless.
        var stored = new WardenProcess(tmp).run("audit", "query", "--grep", "still-runs", "--jsonl");
        assertThat(stored.out()).contains("warden.tool_decision");
    }

    private static String text(List<byte[]> bodies) {
        StringBuilder all = new StringBuilder();
        bodies.forEach(b -> all.append(new String(b, StandardCharsets.ISO_8859_1)));
        return all.toString();
    }
}
