package dev.warden.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Slow, oversized, malformed and abandoned connections: each is answered (or dropped) cleanly, on time,
 * and leaves no thread or file descriptor behind.
 */
class RobustnessTest {
    LoopbackServers servers;
    InetSocketAddress echo;
    ProxyFixture f;

    @BeforeEach
    void start() throws Exception {
        servers = new LoopbackServers();
        echo = servers.echo();
        ProxyLimits limits = ProxyLimits.defaults().withHandshakeTimeout(Duration.ofMillis(800))
                .withIdleTimeout(Duration.ofMillis(700)).withAskTimeout(Duration.ofSeconds(1));
        f = ProxyFixture.builder().allow("app.test:" + echo.getPort(), "127.0.0.1/32").name("app.test", "127.0.0.1")
                .limits(limits).start();
    }

    @AfterEach
    void stop() throws Exception {
        f.close();
        servers.close();
    }

    @Test
    void aSlowlorisClientIsCutOffAtTheHandshakeDeadline() throws Exception {
        try (RawClient c = new RawClient(f.port())) {
            long start = System.nanoTime();
            String response = "";
            try {
                for (char ch : "CONNECT app.test:443 HTTP/1.1\r\nX-Slow: ".toCharArray()) {
                    c.send(String.valueOf(ch));
                    Thread.sleep(100); // each byte well inside any per-read timeout
                }
            } catch (SocketException closedOnUs) {
                // expected: the proxy gave up on us
            }
            response = new String(c.in.readAllBytes(), StandardCharsets.ISO_8859_1);
            long elapsed = Duration.ofNanos(System.nanoTime() - start).toMillis();
            assertThat(response).startsWith("HTTP/1.1 408 ").contains("X-Warden-Error: bad-request");
            assertThat(elapsed).isLessThan(3500);
        }
    }

    @Test
    void aClientThatSaysNothingIsDroppedAtTheDeadline() throws Exception {
        try (RawClient c = new RawClient(f.port())) {
            long start = System.nanoTime();
            assertThat(c.in.read()).isEqualTo(-1);
            assertThat(Duration.ofNanos(System.nanoTime() - start).toMillis()).isBetween(500L, 3000L);
        }
    }

    @Test
    void anIdleTunnelIsClosedAndRecordedAsSuch() throws Exception {
        try (RawClient c = new RawClient(f.port())) {
            assertThat(c.connect("app.test:" + echo.getPort(), f.credential)).startsWith("HTTP/1.1 200 ");
            c.send("x");
            assertThat(c.read(1)).containsExactly('x');
            long start = System.nanoTime();
            assertThat(c.in.read()).isEqualTo(-1);
            assertThat(Duration.ofNanos(System.nanoTime() - start).toMillis()).isBetween(400L, 3000L);
        }
        assertThat(f.await(NetworkEvent.Closed.class, 1).getFirst().error()).hasValueSatisfying(e -> assertThat(e).contains("idle"));
    }

    @Test
    void aClientThatVanishesMidTunnelEndsItAndTheDestinationConnection() throws Exception {
        RawClient c = new RawClient(f.port());
        assertThat(c.connect("app.test:" + echo.getPort(), f.credential)).startsWith("HTTP/1.1 200 ");
        c.socket.setSoLinger(true, 0); // reset, not a clean close
        c.close();
        assertThat(f.await(NetworkEvent.Closed.class, 1)).hasSize(1);
        awaitDrained();
    }

