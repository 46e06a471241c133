package dev.warden.proxy.wire;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * SOCKS version 5 (RFC 1928) with username/password authentication (RFC 1929), the parts a proxy
 * needs: method negotiation, the credential, the request, and replies. Only {@code CONNECT} is served;
 * {@code BIND} and {@code UDP ASSOCIATE} would let a sandboxed command accept connections or send
 * datagrams the policy never sees, so they are refused with "command not supported".
 */
public final class Socks5 {
    private Socks5() {}

    public static final int VERSION = 5;
    public static final int METHOD_USER_PASSWORD = 0x02;
    public static final int METHOD_NONE_ACCEPTABLE = 0xff;
    public static final int AUTH_VERSION = 1;
    /** Not a reply code: the sub-negotiation failed and the answer is {@code 01 01}. */
    public static final int AUTH_FAILURE = -1;

    public static final int CONNECT = 1;
    public static final int BIND = 2;
    public static final int UDP_ASSOCIATE = 3;

    public static final int SUCCEEDED = 0x00;
    public static final int GENERAL_FAILURE = 0x01;
    public static final int NOT_ALLOWED = 0x02;
    public static final int NETWORK_UNREACHABLE = 0x03;
    public static final int HOST_UNREACHABLE = 0x04;
    public static final int CONNECTION_REFUSED = 0x05;
    public static final int TTL_EXPIRED = 0x06;
    public static final int COMMAND_NOT_SUPPORTED = 0x07;
    public static final int ADDRESS_TYPE_NOT_SUPPORTED = 0x08;

    /** A SOCKS message the proxy refuses, with the reply code to send when a reply is still possible. */
    public static final class SocksException extends Exception {
        @java.io.Serial
        private static final long serialVersionUID = 1L;
        private final int reply;

        public SocksException(int reply, String message) {
            super(message);
            this.reply = reply;
        }

        public int reply() {
            return reply;
        }
    }

    /** Username and password from RFC 1929 sub-negotiation. */
    public record UserPassword(String user, String password) {
        @Override
        public String toString() {
            return "UserPassword[user=" + user + "]";
        }
    }

    /**
     * A request: {@code host} is an address in text ({@code [v6]} in brackets) or the domain name as sent,
     * decoded as strict UTF-8.
     */
    public record Request(int command, String host, int port) {}

    /** The methods a client offers, after its version byte was read. */
    public static int[] readMethods(InputStream in) throws IOException, SocksException {
        int count = readByte(in);
        if (count == 0) {
            throw new SocksException(METHOD_NONE_ACCEPTABLE, "the client offered no authentication method");
        }
        byte[] methods = readFully(in, count);
        int[] out = new int[count];
        for (int i = 0; i < count; i++) {
            out[i] = methods[i] & 0xff;
        }
        return out;
    }

    public static UserPassword readUserPassword(InputStream in) throws IOException, SocksException {
        int version = readByte(in);
        if (version != AUTH_VERSION) {
            throw new SocksException(AUTH_FAILURE, "username/password sub-negotiation version " + version + ", expected 1");
        }
        String user = new String(readFully(in, readByte(in)), StandardCharsets.ISO_8859_1);
        String password = new String(readFully(in, readByte(in)), StandardCharsets.ISO_8859_1);
        return new UserPassword(user, password);
    }

    public static Request readRequest(InputStream in) throws IOException, SocksException {
        int version = readByte(in);
        if (version != VERSION) {
            throw new SocksException(GENERAL_FAILURE, "request version " + version + ", expected 5");
        }
        int command = readByte(in);
        int reserved = readByte(in);
        if (reserved != 0) {
            throw new SocksException(GENERAL_FAILURE, "reserved byte is " + reserved + ", expected 0");
        }
        int type = readByte(in);
        String host = switch (type) {
            case 1 -> InetAddress.getByAddress(readFully(in, 4)).getHostAddress();
            case 4 -> "[" + InetAddress.getByAddress(readFully(in, 16)).getHostAddress() + "]";
            case 3 -> {
                int length = readByte(in);
                if (length == 0) {
                    throw new SocksException(GENERAL_FAILURE, "empty domain name");
                }
                yield utf8(readFully(in, length));
            }
            default -> throw new SocksException(ADDRESS_TYPE_NOT_SUPPORTED, "address type " + type + " is not supported");
        };
        byte[] port = readFully(in, 2);
        return new Request(command, host, ((port[0] & 0xff) << 8) | (port[1] & 0xff));
    }

    /** A reply with the bound address (0.0.0.0:0 when there is none). */
    public static byte[] reply(int code, InetSocketAddress bound) {
        InetAddress address = bound == null ? null : bound.getAddress();
        byte[] raw = address == null ? new byte[4] : address.getAddress();
        int type = address instanceof Inet6Address ? 4 : 1;
        ByteBuffer out = ByteBuffer.allocate(6 + raw.length);
        out.put((byte) VERSION).put((byte) code).put((byte) 0).put((byte) type).put(raw);
        int port = bound == null ? 0 : bound.getPort();
        out.put((byte) (port >> 8)).put((byte) port);
        return out.array();
    }

    public static byte[] reply(int code) {
        return reply(code, null);
    }

    private static String utf8(byte[] bytes) throws SocksException {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new SocksException(GENERAL_FAILURE, "the domain name is not valid UTF-8");
        }
    }

    public static int readByte(InputStream in) throws IOException {
        int b = in.read();
        if (b < 0) {
            throw new EOFException("the client closed the connection during the SOCKS handshake");
        }
        return b;
    }

    private static byte[] readFully(InputStream in, int length) throws IOException {
        byte[] out = in.readNBytes(length);
        if (out.length < length) {
            throw new EOFException("the client closed the connection during the SOCKS handshake");
        }
        return out;
    }
}
