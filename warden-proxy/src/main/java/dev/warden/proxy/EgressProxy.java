package dev.warden.proxy;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One session's egress proxy: a single listener on loopback that speaks HTTP (absolute-form requests,
 * CONNECT tunnels) and SOCKS5 on the same port, telling them apart by the first byte. Every connection
 * runs on its own virtual thread with blocking I/O, must present a credential {@link #issue issued}
 * by this proxy, and reaches only what the session's network policy allows.
 *
 * <pre>{@code
 * try (EgressProxy proxy = EgressProxy.start(ProxySettings.of(sessionId, effective.network()))) {
 *     ProxyCredential credential = proxy.issue("npm install");
 *     Map<String, String> env = ProxyEnvironment.variables(credential.httpUri());
 *     ... run the command with env, then proxy.revoke(credential)
 * }
 * }</pre>
 */
public final class EgressProxy implements AutoCloseable {
    private final SessionState session;
    private final ServerSocketChannel server;
    private final Thread acceptor;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final AtomicLong ids = new AtomicLong();
    private final AtomicLong accepted = new AtomicLong();
    private final AtomicBoolean closed = new AtomicBoolean();

    private EgressProxy(SessionState session, ServerSocketChannel server) {
        this.session = session;
        this.server = server;
        this.acceptor = Thread.ofVirtual().name("warden-proxy-accept-" + server.socket().getLocalPort()).unstarted(this::acceptLoop);
    }

    /** Listens on 127.0.0.1 on a port the kernel picks. */
    public static EgressProxy start(ProxySettings settings) throws IOException {
        return start(settings, new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
    }

    /** Listens on {@code address}, which must be a loopback address: the proxy is never offered to the network. */
    public static EgressProxy start(ProxySettings settings, InetSocketAddress address) throws IOException {
        Objects.requireNonNull(settings, "settings");
        if (address.getAddress() == null || !address.getAddress().isLoopbackAddress()) {
            throw new IllegalArgumentException("the proxy listens on loopback only, not " + address);
        }
        // Channels rather than plain sockets, so tunnels can relay through direct buffers.
        ServerSocketChannel server = ServerSocketChannel.open();
        try {
            server.bind(address, 512);
        } catch (IOException e) {
            server.close();
            throw e;
        }
        EgressProxy proxy = new EgressProxy(new SessionState(settings), server);
        proxy.acceptor.start();
        return proxy;
    }

    public InetSocketAddress address() {
        return (InetSocketAddress) server.socket().getLocalSocketAddress();
    }

    public int port() {
        return server.socket().getLocalPort();
    }

    /** A new credential for {@code command} (e.g. its argv joined), to hand to that command in its proxy URL. */
    public ProxyCredential issue(String command) {
        return session.credentials.issue(session.settings.session(), Optional.of(command), host(), port());
    }

    /** A new credential for the session as a whole. */
    public ProxyCredential issue() {
        return session.credentials.issue(session.settings.session(), Optional.empty(), host(), port());
    }

    /** The credential stops working for new connections (open ones run to their end). */
    public void revoke(ProxyCredential credential) {
        session.credentials.revoke(credential);
    }

    /** Connections being served right now. */
    public int activeConnections() {
        return open.size();
    }

    /** Connections accepted since the start (including those closed at once for being over the limit). */
    public long acceptedConnections() {
        return accepted.get();
    }

    private String host() {
        return server.socket().getInetAddress().getHostAddress();
    }

    private void acceptLoop() {
        while (!closed.get()) {
            Socket socket;
            try {
                socket = server.accept().socket();
            } catch (IOException e) {
                if (closed.get()) {
                    return;
                }
                continue; // EMFILE and friends: the listener stays up, the client retries
            }
            accepted.incrementAndGet();
            if (open.size() >= session.limits().maxConnections()) {
                Tunnel.closeQuietly(socket);
                continue;
            }
            open.add(socket);
            long id = ids.incrementAndGet();
            try {
                Thread.ofVirtual().name("warden-proxy-" + id).start(() -> serve(socket, id));
            } catch (RuntimeException | OutOfMemoryError e) {
                open.remove(socket);
                Tunnel.closeQuietly(socket);
            }
        }
    }

    private void serve(Socket socket, long id) {
        try {
            socket.setTcpNoDelay(true);
            ClientStream in = new ClientStream(socket);
            in.deadline(session.limits().handshakeTimeout().toMillis());
            int first;
            try {
                first = in.peek();
            } catch (SocketTimeoutException e) {
                return; // connected and said nothing: nothing to answer
            }
            switch (first) {
                case -1 -> { }
                case 0x05 -> new SocksConnection(session, socket, in, id).serve();
                case 0x04 -> refuseSocks4(socket.getOutputStream(), id);
                default -> new HttpConnection(session, socket, in, id).serve();
            }
        } catch (IOException | RuntimeException e) {
            // a client that vanished, a reset, a bug: this connection ends, the proxy does not
        } finally {
            lingeringClose(socket);
            open.remove(socket);
        }
    }

    /**
     * Closes a connection the proxy answered itself (a refusal, an error). Closing with unread request
     * bytes in the kernel makes it send a reset, which can destroy the answer before the client reads it;
     * so the write side is shut first and what the client still sends is read and dropped, briefly and
     * boundedly, before the close. Tunnels close their sockets themselves and skip this.
     */
    private static void lingeringClose(Socket socket) {
        if (socket.isClosed()) {
            return;
        }
        try {
            socket.shutdownOutput();
            long end = System.nanoTime() + 500_000_000L;
            byte[] sink = new byte[8192];
            long drained = 0;
            java.io.InputStream in = socket.getInputStream();
            while (drained < (1 << 20)) {
                long left = (end - System.nanoTime()) / 1_000_000L;
                if (left <= 0) {
                    break;
                }
                socket.setSoTimeout((int) left);
                int n = in.read(sink);
                if (n < 0) {
                    break;
                }
                drained += n;
            }
        } catch (IOException ignored) {
            // reset or timed out: close now
        } finally {
            Tunnel.closeQuietly(socket);
        }
    }

    /** SOCKS4 carries no credential and resolves names on the client: answer "request rejected" (0x5b). */
    private void refuseSocks4(OutputStream out, long id) throws IOException {
        session.refusedEarly(id, session.anonymous(), Protocol.SOCKS5, Refusal.BAD_REQUEST, "-", 0,
                "SOCKS4 is not supported; use SOCKS5 with the session's username and password");
        out.write(new byte[] {0, 0x5b, 0, 0, 0, 0, 0, 0});
        out.flush();
    }

    /** Stops listening and closes every open connection. */
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
        for (Socket socket : open) {
            Tunnel.closeQuietly(socket);
        }
        session.idle.close();
        try {
            acceptor.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
