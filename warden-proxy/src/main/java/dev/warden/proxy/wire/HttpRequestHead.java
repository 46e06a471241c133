package dev.warden.proxy.wire;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** A request line and its header fields, as read by {@link HttpHeadReader}. */
public record HttpRequestHead(String method, String target, String version, List<HttpHeader> headers) {
    public HttpRequestHead {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(version, "version");
        headers = List.copyOf(headers);
    }

    /** The first field named {@code name}. */
    public Optional<String> header(String name) {
        for (HttpHeader header : headers) {
            if (header.is(name)) {
                return Optional.of(header.value());
            }
        }
        return Optional.empty();
    }

    /** Every field named {@code name}, in order. */
    public List<String> all(String name) {
        return headers.stream().filter(h -> h.is(name)).map(HttpHeader::value).toList();
    }

    /** Whether a comma-separated field (such as {@code Connection}) lists {@code token}. */
    public boolean lists(String name, String token) {
        for (String value : all(name)) {
            for (String part : value.split(",")) {
                if (part.strip().equalsIgnoreCase(token)) {
                    return true;
                }
            }
        }
        return false;
    }
}
