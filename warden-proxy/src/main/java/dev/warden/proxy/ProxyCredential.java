package dev.warden.proxy;

import java.net.URI;
import java.util.Objects;
import java.util.Optional;

/**
 * A secret that lets one command use one session's proxy, carried in the proxy URL as
 * {@code http://warden:TOKEN@127.0.0.1:PORT}: HTTP clients send it as {@code Proxy-Authorization: Basic},
 * SOCKS5 clients as RFC 1929 username and password. No other local process knows it, so no other
 * process can use this session's proxy (escape case 36), and every connection is attributed.
 *
 * @param session  the session
 * @param command  the command it was issued for, if any
 * @param user     the user name clients must send ({@code warden})
 * @param token    256 random bits, URL-safe base64
 * @param host     the proxy's address
 * @param port     the proxy's port
 */
public record ProxyCredential(String session, Optional<String> command, String user, String token, String host, int port) {

    public ProxyCredential {
        Objects.requireNonNull(session, "session");
        Objects.requireNonNull(command, "command");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(token, "token");
        Objects.requireNonNull(host, "host");
    }

    /** {@code http://warden:TOKEN@127.0.0.1:PORT}: for HTTP_PROXY, HTTPS_PROXY, ALL_PROXY. */
    public URI httpUri() {
        return URI.create("http://" + user + ":" + token + "@" + host + ":" + port);
    }

    /** {@code socks5h://warden:TOKEN@127.0.0.1:PORT}: names resolved by the proxy, never by the client. */
    public URI socksUri() {
        return URI.create("socks5h://" + user + ":" + token + "@" + host + ":" + port);
    }

    /** Never prints the token. */
    @Override
    public String toString() {
        return "ProxyCredential[session=" + session + ", command=" + command.orElse("-") + ", " + host + ":" + port + "]";
    }
}
