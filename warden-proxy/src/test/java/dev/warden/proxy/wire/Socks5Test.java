package dev.warden.proxy.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import org.junit.jupiter.api.Test;

class Socks5Test {
    private static ByteArrayInputStream bytes(int... values) {
        byte[] out = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = (byte) values[i];
        }
        return new ByteArrayInputStream(out);
    }

    @Test
    void requestsByDomainIpv4AndIpv6() throws Exception {
        assertThat(Socks5.readRequest(bytes(5, 1, 0, 3, 8, 'a', 'p', 'p', '.', 't', 'e', 's', 't', 0x01, 0xbb)))
                .isEqualTo(new Socks5.Request(1, "app.test", 443));
        assertThat(Socks5.readRequest(bytes(5, 1, 0, 1, 127, 0, 0, 1, 0, 80))).isEqualTo(new Socks5.Request(1, "127.0.0.1", 80));
        assertThat(Socks5.readRequest(bytes(5, 1, 0, 4, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0x1f, 0x90)).host())
                .isEqualTo("[0:0:0:0:0:0:0:1]");
    }

    @Test
    void badRequestsCarryTheirReplyCode() {
        assertThatThrownBy(() -> Socks5.readRequest(bytes(4, 1, 0, 1, 1, 2, 3, 4, 0, 80)))
                .isInstanceOfSatisfying(Socks5.SocksException.class, e -> assertThat(e.reply()).isEqualTo(Socks5.GENERAL_FAILURE));
        assertThatThrownBy(() -> Socks5.readRequest(bytes(5, 1, 1, 1, 1, 2, 3, 4, 0, 80)))
                .isInstanceOfSatisfying(Socks5.SocksException.class, e -> assertThat(e.reply()).isEqualTo(Socks5.GENERAL_FAILURE));
        assertThatThrownBy(() -> Socks5.readRequest(bytes(5, 1, 0, 9, 1, 2, 3, 4, 0, 80)))
                .isInstanceOfSatisfying(Socks5.SocksException.class,
                        e -> assertThat(e.reply()).isEqualTo(Socks5.ADDRESS_TYPE_NOT_SUPPORTED));
        assertThatThrownBy(() -> Socks5.readRequest(bytes(5, 1, 0, 3, 0, 0, 80)))
                .hasMessageContaining("empty domain name");
        assertThatThrownBy(() -> Socks5.readRequest(bytes(5, 1, 0, 3, 2, 0xc3, 0x28, 0, 80)))
                .hasMessageContaining("not valid UTF-8");
        assertThatThrownBy(() -> Socks5.readRequest(bytes(5, 1, 0, 1, 127))).isInstanceOf(EOFException.class);
        assertThatThrownBy(() -> Socks5.readMethods(bytes(0)))
                .isInstanceOfSatisfying(Socks5.SocksException.class, e -> assertThat(e.reply()).isEqualTo(Socks5.METHOD_NONE_ACCEPTABLE));
        assertThatThrownBy(() -> Socks5.readUserPassword(bytes(2, 1, 'a', 1, 'b')))
                .isInstanceOfSatisfying(Socks5.SocksException.class, e -> assertThat(e.reply()).isEqualTo(Socks5.AUTH_FAILURE));
    }

    @Test
    void repliesCarryTheBoundAddress() throws Exception {
        assertThat(Socks5.reply(Socks5.NOT_ALLOWED)).containsExactly(5, 2, 0, 1, 0, 0, 0, 0, 0, 0);
        byte[] reply = Socks5.reply(0, new InetSocketAddress(InetAddress.getLoopbackAddress(), 0x1234));
        assertThat(reply).containsExactly(5, 0, 0, 1, 127, 0, 0, 1, 0x12, 0x34);
        assertThat(Socks5.readUserPassword(bytes(1, 2, 'w', 'a', 3, 't', 'o', 'k'))).isEqualTo(new Socks5.UserPassword("wa", "tok"));
    }
}
