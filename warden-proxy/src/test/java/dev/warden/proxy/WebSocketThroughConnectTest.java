package dev.warden.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/** A WebSocket handshake and frames both ways, inside a CONNECT tunnel and as a plain-HTTP upgrade. */
class WebSocketThroughConnectTest {
    private static final String GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";

    /** Answers one upgrade and echoes text frames back unmasked, as RFC 6455 servers do. */
    private static ServerSocket server() throws IOException {
        ServerSocket server = new ServerSocket(0, 10, InetAddress.getLoopbackAddress());
        Thread.ofVirtual().start(() -> {
            while (!server.isClosed()) {
                try {
                    Socket socket = server.accept();
                    Thread.ofVirtual().start(() -> serve(socket));
                } catch (IOException e) {
                    return;
                }
            }
        });
        return server;
    }

    private static void serve(Socket socket) {
        try (socket) {
            InputStream in = socket.getInputStream();
            String head = head(in);
            String key = head.lines().filter(l -> l.toLowerCase().startsWith("sec-websocket-key:"))
                    .map(l -> l.substring(l.indexOf(':') + 1).strip()).findFirst().orElseThrow();
            String accept = Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-1")
                    .digest((key + GUID).getBytes(StandardCharsets.US_ASCII)));
            OutputStream out = socket.getOutputStream();
            out.write(("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                    + "Sec-WebSocket-Accept: " + accept + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            while (true) {
                int b0 = in.read();
                if (b0 < 0) {
                    return;
                }
                int length = in.read() & 0x7f;
                byte[] mask = in.readNBytes(4);
                byte[] payload = in.readNBytes(length);
                for (int i = 0; i < payload.length; i++) {
                    payload[i] ^= mask[i % 4];
                }
                out.write(new byte[] {(byte) 0x81, (byte) payload.length});
                out.write(payload);
                out.flush();
            }
        } catch (Exception ignored) {
            // the client left
        }
    }

    private static String head(InputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                break;
            }
            head.append((char) b);
        }
        return head.toString();
    }

    private static void exchange(RawClient c, String hostHeader, String target) throws Exception {
        c.send("GET " + target + " HTTP/1.1\r\nHost: " + hostHeader + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n");
    }

    @Test
    void aWebSocketRunsInsideAConnectTunnel() throws Exception {
        try (ServerSocket ws = server(); ProxyFixture f = ProxyFixture.builder().allow("ws.test:" + ws.getLocalPort(),
                "127.0.0.1/32").name("ws.test", "127.0.0.1").start(); RawClient c = new RawClient(f.port())) {
            assertThat(c.connect("ws.test:" + ws.getLocalPort(), f.credential)).startsWith("HTTP/1.1 200 ");
            exchange(c, "ws.test", "/chat");
            assertThat(c.head()).startsWith("HTTP/1.1 101 ").contains("Sec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=");
            frame(c, "hello");
            frame(c, "again");
        }
    }

    @Test
    void aPlainHttpUpgradeBecomesATunnel() throws Exception {
        try (ServerSocket ws = server(); ProxyFixture f = ProxyFixture.builder().allow("ws.test:" + ws.getLocalPort(),
                "127.0.0.1/32").name("ws.test", "127.0.0.1").start(); RawClient c = new RawClient(f.port())) {
            c.send("GET http://ws.test:" + ws.getLocalPort() + "/chat HTTP/1.1\r\nHost: ws.test\r\nUpgrade: websocket\r\n"
                    + "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n"
                    + "Proxy-Authorization: " + RawClient.basic(f.credential) + "\r\n\r\n");
            assertThat(c.head()).startsWith("HTTP/1.1 101 ");
            frame(c, "plain");
        }
    }

    private static void frame(RawClient c, String text) throws Exception {
        byte[] payload = text.getBytes(StandardCharsets.UTF_8);
        byte[] mask = {1, 2, 3, 4};
        byte[] frame = new byte[6 + payload.length];
        frame[0] = (byte) 0x81;
        frame[1] = (byte) (0x80 | payload.length);
        System.arraycopy(mask, 0, frame, 2, 4);
        for (int i = 0; i < payload.length; i++) {
            frame[6 + i] = (byte) (payload[i] ^ mask[i % 4]);
        }
        c.send(frame);
        byte[] reply = c.read(2 + payload.length);
        assertThat(reply[0]).isEqualTo((byte) 0x81);
        assertThat(new String(reply, 2, payload.length, StandardCharsets.UTF_8)).isEqualTo(text);
    }
}