    @Test
    void overTheConnectionLimitConnectionsAreClosedAtOnce() throws Exception {
        ProxyLimits limits = ProxyLimits.defaults().withMaxConnections(3).withHandshakeTimeout(Duration.ofSeconds(5));
        try (ProxyFixture small = ProxyFixture.builder().limits(limits).start()) {
            List<RawClient> held = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                held.add(new RawClient(small.port()));
            }
            long end = System.nanoTime() + Duration.ofSeconds(5).toNanos();
            while (small.proxy.activeConnections() < 3 && System.nanoTime() < end) {
                Thread.sleep(10);
            }
            try (RawClient extra = new RawClient(small.port())) {
                assertThat(extra.in.read()).isEqualTo(-1);
            }
            for (RawClient c : held) {
                c.close();
            }
        }
    }

    static Stream<String> garbage() {
        return Stream.of(
                "\u0016\u0003\u0001\u0002\u0000\u0001\u0000\u01fc\u0003\u0003", // a TLS ClientHello sent to the proxy port
                "GET / HTTP/1.1\r\nHost: app.test\r\n\r\n",
                "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n",
                "CONNECT app.test:443 HTTP/1.1\r\n" + "X: y\r\n".repeat(200) + "\r\n",
                "CONNECT " + "a".repeat(20000) + ":443 HTTP/1.1\r\n\r\n",
                "GET http://app.test/ HTTP/1.1\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n",
                "\r\n\r\n\r\n\r\n\r\n\r\n\r\n",
                "\u0005\u0000",
                "\u0005\u0001\u0002\u0001\u0000\u0000",
                "\u0005\u00ff" + "\u0002".repeat(255),
                "\u0004\u0001\u0000\u0050\u007f\u0000\u0000\u0001\u0000",
                "\u0000\u0000\u0000\u0000",
                "CONNECT app.test:443 HTTP/1.1\r\nHost: x\r\n");
    }

    @ParameterizedTest
    @MethodSource("garbage")
    void garbageIsAnsweredOrDroppedNeverServed(String input) throws Exception {
        try (RawClient c = new RawClient(f.port())) {
            try {
                c.send(input);
                c.socket.shutdownOutput();
            } catch (SocketException e) {
                // the proxy may close before we finish: also clean
            }
            String response = new String(c.in.readAllBytes(), StandardCharsets.ISO_8859_1);
            assertThat(response).satisfiesAnyOf(
                    r -> assertThat(r).isEmpty(),
                    r -> assertThat(r).startsWith("HTTP/1.1 4"),
                    r -> assertThat(r.charAt(0)).isIn((char) 5, (char) 1, (char) 0));
            assertThat(response).doesNotStartWith("HTTP/1.1 2");
        }
        awaitDrained();
    }

    /** A burst of bad connections leaves no connection, virtual thread or file descriptor behind. */
    @Test
    void aBurstOfBadConnectionsLeaksNothing() throws Exception {
        Path fds = Path.of("/proc/self/fd");
        garbageBurst(40); // warm up: lazily opened JDK files and sockets are not leaks
        awaitDrained();
        long before = count(fds);
        garbageBurst(400);
        awaitDrained();
        long after = waitForFds(fds, before);
        assertThat(after).as("file descriptors before %d, after %d", before, after).isLessThanOrEqualTo(before + 3);
        // and the proxy still serves
        try (RawClient c = new RawClient(f.port())) {
            assertThat(c.connect("app.test:" + echo.getPort(), f.credential)).startsWith("HTTP/1.1 200 ");
        }
    }

    private void garbageBurst(int count) throws Exception {
        Random random = new Random(36);
        List<String> inputs = garbage().toList();
        try (ExecutorService pool = Executors.newFixedThreadPool(32)) {
            List<Future<?>> done = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                String input = inputs.get(random.nextInt(inputs.size()));
                boolean abandon = random.nextBoolean();
                done.add(pool.submit(() -> {
                    try (RawClient c = new RawClient(f.port())) {
                        c.send(input);
                        if (!abandon) {
                            c.socket.shutdownOutput();
                            c.in.readAllBytes();
                        }
                    } catch (IOException ignored) {
                        // closed by the proxy first: fine
                    }
                    return null;
                }));
            }
            for (Future<?> future : done) {
                future.get();
            }
        }
    }

    private void awaitDrained() throws InterruptedException {
        long end = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (f.proxy.activeConnections() > 0 && System.nanoTime() < end) {
            Thread.sleep(20);
        }
        assertThat(f.proxy.activeConnections()).isZero();
    }

    private static long waitForFds(Path fds, long target) throws Exception {
        long end = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        long now = count(fds);
        while (now > target + 3 && System.nanoTime() < end) {
            Thread.sleep(50);
            now = count(fds);
        }
        return now;
    }

    private static long count(Path dir) throws IOException {
        try (Stream<Path> list = Files.list(dir)) {
            return list.count();
        }
    }
}
