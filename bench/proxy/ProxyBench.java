import dev.warden.policy.network.NetworkPolicy;
import dev.warden.policy.network.UnknownDomains;
import dev.warden.proxy.EgressProxy;
import dev.warden.proxy.NetworkApprover;
import dev.warden.proxy.NetworkDecisionListener;
import dev.warden.proxy.ProxyCredential;
import dev.warden.proxy.ProxyLimits;
import dev.warden.proxy.ProxySettings;
import dev.warden.proxy.Resolver;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The pieces of bench/proxy.sh, each a mode of one single-file program (run with the modules' classes
 * on the class path): the origin server, Warden's proxy as a process, and the load generators. Only
 * 127.0.0.1 is ever contacted.
 *
 *   origin PORTFILE                      HTTP origin: /bulk/N (N bytes), /small (100 bytes), keep-alive
 *   warden PORTFILE URLFILE              EgressProxy allowing 127.0.0.1/32:* (the policy path runs in full)
 *   small ORIGIN PROXYURL|- CLIENTS SECONDS  64 clients, one new connection per request: req/s, p50, p99
 *   idle ORIGIN PROXYURL COUNT SECONDS   COUNT CONNECT tunnels held SECONDS, then each must still answer
 */
public class ProxyBench {
    public static void main(String[] args) throws Exception {
        switch (args[0]) {
            case "origin" -> origin(Path.of(args[1]));
            case "warden" -> warden(Path.of(args[1]), Path.of(args[2]));
            case "small" -> small(Integer.parseInt(args[1]), args[2], Integer.parseInt(args[3]), Integer.parseInt(args[4]));
            case "idle" -> idle(Integer.parseInt(args[1]), args[2], Integer.parseInt(args[3]), Integer.parseInt(args[4]));
            default -> throw new IllegalArgumentException(args[0]);
        }
    }

    // ---- origin

    static final byte[] CHUNK = new byte[256 * 1024];
    static final byte[] SMALL = "x".repeat(100).getBytes(StandardCharsets.US_ASCII);

    static void origin(Path portFile) throws IOException {
        ServerSocket server = new ServerSocket(0, 4096, InetAddress.getLoopbackAddress());
        Files.writeString(portFile, Integer.toString(server.getLocalPort()));
        while (true) {
            Socket socket = server.accept();
            Thread.ofVirtual().start(() -> serveOrigin(socket));
        }
    }

