package dev.warden.sandbox.escape;

import dev.warden.sandbox.NetworkMode;
import dev.warden.sandbox.ProxyEndpoint;
import dev.warden.sandbox.SandboxPolicy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Network {@code proxied} (ESCAPES.md case 32 at the sandbox level): the proxy's endpoint is reachable,
 * nothing else is. A stand-in proxy on the host answers {@code proxy:LINE} on both its TCP port and its
 * unix socket; the real proxy is tested through {@code warden exec} in warden-cli.
 */
abstract class ProxiedNetworkEscapes extends EscapeCases {
    private StandIn proxy;

    ProxiedNetworkEscapes(BackendUnderTest under) {
        super(under);
    }

    /** Whether this backend can run {@code proxied} on this host at all (Landlock needs ABI 4). */
    abstract boolean available();

    /** Whether a sandboxed command reaches another server listening on the proxy's port number. */
    abstract boolean samePortElsewhereReachable();

    @BeforeEach
    void startProxy() throws IOException {
        org.junit.jupiter.api.Assumptions.assumeTrue(available(),
                "network = proxied is refused by " + under.backend().name() + " on this host (Landlock ABI < 4)");
        proxy = new StandIn(f.root.resolve("proxy.sock"));
    }

    @AfterEach
    void stopProxy() throws IOException {
        if (proxy != null) {
            proxy.close();
        }
    }

    private SandboxPolicy proxied() {
        return f.policy(NetworkMode.PROXIED).withProxy(new ProxyEndpoint(proxy.port(), proxy.socket));
    }

    @Override
    Run bash(String script) {
        return bash(proxied(), script);
    }

    @Test
    void theProxyPortOnLoopbackLeadsToTheProxy() {
        Run r = bash("exec 3<>/dev/tcp/127.0.0.1/" + proxy.port() + " && echo hello >&3 && read -r line <&3"
                + " && echo \"got $line\"; " + PYTHON + " -c \"import socket; s = socket.create_connection(('127.0.0.1', "
                + proxy.port() + ")); s.sendall(b'py\\n'); print('got', s.recv(64).decode().strip())\"");
        assertThat(r.out()).as(r.toString()).contains("got proxy:hello").contains("got proxy:py");
        assertThat(proxy.connections.get()).isEqualTo(2);
    }

    @Test
    void theCommandKeepsItsStatusAndItsOutputEnds() {
        Run r = bash("echo out; echo err >&2; exit 42");
        assertThat(r.exit()).as(r.toString()).isEqualTo(42);
        assertThat(r.out()).isEqualTo("out\n");
        assertThat(r.err()).isEqualTo("err\n");
    }

    @Test
    void case32_directTcpAnywhereElseFails() throws Exception {
        List<InetAddress> targets = new ArrayList<>(List.of(InetAddress.getByName("127.0.0.1")));
        hostAddress().ifPresent(targets::add);
        try (ServerSocketChannel other = ServerSocketChannel.open().bind(new InetSocketAddress("0.0.0.0", 0))) {
            other.configureBlocking(false);
            int port = ((InetSocketAddress) other.getLocalAddress()).getPort();
            StringBuilder script = new StringBuilder();
            for (InetAddress target : targets) {
                script.append(PYTHON).append(' ').append(probe).append(" tcp-to ").append(target.getHostAddress())
                        .append(' ').append(port).append("; ");
            }
            Run r = bash(script.toString());
            assertThat(r.out()).as(r.toString()).doesNotContain(" OK");
            assertThat(other.accept()).as("a direct connection reached the host: %s", r).isNull();
        }
    }

    @Test
    void case32_udpAndDnsFail() throws Exception {
        try (DatagramChannel udp = DatagramChannel.open().bind(new InetSocketAddress("127.0.0.1", 0))) {
            udp.configureBlocking(false);
            int port = ((InetSocketAddress) udp.getLocalAddress()).getPort();
            Run r = bash(PYTHON + " " + probe + " udp 127.0.0.1 " + port + "; " + PYTHON + " " + probe
                    + " udp 1.1.1.1 53; getent hosts example.com && echo ESCAPED getent");
            assertThat(r.out()).as(r.toString()).doesNotContain("udp OK").doesNotContain("ESCAPED");
            assertThat(udp.receive(ByteBuffer.allocate(64))).isNull();
        }
    }

    /** Landlock rules name a port, not an address: the documented residual risk, held true here. */
    @Test
    void anotherServerOnTheProxysPortNumber() throws Exception {
        try (ServerSocketChannel lookalike = ServerSocketChannel.open()) {
            lookalike.bind(new InetSocketAddress("127.0.0.2", proxy.port()));
            lookalike.configureBlocking(false);
            Run r = bash(PYTHON + " " + probe + " tcp-to 127.0.0.2 " + proxy.port());
            SocketChannel reached = lookalike.accept();
            assertThat(reached != null).as("reached 127.0.0.2:%d: %s", proxy.port(), r)
                    .isEqualTo(samePortElsewhereReachable());
        }
    }

    private static Optional<InetAddress> hostAddress() throws IOException {
        return NetworkInterface.networkInterfaces().filter(i -> {
            try {
                return i.isUp() && !i.isLoopback();
            } catch (IOException e) {
                return false;
            }
        }).flatMap(NetworkInterface::inetAddresses).filter(a -> a instanceof java.net.Inet4Address).findFirst();
    }

    /** Answers each connection's first line with {@code proxy:LINE}, on TCP loopback and a unix socket. */
    static final class StandIn implements AutoCloseable {
        final java.nio.file.Path socket;
        final AtomicInteger connections = new AtomicInteger();
        private final ServerSocketChannel tcp;
        private final ServerSocketChannel unix;

        StandIn(java.nio.file.Path socket) throws IOException {
            this.socket = socket;
            tcp = ServerSocketChannel.open().bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            unix = ServerSocketChannel.open(StandardProtocolFamily.UNIX).bind(UnixDomainSocketAddress.of(socket));
            for (ServerSocketChannel server : List.of(tcp, unix)) {
                Thread.ofVirtual().start(() -> serve(server));
            }
        }

        int port() {
            return tcp.socket().getLocalPort();
        }

        private void serve(ServerSocketChannel server) {
            while (server.isOpen()) {
                try {
                    SocketChannel client = server.accept();
                    connections.incrementAndGet();
                    Thread.ofVirtual().start(() -> answer(client));
                } catch (IOException e) {
                    return;
                }
            }
        }

        private static void answer(SocketChannel client) {
            try (client) {
                ByteBuffer buffer = ByteBuffer.allocate(256);
                StringBuilder line = new StringBuilder();
                while (line.indexOf("\n") < 0 && client.read(buffer) > 0) {
                    line.append(StandardCharsets.UTF_8.decode(buffer.flip()));
                    buffer.clear();
                }
                String first = line.toString().lines().findFirst().orElse("");
                client.write(ByteBuffer.wrap(("proxy:" + first + "\n").getBytes(StandardCharsets.UTF_8)));
            } catch (IOException e) {
                // the client went away
            }
        }

        @Override
        public void close() throws IOException {
            tcp.close();
            unix.close();
        }
    }
}
