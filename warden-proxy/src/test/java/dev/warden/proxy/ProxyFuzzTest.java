package dev.warden.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Random and mutated requests, from a seeded generator, bounded in count and time. Whatever arrives,
 * the proxy answers with a well-formed refusal, a SOCKS reply or silence; it keeps serving; it leaves
 * nothing open; and a server reachable only through a denied name, a wrong port or a missing credential
 * is never connected to.
 */
class ProxyFuzzTest {
    private static final int CASES = 600;
    private static final Duration BUDGET = Duration.ofSeconds(60);

    @Test
    void randomAndMutatedRequestsNeverCrashLeakOrReachAForbiddenServer() throws Exception {
        AtomicInteger forbiddenHits = new AtomicInteger();
        try (LoopbackServers servers = new LoopbackServers();
             ServerSocket forbidden = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            Thread.ofVirtual().start(() -> {
                while (!forbidden.isClosed()) {
                    try {
                        forbidden.accept().close();
                        forbiddenHits.incrementAndGet();
                    } catch (IOException e) {
                        return;
                    }
                }
            });
            int allowedPort = servers.echo().getPort();
            int forbiddenPort = forbidden.getLocalPort();
            ProxyLimits limits = ProxyLimits.defaults().withHandshakeTimeout(Duration.ofMillis(500))
                    .withIdleTimeout(Duration.ofMillis(500));
            try (ProxyFixture f = ProxyFixture.builder().allow("app.test:" + allowedPort, "127.0.0.1/32")
                    .deny("evil.test").name("app.test", "127.0.0.1").name("evil.test", "127.0.0.1").limits(limits).start()) {
                List<byte[]> seeds = seeds(f.credential, allowedPort, forbiddenPort);
                Random random = new Random(20240611L);
                long deadline = System.nanoTime() + BUDGET.toNanos();
                int sent = 0;
                java.util.Map<String, Integer> kinds = new java.util.TreeMap<>();
                for (int i = 0; i < CASES && System.nanoTime() < deadline; i++) {
                    byte[] input = random.nextInt(10) == 0 ? noise(random) : mutate(seeds.get(random.nextInt(seeds.size())), random);
                    byte[] response = exchange(f.port(), input);
                    assertWellFormed(response, input);
                    kinds.merge(kind(response), 1, Integer::sum);
                    sent++;
                }
                assertThat(sent).isGreaterThan(100);
                assertThat(kinds.keySet()).as("the generator reaches every kind of answer: " + kinds)
                        .contains("200", "400", "403", "407", "socks", "silence", "forwarded");
                long end = System.nanoTime() + Duration.ofSeconds(10).toNanos();
                while (f.proxy.activeConnections() > 0 && System.nanoTime() < end) {
                    Thread.sleep(20);
                }
                assertThat(f.proxy.activeConnections()).isZero();
                try (RawClient c = new RawClient(f.port())) {
                    assertThat(c.connect("app.test:" + allowedPort, f.credential)).startsWith("HTTP/1.1 200 ");
                }
            }
        }
        assertThat(forbiddenHits).as("connections that reached the forbidden server").hasValue(0);
    }

