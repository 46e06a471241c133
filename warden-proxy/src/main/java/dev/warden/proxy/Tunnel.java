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
 * the tunnel ends when both directions have ended, when either fails, or when the proxy's
 * {@link IdleSweep} sees no byte move either way for the idle timeout.
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
    static Result relay(Socket client, byte[] pending, Socket upstream, IdleSweep idle, boolean endWithResponse) {
        Relay relay = new Relay(client, upstream);
        idle.watch(relay);
        Thread uploader = Thread.ofVirtual().name("warden-proxy-upload").start(() -> {
            try {
                ByteBuffer first = ByteBuffer.wrap(pending);
                while (first.hasRemaining()) {
                    relay.upstreamChannel.write(first);
                }
                relay.out.addAndGet(pending.length);
                copy(relay.clientChannel, upstream, relay.upstreamChannel, relay.out, relay);
            } catch (IOException e) {
                relay.fail(e);
            }
        });
        try {
            copy(relay.upstreamChannel, client, relay.clientChannel, relay.in, relay);
            if (endWithResponse) {
                // The exchange is over. Shutting the client's input ends the uploader's read with an end of
                // stream rather than the exception a close under it would throw (a stack trace per request).
                relay.ending = true;
                closeQuietly(upstream);
                try {
                    relay.clientChannel.shutdownInput();
                } catch (IOException e) {
                    closeQuietly(client);
                }
            }
        } catch (IOException e) {
            relay.fail(e);
        }
        try {
            uploader.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            closeQuietly(client, upstream);
        }
        idle.forget(relay);
        closeQuietly(client, upstream);
        return new Result(relay.out.get(), relay.in.get(), Optional.ofNullable(relay.error.get()));
    }

    /** One tunnel's shared state: both ends, the byte counts, the first error, when a byte last moved. */
    private static final class Relay implements IdleSweep.Watched {
        final Socket client;
        final Socket upstream;
        final SocketChannel clientChannel;
        final SocketChannel upstreamChannel;
        final AtomicLong out = new AtomicLong();
        final AtomicLong in = new AtomicLong();
        final AtomicReference<String> error = new AtomicReference<>();
        volatile long last = System.nanoTime();
        /** Set once the relay ends a plain exchange itself: what fails after that is its own doing. */
        volatile boolean ending;

        Relay(Socket client, Socket upstream) {
            this.client = client;
            this.upstream = upstream;
            this.clientChannel = client.getChannel();
            this.upstreamChannel = upstream.getChannel();
        }

        @Override
        public long lastActivityNanos() {
            return last;
        }

        @Override
        public void expire(String reason) {
            error.compareAndSet(null, reason);
            closeQuietly(client, upstream);
        }

        void fail(IOException e) {
            if (!ending && !(client.isClosed() && upstream.isClosed())) {
                error.compareAndSet(null, e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()));
            }
            closeQuietly(client, upstream);
        }
    }

    /**
     * Copies until end of stream, then half-closes {@code to}. A read that fills the small buffer moves the
     * direction to a large one; a read smaller than a small buffer moves it back, so a direction that
     * stops streaming soon blocks holding only a small buffer again.
     */
    private static void copy(SocketChannel from, Socket toSocket, SocketChannel to, AtomicLong counter, Relay relay)
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
                relay.last = System.nanoTime();
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
