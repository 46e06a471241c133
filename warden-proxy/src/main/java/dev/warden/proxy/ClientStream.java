package dev.warden.proxy;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;

/**
 * The client's side of a connection as a buffered stream with a deadline. While the handshake is read
 * every read gets only the time left until the deadline, so a client that sends one byte every few
 * seconds (slowloris) is cut off on time rather than per read. Bytes buffered past the request head
 * stay here and are relayed first when the tunnel opens.
 */
final class ClientStream extends InputStream {
    private final Socket socket;
    private final InputStream in;
    private long deadline;
    private boolean armed;
    private int pushedBack = -1;

    ClientStream(Socket socket) throws IOException {
        this.socket = socket;
        this.in = new BufferedInputStream(socket.getInputStream(), 16 * 1024);
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
        if (pushedBack < 0) {
            arm();
            int b = in.read();
            if (b < 0) {
                return -1;
            }
            pushedBack = b;
        }
        return pushedBack;
    }

    @Override
    public int read() throws IOException {
        if (pushedBack >= 0) {
            int b = pushedBack;
            pushedBack = -1;
            return b;
        }
        arm();
        return in.read();
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        if (length == 0) {
            return 0;
        }
        if (pushedBack >= 0) {
            buffer[offset] = (byte) pushedBack;
            pushedBack = -1;
            return 1;
        }
        arm();
        return in.read(buffer, offset, length);
    }

    @Override
    public int available() throws IOException {
        return (pushedBack >= 0 ? 1 : 0) + in.available();
    }

    private void arm() throws IOException {
        if (!armed) {
            return;
        }
        long left = (deadline - System.nanoTime()) / 1_000_000L;
        if (left <= 0) {
            throw new SocketTimeoutException("handshake deadline passed");
        }
        socket.setSoTimeout((int) Math.min(Integer.MAX_VALUE, left));
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
