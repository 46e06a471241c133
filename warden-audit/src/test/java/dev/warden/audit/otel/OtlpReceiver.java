package dev.warden.audit.otel;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

/**
 * An OTLP/HTTP collector on loopback, in the test JVM: accepts {@code POST /v1/logs} and {@code /v1/traces}
 * with protobuf bodies and keeps each request's raw bytes and headers, as a real collector would receive them.
 */
final class OtlpReceiver implements AutoCloseable {
    record Request(String path, Map<String, List<String>> headers, byte[] body) {}

    final List<Request> requests = new CopyOnWriteArrayList<>();
    final Map<String, Integer> statusByPath = new ConcurrentHashMap<>();
    volatile long delayMillis;
    private final HttpServer server;

    OtlpReceiver() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(Executors.newFixedThreadPool(2));
        server.createContext("/", exchange -> {
            try (InputStream in = exchange.getRequestBody()) {
                byte[] body = in.readAllBytes();
                if (delayMillis > 0) {
                    Thread.sleep(delayMillis);
                }
                requests.add(new Request(exchange.getRequestURI().getPath(), Map.copyOf(exchange.getRequestHeaders()), body));
                int status = statusByPath.getOrDefault(exchange.getRequestURI().getPath(), 200);
                exchange.getResponseHeaders().add("Content-Type", "application/x-protobuf");
                exchange.sendResponseHeaders(status, -1); // an empty Export*ServiceResponse
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                exchange.close();
            }
        });
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    List<Request> on(String path) {
        List<Request> out = new ArrayList<>();
        for (Request r : requests) {
            if (r.path().equals(path)) {
                out.add(r);
            }
        }
        return Collections.unmodifiableList(out);
    }

    /** Every LogRecord received: ExportLogsServiceRequest.resource_logs(1).scope_logs(2).log_records(2). */
    List<Protobuf> logRecords() {
        List<Protobuf> out = new ArrayList<>();
        for (Request r : on("/v1/logs")) {
            for (Protobuf resourceLogs : Protobuf.parse(r.body()).messages(1)) {
                for (Protobuf scopeLogs : resourceLogs.messages(2)) {
                    out.addAll(scopeLogs.messages(2));
                }
            }
        }
        return out;
    }

    /** The resource attributes of the first logs request. */
    Map<String, Object> logResource() {
        return Protobuf.attributes(Protobuf.parse(on("/v1/logs").getFirst().body()).message(1).message(1).messages(1));
    }

    /** Every Span received: ExportTraceServiceRequest.resource_spans(1).scope_spans(2).spans(2). */
    List<Protobuf> spans() {
        List<Protobuf> out = new ArrayList<>();
        for (Request r : on("/v1/traces")) {
            for (Protobuf resourceSpans : Protobuf.parse(r.body()).messages(1)) {
                for (Protobuf scopeSpans : resourceSpans.messages(2)) {
                    out.addAll(scopeSpans.messages(2));
                }
            }
        }
        return out;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
