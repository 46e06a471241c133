package dev.warden.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The host half of the sandbox bridge: a unix socket that leads to the proxy, and nothing more. */
class UnixBridgeTest {
    @TempDir
    Path temp;

    @Test
    void aRequestOnTheSocketIsDecidedByTheProxyLikeAnyOther() throws Exception {
        try (LoopbackServers servers = new LoopbackServers();
             ProxyFixture fx = ProxyFixture.builder().allow("app.test:*").name("app.test", "127.0.0.1").allowLocalBinding()
                     .start();
             UnixBridge bridge = UnixBridge.open(temp, fx.proxy.address())) {
            InetSocketAddress http = servers.http();
            String auth = "Proxy-Authorization: Basic " + Base64.getEncoder().encodeToString(
                    ("warden:" + fx.credential.token()).getBytes(StandardCharsets.UTF_8)) + "\r\n";
            String allowed = exchange(bridge.socket(), "GET http://app.test:" + http.getPort() + "/via-bridge HTTP/1.1\r\n"
                    + "Host: app.test\r\n" + auth + "\r\n");
            assertThat(allowed).startsWith("HTTP/1.1 200").endsWith("hello from /via-bridge\n");
            String denied = exchange(bridge.socket(), "GET http://other.test/ HTTP/1.1\r\nHost: other.test\r\n" + auth + "\r\n");
            assertThat(denied).startsWith("HTTP/1.1 403").contains("X-Warden-Error: not-allowed");
            String anonymous = exchange(bridge.socket(), "GET http://app.test:" + http.getPort() + "/ HTTP/1.1\r\n"
                    + "Host: app.test\r\n\r\n");
            assertThat(anonymous).startsWith("HTTP/1.1 407");
        }
    }

    @Test
    void theSocketIsPrivateAndGoneAfterClose() throws Exception {
        try (ProxyFixture fx = ProxyFixture.builder().start()) {
            UnixBridge bridge = UnixBridge.open(temp, fx.proxy.address());
            Path socket = bridge.socket();
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(socket.getParent())))
                    .isEqualTo("rwx------");
            SocketChannel held = SocketChannel.open(UnixDomainSocketAddress.of(socket));
            bridge.close();
            assertThat(socket).doesNotExist();
            assertThat(socket.getParent()).doesNotExist();
            // Ended either way: an orderly close once the bridge had accepted it, a reset when it had not yet.
            int read;
            try {
                read = held.read(ByteBuffer.allocate(16));
            } catch (java.net.SocketException reset) {
                read = -1;
            }
            assertThat(read).as("open connections end with the bridge").isEqualTo(-1);
            held.close();
        }
    }

    @Test
    void leadsOnlyToLoopback() {
        assertThatThrownBy(() -> UnixBridge.open(temp, new InetSocketAddress("192.0.2.1", 3128)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static String exchange(Path socket, String request) throws IOException {
        try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            channel.connect(UnixDomainSocketAddress.of(socket));
            channel.write(ByteBuffer.wrap(request.getBytes(StandardCharsets.UTF_8)));
            ByteBuffer buffer = ByteBuffer.allocate(16384);
            StringBuilder answer = new StringBuilder();
            while (channel.read(buffer) >= 0) {
                answer.append(StandardCharsets.UTF_8.decode(buffer.flip()));
                buffer.clear();
            }
            return answer.toString();
        }
    }
}
