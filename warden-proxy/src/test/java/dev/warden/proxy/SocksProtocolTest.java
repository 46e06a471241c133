package dev.warden.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** SOCKS5 byte by byte: authentication, CONNECT by name and address, the refusals and their reply codes. */
class SocksProtocolTest {
    LoopbackServers servers;
    InetSocketAddress echo;
    ProxyFixture f;

    @BeforeEach
    void start() throws Exception {
        servers = new LoopbackServers();
        echo = servers.echo();
        f = ProxyFixture.builder().allow("app.test:" + echo.getPort(), "127.0.0.1/32:" + echo.getPort())
                .deny("evil.test").name("app.test", "127.0.0.1").name("evil.test", "127.0.0.1").start();
    }

    @AfterEach
    void stop() throws Exception {
        f.close();
        servers.close();
    }

    private RawClient authenticated() throws Exception {
        RawClient c = new RawClient(f.port());
        c.send(5, 2, 0, 2);
        assertThat(c.read(2)).containsExactly(5, 2);
        byte[] user = f.credential.user().getBytes(StandardCharsets.US_ASCII);
        byte[] token = f.credential.token().getBytes(StandardCharsets.US_ASCII);
        byte[] auth = new byte[3 + user.length + token.length];
        auth[0] = 1;
        auth[1] = (byte) user.length;
        System.arraycopy(user, 0, auth, 2, user.length);
        auth[2 + user.length] = (byte) token.length;
        System.arraycopy(token, 0, auth, 3 + user.length, token.length);
        c.send(auth);
        assertThat(c.read(2)).containsExactly(1, 0);
        return c;
    }

    private static byte[] connectByName(int command, String name, int port) {
        byte[] host = name.getBytes(StandardCharsets.UTF_8);
        byte[] out = new byte[7 + host.length];
        out[0] = 5;
        out[1] = (byte) command;
        out[3] = 3;
        out[4] = (byte) host.length;
        System.arraycopy(host, 0, out, 5, host.length);
        out[5 + host.length] = (byte) (port >> 8);
        out[6 + host.length] = (byte) port;
        return out;
    }

    @Test
    void connectByNameRelaysAndHalfCloses() throws Exception {
        try (RawClient c = authenticated()) {
            c.send(connectByName(1, "APP.test.", echo.getPort()));
            byte[] reply = c.read(10);
            assertThat(reply[1]).isEqualTo((byte) 0);
            c.send("socks");
            assertThat(new String(c.read(5), StandardCharsets.US_ASCII)).isEqualTo("socks");
            c.socket.shutdownOutput();
            assertThat(c.rest()).isEqualTo("bye");
        }
        assertThat(f.await(NetworkEvent.Closed.class, 1).getFirst().bytesIn()).isEqualTo(8);
    }

    @Test
    void connectByAddress() throws Exception {
        try (RawClient c = authenticated()) {
            c.send(5, 1, 0, 1, 127, 0, 0, 1, echo.getPort() >> 8, echo.getPort() & 0xff);
            assertThat(c.read(10)[1]).isEqualTo((byte) 0);
        }
    }

    @Test
    void policyRefusalsAreNotAllowedByRuleset() throws Exception {
        try (RawClient c = authenticated()) {
            c.send(connectByName(1, "evil.test", echo.getPort()));
            assertThat(c.read(10)[1]).isEqualTo((byte) 2);
        }
        try (RawClient c = authenticated()) {
            c.send(connectByName(1, "app.test", 22));
            assertThat(c.read(10)[1]).as("escape case 35 over SOCKS").isEqualTo((byte) 2);
        }
        assertThat(f.lookups).isEmpty();
    }

    @Test
    void bindAndUdpAssociateAreNotSupported() throws Exception {
        for (int command : new int[] {2, 3, 9}) {
            try (RawClient c = authenticated()) {
                c.send(connectByName(command, "app.test", echo.getPort()));
                assertThat(c.read(10)[1]).isEqualTo((byte) 7);
            }
        }
    }

    @Test
    void anUnknownAddressTypeAndAnUnreadableNameAreRefused() throws Exception {
        try (RawClient c = authenticated()) {
            c.send(5, 1, 0, 7, 1, 2, 3, 4, 0, 80);
            assertThat(c.read(10)[1]).isEqualTo((byte) 8);
        }
        try (RawClient c = authenticated()) {
            c.send(connectByName(1, "app\u0000.test", echo.getPort()));
            assertThat(c.read(10)[1]).isEqualTo((byte) 1);
        }
    }

    @Test
    void withoutUsernamePasswordThereIsNoAcceptableMethod() throws Exception {
        try (RawClient c = new RawClient(f.port())) {
            c.send(5, 1, 0);
            assertThat(c.read(2)).containsExactly(5, 0xff);
            assertThat(c.in.read()).isEqualTo(-1);
        }
    }

    @Test
    void aWrongPasswordFailsTheSubNegotiation() throws Exception {
        try (RawClient c = new RawClient(f.port())) {
            c.send(5, 1, 2);
            assertThat(c.read(2)).containsExactly(5, 2);
            c.send(1, 6, 'w', 'a', 'r', 'd', 'e', 'n', 3, 'b', 'a', 'd');
            assertThat(c.read(2)).containsExactly(1, 1);
            assertThat(c.in.read()).isEqualTo(-1);
        }
    }

    @Test
    void socks4IsRejected() throws Exception {
        try (RawClient c = new RawClient(f.port())) {
            c.send(4, 1, 0, 80, 127, 0, 0, 1, 0);
            assertThat(c.read(8)[1]).isEqualTo((byte) 0x5b);
        }
    }
}
