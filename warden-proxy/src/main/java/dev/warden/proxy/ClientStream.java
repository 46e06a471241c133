package dev.warden.proxy;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.Arrays;

/**
 * The client's side of a connection as a buffered stream with a deadline. While the handshake is read
 * every read gets only the time left until the deadline, so a client that sends one byte every few
 * seconds (slowloris) is cut off on time rather than per read. Bytes buffered past the request head
 * are handed to the tunnel exactly ({@link #drainBuffered}), which then reads the channel itself.
 */
final class ClientStream extends InputStream {
    private final Socket socket;
    private final InputStream in;
    private final byte[] buffer = new byte[16 * 1024];
    private int position;
    private int limit;
    private long deadline;
    private boolean armed;

    ClientStream(Socket socket) throws IOException {
        this.socket = socket;
        this.in = socket.getInputStream();
    }

    /** Reads from now on must all finish within {@code millis}. */
    void deadline(long millis) {
        deadline = System.nanoTime() + millis * 1_000_000L;
        armed = true;
    }

    /** The handshake is over: reads block as long as the socket's own timeout says. */
    void disarm() {
        armed = false;
    }

    /** The next byte without consuming it, or -1 at end of stream. */
    int peek() throws IOException {
        return fill() ? buffer[position] & 0xff : -1;
    }

    @Override
    public int read() throws IOException {
        return fill() ? buffer[position++] & 0xff : -1;
    }

    @Override
    public int read(byte[] target, int offset, int length) throws IOException {
        if (length == 0) {
            return 0;
        }
        if (!fill()) {
            return -1;
        }
        int n = Math.min(length, limit - position);
        System.arraycopy(buffer, position, target, offset, n);
        position += n;
        return n;
    }

    /** The bytes already read from the socket and not consumed (a pipelined TLS hello after CONNECT). */
    byte[] drainBuffered() {
        armed = false;
        byte[] rest = Arrays.copyOfRange(buffer, position, limit);
        position = limit;
        return rest;
    }

    @Override
    public int available() {
        return limit - position;
    }

    /** True when a byte is ready, reading once from the socket if the buffer is empty. */
    private boolean fill() throws IOException {
        if (position < limit) {
            return true;
        }
        if (armed) {
            long left = (deadline - System.nanoTime()) / 1_000_000L;
            if (left <= 0) {
                throw new SocketTimeoutException("handshake deadline passed");
            }
            socket.setSoTimeout((int) Math.min(Integer.MAX_VALUE, left));
        }
        int n = in.read(buffer, 0, buffer.length);
        if (n <= 0) {
            return false;
        }
        position = 0;
        limit = n;
        return true;
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
