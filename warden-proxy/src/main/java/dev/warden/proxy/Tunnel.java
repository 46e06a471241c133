package dev.warden.proxy;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Relays bytes both ways between a client and its destination with blocking I/O on two virtual threads.
 * An end of stream on one side is passed on as a half-close ({@code shutdownOutput}) so protocols that
 * finish sending before they finish reading keep working; the tunnel ends when both directions have
 * ended, when either fails, or when no byte moved either way for the idle timeout.
 */
final class Tunnel {
    private Tunnel() {}

    /** Bytes carried each way, and why it ended if not cleanly. */
    record Result(long bytesOut, long bytesIn, Optional<String> error) {}

    /** Opens a connection to the first of {@code addresses} that answers: all of them were checked. */
    static Socket connect(List<InetAddress> addresses, int port, int timeoutMillis) throws IOException {
        IOException last = null;
        for (InetAddress address : addresses) {
            Socket socket = new Socket();
            try {
                socket.setTcpNoDelay(true);
                socket.connect(new InetSocketAddress(address, port), timeoutMillis);
                return socket;
            } catch (IOException e) {
                socket.close();
                last = e;
            }
        }
        throw last != null ? last : new IOException("no address to connect to");
    }

    /**
     * @param clientIn         the client's stream (bytes it sent past the handshake come first)
     * @param endWithResponse  end as soon as the destination finishes sending (one plain HTTP exchange)
     */
    static Result relay(Socket client, InputStream clientIn, Socket upstream, long idleMillis, boolean endWithResponse) {
        AtomicLong last = new AtomicLong(System.nanoTime());
        AtomicReference<String> error = new AtomicReference<>();
        AtomicLong out = new AtomicLong();
        AtomicLong in = new AtomicLong();
        Thread uploader = Thread.ofVirtual().name("warden-proxy-upload").start(() -> {
            try {
                copy(clientIn, client, upstream.getOutputStream(), upstream, out, last, idleMillis, error);
            } catch (IOException e) {
                fail(error, e, client, upstream);
            }
        });
        try {
            copy(upstream.getInputStream(), upstream, client.getOutputStream(), client, in, last, idleMillis, error);
            if (endWithResponse) {
                closeQuietly(client, upstream);
            }
        } catch (IOException e) {
            fail(error, e, client, upstream);
        }
        try {
            uploader.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            closeQuietly(client, upstream);
        }
        closeQuietly(client, upstream);
        return new Result(out.get(), in.get(), Optional.ofNullable(error.get()));
    }

    /**
     * Copies until end of stream, then half-closes {@code target}. A read that times out only ends the
     * tunnel when nothing moved in either direction for the whole idle time.
     */
    private static void copy(InputStream from, Socket fromSocket, OutputStream to, Socket toSocket,
                             AtomicLong counter, AtomicLong last, long idleMillis, AtomicReference<String> error)
            throws IOException {
        byte[] buffer = new byte[64 * 1024];
        fromSocket.setSoTimeout((int) Math.min(Integer.MAX_VALUE, idleMillis));
        while (true) {
            int n;
            try {
                n = from.read(buffer);
            } catch (SocketTimeoutException e) {
                if (System.nanoTime() - last.get() >= idleMillis * 1_000_000L) {
                    error.compareAndSet(null, "idle for " + idleMillis / 1000 + " s");
                    closeQuietly(fromSocket, toSocket);
                    return;
                }
                continue;
            }
            if (n < 0) {
                if (!toSocket.isClosed()) {
                    try {
                        toSocket.shutdownOutput();
                    } catch (IOException ignored) {
                        // the other side is already gone: nothing left to tell it
                    }
                }
                return;
            }
            to.write(buffer, 0, n);
            counter.addAndGet(n);
            last.set(System.nanoTime());
        }
    }

    private static void fail(AtomicReference<String> error, IOException e, Socket a, Socket b) {
        if (!(a.isClosed() && b.isClosed())) {
            error.compareAndSet(null, e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()));
        }
        closeQuietly(a, b);
    }

    static void closeQuietly(Socket... sockets) {
        for (Socket socket : sockets) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing is best effort; the descriptor is released either way
            }
        }
    }
}
