package dev.warden.proxy;

import java.util.Locale;

/** How a client reached the proxy: a plain HTTP request, an HTTP CONNECT tunnel, or SOCKS5. */
public enum Protocol {
    /** An absolute-form request ({@code GET http://host/path}), forwarded as one request. */
    HTTP,
    /** {@code CONNECT host:port}: a tunnel (HTTPS, WebSockets, anything over TCP). */
    CONNECT,
    /** SOCKS5 {@code CONNECT} with a domain name or an address. */
    SOCKS5;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
