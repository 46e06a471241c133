package dev.warden.sandbox;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Where a sandbox with network {@link NetworkMode#PROXIED} reaches Warden's egress proxy.
 *
 * @param port   the TCP port on {@code 127.0.0.1} commands are told to use: the proxy's own port on the host
 *               (the Landlock backend allows TCP connect to this port only), and the port the forwarder
 *               listens on inside a sandbox with its own network namespace (bubblewrap), so the same
 *               {@code HTTP_PROXY} works under both backends
 * @param socket a unix socket on the host that leads to the same proxy; bubblewrap binds it into the
 *               sandbox, the only way out of its network namespace
 */
public record ProxyEndpoint(int port, Path socket) {
    public ProxyEndpoint {
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("proxy port must be 1..65535, got " + port);
        }
        Objects.requireNonNull(socket, "socket");
        if (!socket.isAbsolute()) {
            throw new IllegalArgumentException("proxy socket must be an absolute path: " + socket);
        }
    }
}