    static void serveOrigin(Socket socket) {
        try (socket) {
            socket.setTcpNoDelay(true);
            InputStream in = new java.io.BufferedInputStream(socket.getInputStream());
            OutputStream out = socket.getOutputStream();
            while (true) {
                String head = head(in);
                if (head == null) {
                    return;
                }
                String path = head.substring(head.indexOf(' ') + 1, head.indexOf(' ', head.indexOf(' ') + 1));
                boolean close = head.toLowerCase().contains("\r\nconnection: close");
                if (path.startsWith("/bulk/")) {
                    long n = Long.parseLong(path.substring(6));
                    out.write(("HTTP/1.1 200 OK\r\nContent-Length: " + n + "\r\nConnection: close\r\n\r\n")
                            .getBytes(StandardCharsets.US_ASCII));
                    while (n > 0) {
                        int k = (int) Math.min(n, CHUNK.length);
                        out.write(CHUNK, 0, k);
                        n -= k;
                    }
                    return;
                }
                out.write(("HTTP/1.1 200 OK\r\nContent-Length: " + SMALL.length + (close ? "\r\nConnection: close" : "")
                        + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                out.write(SMALL);
                out.flush();
                if (close) {
                    return;
                }
            }
        } catch (IOException ignored) {
            // client gone
        }
    }

    static String head(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream(256);
        int state = 0;
        while (state < 4) {
            int b = in.read();
            if (b < 0) {
                return null;
            }
            head.write(b);
            state = (b == '\r' && (state == 0 || state == 2)) || (b == '\n' && (state == 1 || state == 3)) ? state + 1 : 0;
        }
        return head.toString(StandardCharsets.ISO_8859_1);
    }

    // ---- Warden's proxy as a process

    static void warden(Path portFile, Path urlFile) throws Exception {
        NetworkPolicy policy = NetworkPolicy.proxied(List.of("127.0.0.1/32:*"), List.of(), UnknownDomains.DENY, false,
                "bench");
        AtomicLong events = new AtomicLong();
        NetworkDecisionListener listener = event -> events.incrementAndGet(); // the audit bridge's cost floor
        ProxySettings settings = new ProxySettings("bench", policy, Resolver.system(), NetworkApprover.denyAll(),
                listener, ProxyLimits.defaults().withMaxConnections(10_000));
        EgressProxy proxy = EgressProxy.start(settings);
        ProxyCredential credential = proxy.issue("bench");
        Files.writeString(urlFile, credential.httpUri().toString());
        Files.writeString(portFile, Integer.toString(proxy.port()));
        Thread.sleep(Long.MAX_VALUE);
    }

    // ---- clients

    /** {host, port, Proxy-Authorization value or null} from http://user:pass@host:port, or null for "-". */
    static String[] proxy(String url) {
        if (url.equals("-")) {
            return null;
        }
        java.net.URI uri = java.net.URI.create(url);
        String auth = uri.getRawUserInfo() == null ? null
                : "Basic " + Base64.getEncoder().encodeToString(uri.getRawUserInfo().getBytes(StandardCharsets.UTF_8));
        return new String[] {uri.getHost(), Integer.toString(uri.getPort()), auth};
    }

    static void small(int originPort, String proxyUrl, int clients, int seconds) throws Exception {
        String[] proxy = proxy(proxyUrl);
        String target = "127.0.0.1:" + originPort;
        byte[] request = ((proxy == null ? "GET /small" : "GET http://" + target + "/small") + " HTTP/1.1\r\nHost: " + target
                + "\r\nConnection: close\r\n" + (proxy != null && proxy[2] != null ? "Proxy-Authorization: " + proxy[2] + "\r\n" : "")
                + "\r\n").getBytes(StandardCharsets.US_ASCII);
        int port = proxy == null ? originPort : Integer.parseInt(proxy[1]);
        long warmupEnd = System.nanoTime() + 3_000_000_000L;
        long end = warmupEnd + seconds * 1_000_000_000L;
        List<long[]> perClient = new ArrayList<>();
        AtomicInteger errors = new AtomicInteger();
        CountDownLatch done = new CountDownLatch(clients);
        for (int c = 0; c < clients; c++) {
            long[] latencies = new long[2_000_000];
            perClient.add(latencies);
            Thread.ofVirtual().start(() -> {
                int n = 0;
                try {
                    while (true) {
                        long start = System.nanoTime();
                        if (start >= end) {
                            break;
                        }
                        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
                            socket.setTcpNoDelay(true);
                            socket.getOutputStream().write(request);
                            byte[] response = socket.getInputStream().readAllBytes();
                            if (response.length < 100 || response[9] != '2') {
                                errors.incrementAndGet();
                                continue;
                            }
                        } catch (IOException e) {
                            errors.incrementAndGet();
                            continue;
                        }
                        if (start >= warmupEnd && n < latencies.length - 1) {
                            latencies[++n] = System.nanoTime() - start;
                        }
                    }
                } finally {
                    latencies[0] = n;
                    done.countDown();
                }
            });
        }
        done.await();
        long total = 0;
        for (long[] l : perClient) {
            total += l[0];
        }
        long[] all = new long[(int) total];
        int at = 0;
        for (long[] l : perClient) {
            System.arraycopy(l, 1, all, at, (int) l[0]);
            at += (int) l[0];
        }
        Arrays.sort(all);
        System.out.printf("requests=%d errors=%d rps=%.0f p50_ms=%.3f p99_ms=%.3f%n", all.length, errors.get(),
                all.length / (double) seconds, all[all.length / 2] / 1e6, all[(int) (all.length * 0.99)] / 1e6);
    }

    static void idle(int originPort, String proxyUrl, int count, int seconds) throws Exception {
        String[] proxy = proxy(proxyUrl);
        String target = "127.0.0.1:" + originPort;
        List<Socket> tunnels = new ArrayList<>();
        int openErrors = 0;
        for (int i = 0; i < count; i++) {
            try {
                Socket socket = new Socket(InetAddress.getLoopbackAddress(), Integer.parseInt(proxy[1]));
                socket.setSoTimeout(30_000);
                socket.getOutputStream().write(("CONNECT " + target + " HTTP/1.1\r\nHost: " + target + "\r\n"
                        + (proxy[2] != null ? "Proxy-Authorization: " + proxy[2] + "\r\n" : "") + "\r\n")
                        .getBytes(StandardCharsets.US_ASCII));
                String head = head(socket.getInputStream());
                if (head == null || !head.startsWith("HTTP/1.1 200")) {
                    openErrors++;
                    socket.close();
                    continue;
                }
                tunnels.add(socket);
            } catch (IOException e) {
                openErrors++;
            }
        }
        System.out.printf("opened=%d open_errors=%d; holding %d s%n", tunnels.size(), openErrors, seconds);
        Thread.sleep(seconds * 1000L);
        int ok = 0;
        int failed = 0;
        for (Socket socket : tunnels) {
            try (socket) {
                socket.getOutputStream().write(("GET /small HTTP/1.1\r\nHost: " + target + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                String head = head(socket.getInputStream());
                if (head != null && head.startsWith("HTTP/1.1 200") && socket.getInputStream().readNBytes(100).length == 100) {
                    ok++;
                } else {
                    failed++;
                }
            } catch (IOException e) {
                failed++;
            }
        }
        System.out.printf("tunnels=%d held_s=%d still_answering=%d failed=%d open_errors=%d%n", count, seconds, ok, failed,
                openErrors);
    }
}
