package dev.warden.proxy;

import java.util.Objects;
import java.util.Optional;

/**
 * A connection waiting for a person's answer because its host is on neither list ({@code unknown = "ask"}).
 *
 * @param session   the session the credential belongs to
 * @param command   the command the credential was issued for, if any
 * @param host      the canonical host
 * @param port      the destination port
 * @param protocol  how the client asked
 * @param reason    why it is asked, e.g. {@code example.com:443 is on neither list; unknown = "ask" (user ...:5)}
 */
public record NetworkRequest(String session, Optional<String> command, String host, int port, Protocol protocol,
                             String reason) {
    public NetworkRequest {
        Objects.requireNonNull(session, "session");
        Objects.requireNonNull(command, "command");
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(protocol, "protocol");
        Objects.requireNonNull(reason, "reason");
    }

    /** {@code example.com:443}, IPv6 in brackets. */
    public String authority() {
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
    }
}
