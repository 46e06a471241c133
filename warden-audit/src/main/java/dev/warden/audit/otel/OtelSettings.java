package dev.warden.audit.otel;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The {@code [otel]} section, read the way Codex reads it: {@code exporter} (and {@code log_exporter},
 * {@code trace_exporter}, which override it per signal) is {@code "none"}, or
 * {@code { otlp-http = { endpoint, headers, protocol = "binary" } }}, or {@code { otlp-grpc = { endpoint, headers } }};
 * the short form {@code otlp_endpoint = "http://collector:4318"} means OTLP/HTTP to that collector for both;
 * {@code environment} (default {@code dev}) and {@code log_user_prompt} (default false).
 *
 * @param logs          where log records go, if anywhere
 * @param traces        where spans go, if anywhere
 * @param environment   {@code deployment.environment.name} on every record
 * @param logUserPrompt whether prompt text may leave the machine (the length always does)
 */
public record OtelSettings(Optional<Endpoint> logs, Optional<Endpoint> traces, String environment, boolean logUserPrompt) {

    public static final OtelSettings NONE = new OtelSettings(Optional.empty(), Optional.empty(), "dev", false);

    public OtelSettings {
        Objects.requireNonNull(logs, "logs");
        Objects.requireNonNull(traces, "traces");
        Objects.requireNonNull(environment, "environment");
    }

    public boolean enabled() {
        return logs.isPresent() || traces.isPresent();
    }

    /** How records travel. */
    public enum Transport {
        /** OTLP/HTTP with binary protobuf bodies ({@code otlp-http}, {@code protocol = "binary"}). */
        HTTP_PROTOBUF,
        /** OTLP/gRPC ({@code otlp-grpc}). */
        GRPC
    }

    /**
     * One exporter target.
     *
     * @param url the full URL: for HTTP the signal's path ({@code /v1/logs}, {@code /v1/traces}) included
     */
    public record Endpoint(Transport transport, URI url, Map<String, String> headers) {
        public Endpoint {
            Objects.requireNonNull(transport, "transport");
            Objects.requireNonNull(url, "url");
            headers = Map.copyOf(headers);
        }
    }

    /** Reads the {@code [otel]} table; a value Warden cannot honour is an error naming the key, never ignored. */
    public static OtelSettings parse(Map<String, Object> otel) {
        String environment = text(otel, "environment").orElse("dev");
        boolean logPrompt = otel.get("log_user_prompt") instanceof Boolean b && b;
        Optional<Object> shortForm = Optional.ofNullable(otel.get("otlp_endpoint"));
        Object general = otel.containsKey("exporter") ? otel.get("exporter")
                : shortForm.<Object>map(url -> Map.of("otlp-http", Map.of("endpoint", url))).orElse("none");
        String generalKey = otel.containsKey("exporter") ? "otel.exporter" : "otel.otlp_endpoint";
        Optional<Endpoint> logs = otel.containsKey("log_exporter")
                ? endpoint(otel.get("log_exporter"), "otel.log_exporter", "logs")
                : endpoint(general, generalKey, "logs");
        Optional<Endpoint> traces = otel.containsKey("trace_exporter")
                ? endpoint(otel.get("trace_exporter"), "otel.trace_exporter", "traces")
                : endpoint(general, generalKey, "traces");
        return new OtelSettings(logs, traces, environment, logPrompt);
    }

    private static Optional<Endpoint> endpoint(Object value, String key, String signal) {
        if (value instanceof String name) {
            return switch (name) {
                case "none" -> Optional.empty();
                case "otlp-http", "otlp-grpc" -> throw new IllegalArgumentException(key + " = \"" + name
                        + "\" needs an endpoint: " + key + " = { " + name + " = { endpoint = \"...\" } }");
                default -> throw new IllegalArgumentException(key + ": unknown exporter \"" + name
                        + "\"; use none, otlp-http or otlp-grpc");
            };
        }
        if (!(value instanceof Map<?, ?> table) || table.size() != 1) {
            throw new IllegalArgumentException(key + ": expected \"none\" or a table with one of otlp-http, otlp-grpc");
        }
        Map.Entry<?, ?> only = table.entrySet().iterator().next();
        String kind = String.valueOf(only.getKey());
        if (!(only.getValue() instanceof Map<?, ?> options)) {
            throw new IllegalArgumentException(key + "." + kind + ": expected a table { endpoint = \"...\" }");
        }
        String where = key + "." + kind;
        Transport transport = switch (kind) {
            case "otlp-http" -> Transport.HTTP_PROTOBUF;
            case "otlp-grpc" -> Transport.GRPC;
            default -> throw new IllegalArgumentException(key + ": unknown exporter \"" + kind + "\"; use otlp-http or otlp-grpc");
        };
        for (Object option : options.keySet()) {
            if (!List.of("endpoint", "headers", "protocol").contains(String.valueOf(option))) {
                throw new IllegalArgumentException(where + "." + option + ": unknown option; known: endpoint, headers, protocol");
            }
        }
        Object protocol = options.get("protocol");
        if (protocol != null && !"binary".equals(protocol)) {
            throw new IllegalArgumentException(where + ".protocol = \"" + protocol + "\": Warden sends OTLP as binary"
                    + " protobuf; use protocol = \"binary\" (or leave it out)");
        }
        if (!(options.get("endpoint") instanceof String endpoint) || endpoint.isBlank()) {
            throw new IllegalArgumentException(where + ".endpoint: missing; e.g. \"http://localhost:"
                    + (transport == Transport.GRPC ? "4317" : "4318") + "\"");
        }
        URI url;
        try {
            url = URI.create(endpoint.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(where + ".endpoint: \"" + endpoint + "\" is not a URL");
        }
        if (!("http".equals(url.getScheme()) || "https".equals(url.getScheme())) || url.getHost() == null) {
            throw new IllegalArgumentException(where + ".endpoint: \"" + endpoint + "\" must be an http:// or https:// URL");
        }
        Map<String, String> headers = new LinkedHashMap<>();
        if (options.get("headers") instanceof Map<?, ?> h) {
            h.forEach((name, v) -> headers.put(String.valueOf(name), String.valueOf(v)));
        } else if (options.get("headers") != null) {
            throw new IllegalArgumentException(where + ".headers: expected a table of header names to values");
        }
        return Optional.of(new Endpoint(transport, transport == Transport.GRPC ? url : signalPath(url, signal), headers));
    }

    /** Codex users write the logs URL ({@code .../v1/logs}); a collector's base URL works too. */
    private static URI signalPath(URI url, String signal) {
        String text = url.toString();
        for (String known : List.of("/v1/logs", "/v1/traces")) {
            if (text.endsWith(known)) {
                return URI.create(text.substring(0, text.length() - known.length()) + "/v1/" + signal);
            }
        }
        return URI.create((text.endsWith("/") ? text.substring(0, text.length() - 1) : text) + "/v1/" + signal);
    }

    private static Optional<String> text(Map<String, Object> otel, String key) {
        Object value = otel.get(key);
        if (value == null) {
            return Optional.empty();
        }
        if (value instanceof String s) {
            return Optional.of(s);
        }
        throw new IllegalArgumentException("otel." + key + ": expected a string");
    }
}
