package dev.warden.proxy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Relays bytes both ways between a client and its destination with blocking channel I/O on two virtual
 * threads, through direct {@link RelayBuffers} (a heap array would be copied once more into a temporary
 * direct buffer on every read and write). An end of stream on one side is passed on as a half-close
 * ({@code shutdownOutput}) so protocols that finish sending before they finish reading keep working;
 * the tunnel ends when both directions have ended, when either fails, or when a watchdog sees no byte
 * move either way for the idle timeout.
 */
final class Tunnel {
    private Tunnel() {}

    /** Bytes carried each way, and why it ended if not cleanly. */
    record Result(long bytesOut, long bytesIn, Optional<String> error) {}

    /** Opens a connection to the first of {@code addresses} that answers: all of them were checked. */
    static Socket connect(List<InetAddress> addresses, int port, int timeoutMillis) throws IOException {
        IOException last = null;
        for (InetAddress address : addresses) {
            SocketChannel channel = SocketChannel.open();
            Socket socket = channel.socket();
            try {
                socket.setTcpNoDelay(true);
                socket.connect(new InetSocketAddress(address, port), timeoutMillis);
                return socket;
            } catch (IOException e) {
                channel.close();
                last = e;
            }
        }
        throw last != null ? last : new IOException("no address to connect to");
    }

    /**
     * @param pending          bytes the client sent past the handshake, already read: they go first
     * @param endWithResponse  end as soon as the destination finishes sending (one plain HTTP exchange)
     */
    static Result relay(Socket client, byte[] pending, Socket upstream, long idleMillis, boolean endWithResponse) {
        SocketChannel clientChannel = client.getChannel();
        SocketChannel upstreamChannel = upstream.getChannel();
        AtomicLong last = new AtomicLong(System.nanoTime());
        AtomicReference<String> error = new AtomicReference<>();
        AtomicLong out = new AtomicLong();
        AtomicLong in = new AtomicLong();
        Thread uploader = Thread.ofVirtual().name("warden-proxy-upload").start(() -> {
            try {
                ByteBuffer first = ByteBuffer.wrap(pending);
                while (first.hasRemaining()) {
                    upstreamChannel.write(first);
                }
                out.addAndGet(pending.length);
                copy(clientChannel, upstream, upstreamChannel, out, last);
            } catch (IOException e) {
                fail(error, e, client, upstream);
            }
        });
        Thread watchdog = Thread.ofVirtual().name("warden-proxy-idle").start(() -> {
            long idleNanos = idleMillis * 1_000_000L;
            try {
                while (!(client.isClosed() && upstream.isClosed())) {
                    long quiet = System.nanoTime() - last.get();
                    if (quiet >= idleNanos) {
                        error.compareAndSet(null, "idle for " + idleMillis / 1000 + " s");
                        closeQuietly(client, upstream);
                        return;
                    }
                    Thread.sleep(Math.max(1, (idleNanos - quiet) / 1_000_000L + 1));
                }
            } catch (InterruptedException e) {
                // the tunnel ended first
            }
        });
        try {
            copy(upstreamChannel, client, clientChannel, in, last);
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
        watchdog.interrupt();
        return new Result(out.get(), in.get(), Optional.ofNullable(error.get()));
    }

    /**
     * Copies until end of stream, then half-closes {@code to}. A read that fills the small buffer moves the
     * direction to a large one; a read smaller than a small buffer moves it back, so a direction that
     * stops streaming soon blocks holding only a small buffer again.
     */
    private static void copy(SocketChannel from, Socket toSocket, SocketChannel to, AtomicLong counter, AtomicLong last)
            throws IOException {
        ByteBuffer small = RelayBuffers.small();
        ByteBuffer large = null;
        ByteBuffer buffer = small;
        try {
            int n;
            while ((n = from.read(buffer)) >= 0) {
                buffer.flip();
                while (buffer.hasRemaining()) {
                    to.write(buffer);
                }
                buffer.clear();
                counter.addAndGet(n);
                last.set(System.nanoTime());
                if (large == null && n == small.capacity()) {
                    large = RelayBuffers.large();
                    buffer = large != null ? large : small;
                } else if (large != null && n < small.capacity()) {
                    RelayBuffers.give(large);
                    large = null;
                    buffer = small;
                }
            }
        } finally {
            RelayBuffers.give(small);
            if (large != null) {
                RelayBuffers.give(large);
            }
        }
        if (!toSocket.isClosed()) {
            try {
                to.shutdownOutput();
            } catch (IOException ignored) {
                // the other side is already gone: nothing left to tell it
            }
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
