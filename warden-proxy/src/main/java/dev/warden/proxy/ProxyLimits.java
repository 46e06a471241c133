package dev.warden.proxy;

import java.time.Duration;
import java.util.Objects;

/**
 * Bounds that keep one slow or hostile client from exhausting the proxy.
 *
 * @param maxLineBytes      longest request or header line
 * @param maxHeadBytes      largest request head (request line and every header)
 * @param maxHeaders        most header fields in one request
 * @param handshakeTimeout  time to send a complete request head or SOCKS handshake (slowloris)
 * @param idleTimeout       a tunnel with no byte in either direction for this long is closed
 * @param connectTimeout    time to open the connection to the destination
 * @param askTimeout        time a person has to answer; silence is a denial
 * @param maxConnections    connections open at once; more are closed as they arrive
 */
public record ProxyLimits(int maxLineBytes, int maxHeadBytes, int maxHeaders, Duration handshakeTimeout,
                          Duration idleTimeout, Duration connectTimeout, Duration askTimeout, int maxConnections) {

    public ProxyLimits {
        if (maxLineBytes < 64 || maxHeadBytes < maxLineBytes || maxHeaders < 1 || maxConnections < 1) {
            throw new IllegalArgumentException("limits too small: " + maxLineBytes + "/" + maxHeadBytes + "/"
                    + maxHeaders + "/" + maxConnections);
        }
        positive(handshakeTimeout, "handshakeTimeout");
        positive(idleTimeout, "idleTimeout");
        positive(connectTimeout, "connectTimeout");
        positive(askTimeout, "askTimeout");
    }

    private static void positive(Duration d, String name) {
        Objects.requireNonNull(d, name);
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(name + " must be positive");
        }
    }

    /** 8 KiB lines, 64 KiB heads, 100 headers, 10 s to handshake, 10 min idle, 10 s to connect, 2 min to answer. */
    public static ProxyLimits defaults() {
        return new ProxyLimits(8192, 65536, 100, Duration.ofSeconds(10), Duration.ofMinutes(10),
                Duration.ofSeconds(10), Duration.ofMinutes(2), 4096);
    }

    public ProxyLimits withHandshakeTimeout(Duration d) {
        return new ProxyLimits(maxLineBytes, maxHeadBytes, maxHeaders, d, idleTimeout, connectTimeout, askTimeout, maxConnections);
    }

    public ProxyLimits withIdleTimeout(Duration d) {
        return new ProxyLimits(maxLineBytes, maxHeadBytes, maxHeaders, handshakeTimeout, d, connectTimeout, askTimeout, maxConnections);
    }

    public ProxyLimits withAskTimeout(Duration d) {
        return new ProxyLimits(maxLineBytes, maxHeadBytes, maxHeaders, handshakeTimeout, idleTimeout, connectTimeout, d, maxConnections);
    }

    public ProxyLimits withMaxConnections(int n) {
        return new ProxyLimits(maxLineBytes, maxHeadBytes, maxHeaders, handshakeTimeout, idleTimeout, connectTimeout, askTimeout, n);
    }
}
