package dev.warden.proxy;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.Channel;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The host half of the bridge into a sandbox with its own network namespace: a unix socket that the
 * sandbox gets bound in (the one way out of the namespace), each connection on it piped to the proxy's
 * loopback port. Nothing is decided here: the proxy sees the connection as any other, credential and
 * all, so a command inside the sandbox gets exactly what a client on loopback gets.
 *
 * <p>The socket lives in a directory of its own, created 0700: other users' processes cannot reach it,
 * and the sandbox sees only the socket file, never the directory. Closing the bridge stops listening,
 * ends every open connection and removes the socket and its directory.
 */
public final class UnixBridge implements AutoCloseable {
    private static final int BUFFER = 64 * 1024;

    private final Path directory;
    private final Path socket;
    private final InetSocketAddress proxy;
    private final ServerSocketChannel server;
    private final Set<Channel> open = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final Thread acceptor;

    private UnixBridge(Path directory, Path socket, InetSocketAddress proxy, ServerSocketChannel server) {
        this.directory = directory;
        this.socket = socket;
        this.proxy = proxy;
        this.server = server;
        this.acceptor = Thread.ofVirtual().name("warden-bridge-accept").unstarted(this::acceptLoop);
    }

    /**
     * Listens on {@code proxy.sock} in a new private directory under {@code parent} and pipes every
     * connection to {@code proxy}, which must be a loopback address.
     */
    public static UnixBridge open(Path parent, InetSocketAddress proxy) throws IOException {
        if (proxy.getAddress() == null || !proxy.getAddress().isLoopbackAddress()) {
            throw new IllegalArgumentException("the bridge leads to a proxy on loopback only, not " + proxy);
        }
        Path directory = Files.createTempDirectory(parent, "warden-proxy-",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        Path socket = directory.resolve("proxy.sock");
        ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        try {
            server.bind(UnixDomainSocketAddress.of(socket), 256);
        } catch (IOException e) {
            server.close();
            Files.deleteIfExists(directory);
            throw e;
        }
        UnixBridge bridge = new UnixBridge(directory, socket, proxy, server);
        bridge.acceptor.start();
        return bridge;
    }

    /** The unix socket to bind into the sandbox. */
    public Path socket() {
        return socket;
    }

    /** Connections being piped right now. */
    public int activeConnections() {
        return open.size() / 2;
    }

    private void acceptLoop() {
        while (!closed.get()) {
            SocketChannel inside;
            try {
                inside = server.accept();
            } catch (IOException e) {
                if (closed.get()) {
                    return;
                }
                continue; // EMFILE and friends: keep listening, the client sees its connection fail
            }
            Thread.ofVirtual().name("warden-bridge").start(() -> pipe(inside));
        }
    }

    private void pipe(SocketChannel inside) {
        SocketChannel outside = null;
        try {
            open.add(inside);
            outside = SocketChannel.open(proxy);
            open.add(outside);
            outside.socket().setTcpNoDelay(true);
            if (closed.get()) {
                return;
            }
            SocketChannel toProxy = outside;
            Thread upload = Thread.ofVirtual().name("warden-bridge-up").start(() -> copy(inside, toProxy));
            copy(outside, inside);
            upload.join();
        } catch (IOException e) {
            // the proxy is gone (session over): the client sees its connection end
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            closeQuietly(inside);
            if (outside != null) {
                closeQuietly(outside);
            }
        }
    }

    /** Copies until end of stream and half-closes {@code to}; an error ends both directions. */
    private void copy(SocketChannel from, SocketChannel to) {
        ByteBuffer buffer = ByteBuffer.allocateDirect(BUFFER);
        try {
            while (from.read(buffer) >= 0) {
                buffer.flip();
                while (buffer.hasRemaining()) {
                    to.write(buffer);
                }
                buffer.clear();
            }
            to.shutdownOutput();
        } catch (IOException e) {
            closeQuietly(from);
            closeQuietly(to);
        }
    }

    private void closeQuietly(Channel channel) {
        open.remove(channel);
        try {
            channel.close();
        } catch (IOException ignored) {
            // best effort: the descriptor is released either way
        }
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        try {
            server.close();
        } catch (IOException ignored) {
            // already closed
        }
        for (Channel channel : open) {
            closeQuietly(channel);
        }
        try {
            acceptor.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            Files.deleteIfExists(socket);
            Files.deleteIfExists(directory);
        } catch (IOException ignored) {
            // a leftover empty 0700 directory in the temporary directory holds nothing
        }
    }
}