    /** Valid requests aimed at the forbidden server by every route the policy refuses, plus allowed ones. */
    private static List<byte[]> seeds(ProxyCredential credential, int allowed, int forbidden) {
        String auth = "Proxy-Authorization: " + RawClient.basic(credential) + "\r\n";
        List<byte[]> seeds = new ArrayList<>();
        for (String target : List.of("evil.test:" + forbidden, "app.test:" + forbidden, "127.0.0.1:" + forbidden,
                "2130706433:" + forbidden, "app.test:" + allowed)) {
            seeds.add(("CONNECT " + target + " HTTP/1.1\r\nHost: " + target + "\r\n" + auth + "\r\nping").getBytes(StandardCharsets.ISO_8859_1));
            seeds.add(("GET http://" + target + "/x HTTP/1.1\r\nHost: " + target + "\r\n" + auth + "Content-Length: 2\r\n\r\nhi")
                    .getBytes(StandardCharsets.ISO_8859_1));
        }
        seeds.add(("CONNECT app.test:" + forbidden + " HTTP/1.1\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
        byte[] token = credential.token().getBytes(StandardCharsets.US_ASCII);
        for (String host : List.of("evil.test", "app.test", "app.test")) {
            int port = host.equals("app.test") && seeds.size() % 2 == 0 ? allowed : forbidden;
            byte[] name = host.getBytes(StandardCharsets.US_ASCII);
            java.io.ByteArrayOutputStream socks = new java.io.ByteArrayOutputStream();
            socks.writeBytes(new byte[] {5, 1, 2, 1, 6});
            socks.writeBytes("warden".getBytes(StandardCharsets.US_ASCII));
            socks.write(token.length);
            socks.writeBytes(token);
            socks.writeBytes(new byte[] {5, 1, 0, 3, (byte) name.length});
            socks.writeBytes(name);
            socks.writeBytes(new byte[] {(byte) (port >> 8), (byte) port, 'p', 'i', 'n', 'g'});
            seeds.add(socks.toByteArray());
        }
        return seeds;
    }

    private static byte[] mutate(byte[] seed, Random random) {
        List<Byte> bytes = new ArrayList<>();
        for (byte b : seed) {
            bytes.add(b);
        }
        int mutations = 1 + random.nextInt(4);
        byte[] interesting = {0, '\r', '\n', ' ', ':', '.', '[', ']', '@', '%', (byte) 0xff, 5, 1, 3, '0', '9', 'x'};
        for (int m = 0; m < mutations && !bytes.isEmpty(); m++) {
            int at = random.nextInt(bytes.size());
            switch (random.nextInt(6)) {
                case 0 -> bytes.set(at, (byte) random.nextInt(256));
                case 1 -> bytes.set(at, interesting[random.nextInt(interesting.length)]);
                case 2 -> bytes.add(at, interesting[random.nextInt(interesting.length)]);
                case 3 -> bytes.remove(at);
                case 4 -> bytes.subList(at, bytes.size()).clear(); // truncate
                default -> {
                    int length = Math.min(1 + random.nextInt(40), bytes.size() - at);
                    bytes.addAll(at, new ArrayList<>(bytes.subList(at, at + length))); // duplicate a run
                }
            }
        }
        byte[] out = new byte[bytes.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = bytes.get(i);
        }
        return out;
    }

    private static byte[] noise(Random random) {
        byte[] out = new byte[random.nextInt(300)];
        random.nextBytes(out);
        return out;
    }

    private static byte[] exchange(int port, byte[] input) throws IOException {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            socket.setSoTimeout(5000);
            try {
                socket.getOutputStream().write(input);
                socket.shutdownOutput();
            } catch (IOException closedFirst) {
                // the proxy refused before reading everything: its answer is still there to read
            }
            InputStream in = socket.getInputStream();
            java.io.ByteArrayOutputStream response = new java.io.ByteArrayOutputStream();
            byte[] buffer = new byte[4096];
            try {
                int n;
                while ((n = in.read(buffer)) > 0 && response.size() < 1 << 20) {
                    response.write(buffer, 0, n);
                }
            } catch (IOException reset) {
                // a reset after the answer is fine
            }
            return response.toByteArray();
        }
    }

    private static String kind(byte[] response) {
        if (response.length == 0) {
            return "silence";
        }
        String text = new String(response, StandardCharsets.ISO_8859_1);
        if (text.startsWith("HTTP/1.1 ")) {
            return text.substring(9, 12);
        }
        return (response[0] & 0xff) >= 'A' ? "forwarded" : "socks";
    }

    private static void assertWellFormed(byte[] response, byte[] input) {
        if (response.length == 0) {
            return;
        }
        String text = new String(response, StandardCharsets.ISO_8859_1);
        String what = "response to " + new String(input, StandardCharsets.ISO_8859_1).replace("\r", "\\r").replace("\n", "\\n");
        if (text.startsWith("HTTP/1.1 ")) {
            int status = Integer.parseInt(text.substring(9, 12));
            assertThat(status).as(what).isIn(200, 400, 403, 407, 408, 414, 431, 502, 504);
            if (status != 200) {
                assertThat(text).as(what).contains("\r\nContent-Length: ", "\r\nConnection: close\r\n");
            }
            if (status == 400 || status == 403 || status == 407) {
                assertThat(text).as(what).contains("X-Warden-Error: ");
            }
            return;
        }
        int first = response[0] & 0xff;
        if (first >= 'A' && first <= 'Z') {
            // an allowed plain request reached the echo server, which sent back what the proxy forwarded
            assertThat(text).as(what).containsIgnoringCase("\r\nhost: app.test:").doesNotContainIgnoringCase("proxy-authorization");
            return;
        }
        assertThat(first).as(what).isIn(0, 1, 5); // SOCKS4 rejection, sub-negotiation reply, SOCKS5 reply
    }
}
