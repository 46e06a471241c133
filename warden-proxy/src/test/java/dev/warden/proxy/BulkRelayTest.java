package dev.warden.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Streams large enough that tunnels move from their small buffers to large ones and back, more of them at
 * once than there are large buffers: every byte arrives, in order, both ways, and is counted.
 */
class BulkRelayTest {
    LoopbackServers servers;
    InetSocketAddress echo;
    ProxyFixture f;

    @BeforeEach
    void start() throws Exception {
        servers = new LoopbackServers();
        echo = servers.echo();
        f = ProxyFixture.builder().allow("app.test:" + echo.getPort(), "127.0.0.1/32").name("app.test", "127.0.0.1").start();
    }

    @AfterEach
    void stop() throws Exception {
        f.close();
        servers.close();
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 40})
    void everyByteCrossesIntactBothWays(int tunnels) throws Exception {
        int size = tunnels == 1 ? 24 << 20 : 3 << 20;
        List<Future<byte[][]>> results = new ArrayList<>();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int t = 0; t < tunnels; t++) {
                byte[] sent = new byte[size];
                new Random(31L * t + tunnels).nextBytes(sent);
                results.add(pool.submit(() -> roundTrip(sent)));
            }
            for (Future<byte[][]> result : results) {
                byte[][] sentAndEchoed = result.get();
                assertThat(sentAndEchoed[1]).isEqualTo(sentAndEchoed[0]);
            }
        }
        List<NetworkEvent.Closed> closed = f.await(NetworkEvent.Closed.class, tunnels);
        assertThat(closed).hasSize(tunnels).allSatisfy(c -> {
            assertThat(c.error()).isEmpty();
            assertThat(c.bytesOut()).isEqualTo(size);
            assertThat(c.bytesIn()).isEqualTo(size + 3L); // the echo server's "bye" after our end of stream
        });
    }

    /** Sends everything while reading the echo on another thread (the echo would stall on a full window). */
    private byte[][] roundTrip(byte[] sent) throws Exception {
        try (RawClient c = new RawClient(f.port())) {
            assertThat(c.connect("app.test:" + echo.getPort(), f.credential)).startsWith("HTTP/1.1 200 ");
            Thread writer = Thread.ofVirtual().start(() -> {
                try {
                    for (int at = 0; at < sent.length; at += 100_000) {
                        c.out.write(sent, at, Math.min(100_000, sent.length - at));
                    }
                    c.out.flush();
                    c.socket.shutdownOutput();
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            byte[] echoed = c.read(sent.length);
            assertThat(new String(c.in.readAllBytes(), StandardCharsets.US_ASCII)).isEqualTo("bye");
            writer.join();
            return new byte[][] {sent, echoed};
        }
    }
}
