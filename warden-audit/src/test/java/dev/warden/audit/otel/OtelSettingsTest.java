package dev.warden.audit.otel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class OtelSettingsTest {

    @Test
    void noneByDefault() {
        OtelSettings s = OtelSettings.parse(Map.of());
        assertThat(s.enabled()).isFalse();
        assertThat(s.environment()).isEqualTo("dev");
        assertThat(s.logUserPrompt()).isFalse();
    }

    @Test
    void codexFormsAreUnderstood() {
        OtelSettings http = OtelSettings.parse(Map.of("exporter", Map.of("otlp-http", Map.of(
                "endpoint", "https://otel.example.com/v1/logs", "protocol", "binary", "headers", Map.of("x-otlp-api-key", "k")))));
        assertThat(http.logs()).contains(new OtelSettings.Endpoint(OtelSettings.Transport.HTTP_PROTOBUF,
                URI.create("https://otel.example.com/v1/logs"), Map.of("x-otlp-api-key", "k")));
        assertThat(http.traces().orElseThrow().url()).isEqualTo(URI.create("https://otel.example.com/v1/traces"));

        OtelSettings grpc = OtelSettings.parse(Map.of("exporter", Map.of("otlp-grpc", Map.of("endpoint", "http://collector:4317")),
                "trace_exporter", "none"));
        assertThat(grpc.logs().orElseThrow().transport()).isEqualTo(OtelSettings.Transport.GRPC);
        assertThat(grpc.traces()).isEmpty();
    }

    @Test
    void theShortFormSendsBothSignalsOverHttp() {
        OtelSettings s = OtelSettings.parse(Map.of("otlp_endpoint", "http://localhost:4318/", "environment", "prod"));
        assertThat(s.logs().orElseThrow().url()).isEqualTo(URI.create("http://localhost:4318/v1/logs"));
        assertThat(s.traces().orElseThrow().url()).isEqualTo(URI.create("http://localhost:4318/v1/traces"));
        assertThat(s.environment()).isEqualTo("prod");
        assertThat(OtelSettings.parse(Map.of("otlp_endpoint", "http://c:4318", "log_exporter", "none")).logs()).isEqualTo(Optional.empty());
    }

    @Test
    void whatCannotBeHonouredIsAnErrorNamingTheKey() {
        assertThatThrownBy(() -> OtelSettings.parse(Map.of("exporter", "otlp-http")))
                .hasMessageContaining("otel.exporter = \"otlp-http\" needs an endpoint");
        assertThatThrownBy(() -> OtelSettings.parse(Map.of("exporter", "statsig")))
                .hasMessageContaining("otel.exporter: unknown exporter \"statsig\"");
        assertThatThrownBy(() -> OtelSettings.parse(Map.of("exporter", Map.of("otlp-http", Map.of("endpoint", "http://c", "protocol", "json")))))
                .hasMessageContaining("otel.exporter.otlp-http.protocol = \"json\"");
        assertThatThrownBy(() -> OtelSettings.parse(Map.of("trace_exporter", Map.of("otlp-grpc", Map.of("endpoint", "collector:4317")))))
                .hasMessageContaining("otel.trace_exporter.otlp-grpc.endpoint").hasMessageContaining("http:// or https://");
        assertThatThrownBy(() -> OtelSettings.parse(Map.of("exporter", Map.of("otlp-http", Map.of("endpoint", "http://c", "tls", true)))))
                .hasMessageContaining("otel.exporter.otlp-http.tls: unknown option");
    }
}
