package dev.warden.proxy.wire;

import java.util.Objects;

/** One header field as received; names compare case-insensitively. */
public record HttpHeader(String name, String value) {
    public HttpHeader {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(value, "value");
    }

    public boolean is(String other) {
        return name.equalsIgnoreCase(other);
    }
}
