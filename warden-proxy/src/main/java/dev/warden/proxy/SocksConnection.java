package dev.warden.proxy;

import dev.warden.proxy.wire.Socks5;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.NoRouteToHostException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.Optional;

/**
 * One SOCKS5 connection: username/password authentication is the only method offered (the password is
 * the session's token), then one {@code CONNECT} by domain name or address. Names are resolved by the
 * proxy after the policy allowed them ({@code socks5h}); {@code BIND} and {@code UDP ASSOCIATE} are
 * refused with "command not supported".
 */
final class SocksConnection {
    private final SessionState session;
    private final Socket socket;
    private final ClientStream in;
    private final long id;

    SocksConnection(SessionState session, Socket socket, ClientStream in, long id) {
        this.session = session;
        this.socket = socket;
        this.in = in;
        this.id = id;
    }

    void serve() throws IOException {
        OutputStream out = socket.getOutputStream();
        Attribution who;
        Socks5.Request request;
        try {
            Socks5.readByte(in); // the version byte, 5, already seen by the dispatcher
            int[] methods = Socks5.readMethods(in);
            boolean offered = false;
            for (int method : methods) {
                offered |= method == Socks5.METHOD_USER_PASSWORD;
            }
            if (!offered) {
                out.write(new byte[] {Socks5.VERSION, (byte) Socks5.METHOD_NONE_ACCEPTABLE});
                session.refusedEarly(id, session.anonymous(), Protocol.SOCKS5, Refusal.UNAUTHENTICATED, "-", 0,
                        "the client did not offer username/password authentication");
                return;
            }
            out.write(new byte[] {Socks5.VERSION, Socks5.METHOD_USER_PASSWORD});
            Socks5.UserPassword credentials = Socks5.readUserPassword(in);
            Optional<ProxyCredential> credential = session.credentials.lookup(credentials.user(), credentials.password());
            if (credential.isEmpty()) {
                out.write(new byte[] {Socks5.AUTH_VERSION, 1});
                session.refusedEarly(id, session.anonymous(), Protocol.SOCKS5, Refusal.UNAUTHENTICATED, "-", 0,
                        "a username/password that is not this session's credential");
                return;
            }
            out.write(new byte[] {Socks5.AUTH_VERSION, 0});
            who = session.attribution(credential.get());
            request = Socks5.readRequest(in);
        } catch (Socks5.SocksException e) {
            session.refusedEarly(id, session.anonymous(), Protocol.SOCKS5, Refusal.BAD_REQUEST, "-", 0, e.getMessage());
            if (e.reply() == Socks5.AUTH_FAILURE) {
                out.write(new byte[] {Socks5.AUTH_VERSION, 1});
            } else if (e.reply() == Socks5.METHOD_NONE_ACCEPTABLE) {
                out.write(new byte[] {Socks5.VERSION, (byte) Socks5.METHOD_NONE_ACCEPTABLE});
            } else if (e.reply() > Socks5.SUCCEEDED) {
                out.write(Socks5.reply(e.reply()));
            }
            return;
        } catch (SocketTimeoutException e) {
            session.refusedEarly(id, session.anonymous(), Protocol.SOCKS5, Refusal.BAD_REQUEST, "-", 0,
                    "the SOCKS handshake did not finish within " + session.limits().handshakeTimeout().toSeconds() + " s");
            return;
        } catch (EOFException e) {
            return;
        }
        if (request.command() != Socks5.CONNECT) {
            String name = request.command() == Socks5.BIND ? "BIND" : request.command() == Socks5.UDP_ASSOCIATE
                    ? "UDP ASSOCIATE" : "command " + request.command();
            session.refusedEarly(id, who, Protocol.SOCKS5, Refusal.BAD_REQUEST, request.host(), request.port(),
                    name + " is not supported: only CONNECT goes through Warden's proxy");
            out.write(Socks5.reply(Socks5.COMMAND_NOT_SUPPORTED));
            return;
        }
        in.disarm();
        Admission admission = session.gatekeeper.admit(request.host(), request.port(), Protocol.SOCKS5, who);
        session.decided(id, who, Protocol.SOCKS5, admission);
        long start = System.nanoTime();
        Admission.Admitted admitted;
        switch (admission) {
            case Admission.Refused refused -> {
                out.write(Socks5.reply(refused.refusal().socksReply()));
                return;
            }
            case Admission.Unresolvable u -> {
                out.write(Socks5.reply(Socks5.HOST_UNREACHABLE));
                session.closed(id, who, Protocol.SOCKS5, u.host(), u.port(), Optional.empty(), 0, 0, start,
                        Optional.of(u.error()));
                return;
            }
            case Admission.Admitted a -> admitted = a;
        }
        Socket upstream;
        try {
            upstream = Tunnel.connect(admitted.addresses(), admitted.port(), (int) session.limits().connectTimeout().toMillis());
        } catch (IOException e) {
            int reply = switch (e) {
                case ConnectException ignored -> Socks5.CONNECTION_REFUSED;
                case NoRouteToHostException ignored -> Socks5.HOST_UNREACHABLE;
                case SocketTimeoutException ignored -> Socks5.HOST_UNREACHABLE;
                default -> Socks5.GENERAL_FAILURE;
            };
            out.write(Socks5.reply(reply));
            session.closed(id, who, Protocol.SOCKS5, admitted.host(), admitted.port(), Optional.empty(), 0, 0, start,
                    Optional.of(e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage())));
            return;
        }
        try {
            out.write(Socks5.reply(Socks5.SUCCEEDED, (InetSocketAddress) upstream.getLocalSocketAddress()));
            out.flush();
        } catch (IOException e) {
            Tunnel.closeQuietly(upstream);
            session.closed(id, who, Protocol.SOCKS5, admitted.host(), admitted.port(), Optional.of(upstream.getInetAddress()),
                    0, 0, start, Optional.of("IOException: " + e.getMessage()));
            return;
        }
        Tunnel.Result result = Tunnel.relay(socket, in.drainBuffered(), upstream, session.idle, false);
        session.closed(id, who, Protocol.SOCKS5, admitted.host(), admitted.port(), Optional.of(upstream.getInetAddress()),
                result.bytesOut(), result.bytesIn(), start, result.error());
    }
}
