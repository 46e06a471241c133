package dev.warden.proxy;

import dev.warden.policy.network.CanonicalHost;
import dev.warden.proxy.wire.AbsoluteTarget;
import dev.warden.proxy.wire.Authority;
import dev.warden.proxy.wire.HttpHeadReader;
import dev.warden.proxy.wire.HttpHeader;
import dev.warden.proxy.wire.HttpRequestHead;
import dev.warden.proxy.wire.MalformedRequestException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * One HTTP proxy connection: a CONNECT tunnel, or one absolute-form request forwarded with
 * {@code Connection: close} and relayed byte for byte (the response is never parsed, so there is no
 * framing for the proxy and the client to disagree on). A WebSocket upgrade over plain HTTP becomes a
 * tunnel once the request is forwarded.
 */
final class HttpConnection {
    /** Fields that describe this hop, not the request (RFC 9110 section 7.6.1), plus the credential. */
    private static final Set<String> HOP_BY_HOP = Set.of("connection", "proxy-connection", "keep-alive",
            "proxy-authorization", "proxy-authenticate", "te", "trailer", "upgrade", "host");

    private final SessionState session;
    private final Socket socket;
    private final ClientStream in;
    private final long id;

    HttpConnection(SessionState session, Socket socket, ClientStream in, long id) {
        this.session = session;
        this.socket = socket;
        this.in = in;
        this.id = id;
    }

    void serve() throws IOException {
        OutputStream out = socket.getOutputStream();
        ProxyLimits limits = session.limits();
        HttpRequestHead head;
        try {
            head = HttpHeadReader.read(in, limits.maxLineBytes(), limits.maxHeadBytes(), limits.maxHeaders());
        } catch (MalformedRequestException e) {
            session.refusedEarly(id, session.anonymous(), Protocol.HTTP, Refusal.BAD_REQUEST, "-", 0, e.getMessage());
            HttpReplies.badRequest(out, e.status(), e.getMessage());
            return;
        } catch (SocketTimeoutException e) {
            String message = "the request head did not arrive within " + limits.handshakeTimeout().toSeconds() + " s";
            session.refusedEarly(id, session.anonymous(), Protocol.HTTP, Refusal.BAD_REQUEST, "-", 0, message);
            HttpReplies.badRequest(out, 408, message);
            return;
        }
        if (head == null) {
            return;
        }
        boolean connect = head.method().equals("CONNECT");
        Protocol protocol = connect ? Protocol.CONNECT : Protocol.HTTP;
        List<String> authorizations = head.all("Proxy-Authorization");
        Optional<ProxyCredential> credential = authorizations.size() == 1
                ? session.credentials.lookupBasic(authorizations.getFirst()) : Optional.empty();
        if (credential.isEmpty()) {
            session.refusedEarly(id, session.anonymous(), protocol, Refusal.UNAUTHENTICATED,
                    HttpHeadReader.printable(head.target()), 0, authorizations.isEmpty()
                            ? "no Proxy-Authorization" : "a Proxy-Authorization that is not this session's credential");
            HttpReplies.authenticationRequired(out);
            return;
        }
        Attribution who = session.attribution(credential.get());
        Authority authority;
        String originForm = null;
        try {
            if (connect) {
                authority = Authority.parse(head.target(), 0);
            } else {
                AbsoluteTarget target = AbsoluteTarget.parse(head.target());
                authority = target.authority();
                originForm = target.originForm();
                checkFraming(head);
            }
        } catch (MalformedRequestException e) {
            session.refusedEarly(id, who, protocol, Refusal.BAD_REQUEST, HttpHeadReader.printable(head.target()), 0,
                    e.getMessage());
            HttpReplies.badRequest(out, e.status(), e.getMessage());
            return;
        }
        in.disarm(); // waiting for a person's answer is not the client being slow
        Admission admission = session.gatekeeper.admit(authority.host(), authority.port(), protocol, who);
        session.decided(id, who, protocol, admission);
        long start = System.nanoTime();
        Admission.Admitted admitted;
        switch (admission) {
            case Admission.Refused refused -> {
                HttpReplies.refusal(out, refused);
                return;
            }
            case Admission.Unresolvable u -> {
                HttpReplies.unreachable(out, false, u.host(), u.port(), u.error());
                session.closed(id, who, protocol, u.host(), u.port(), Optional.empty(), 0, 0, start, Optional.of(u.error()));
                return;
            }
            case Admission.Admitted a -> admitted = a;
        }
        Socket upstream;
        try {
            upstream = Tunnel.connect(admitted.addresses(), admitted.port(), (int) limits.connectTimeout().toMillis());
        } catch (IOException e) {
            String error = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
            HttpReplies.unreachable(out, e instanceof SocketTimeoutException, admitted.host(), admitted.port(), error);
            session.closed(id, who, protocol, admitted.host(), admitted.port(), Optional.empty(), 0, 0, start,
                    Optional.of(error));
            return;
        }
        long headBytes = 0;
        boolean upgrade = false;
        try {
            if (connect) {
                out.write("HTTP/1.1 200 Connection established\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
                out.flush();
            } else {
                upgrade = head.lists("Connection", "upgrade") && head.header("Upgrade").isPresent();
                byte[] forwarded = forward(head, originForm, admitted.canonical(), admitted.port(), upgrade);
                upstream.getOutputStream().write(forwarded);
                headBytes = forwarded.length;
            }
        } catch (IOException e) {
            Tunnel.closeQuietly(upstream);
            session.closed(id, who, protocol, admitted.host(), admitted.port(), Optional.of(upstream.getInetAddress()),
                    0, 0, start, Optional.of("IOException: " + e.getMessage()));
            return;
        }
        Tunnel.Result result = Tunnel.relay(socket, in.drainBuffered(), upstream, session.idle, !connect && !upgrade);
        session.closed(id, who, protocol, admitted.host(), admitted.port(), Optional.of(upstream.getInetAddress()),
                result.bytesOut() + headBytes, result.bytesIn(), start, result.error());
    }

    /**
     * Both a length and a chunked encoding, or two different lengths, is how requests get smuggled past
     * one parser and read differently by the next: refused rather than guessed at.
     */
    private static void checkFraming(HttpRequestHead head) throws MalformedRequestException {
        List<String> lengths = head.all("Content-Length");
        if (!lengths.isEmpty() && head.header("Transfer-Encoding").isPresent()) {
            throw new MalformedRequestException("both Content-Length and Transfer-Encoding");
        }
        String first = null;
        for (String length : lengths) {
            for (String part : length.split(",")) {
                String value = part.strip();
                if (value.isEmpty() || value.length() > 18 || !value.chars().allMatch(c -> c >= '0' && c <= '9')) {
                    throw new MalformedRequestException("Content-Length \"" + HttpHeadReader.printable(length) + "\" is not a number");
                }
                if (first != null && !first.equals(value)) {
                    throw new MalformedRequestException("conflicting Content-Length values");
                }
                first = value;
            }
        }
    }

    /** The request as the destination gets it: origin-form, its own Host, no hop-by-hop fields, no credential. */
    private static byte[] forward(HttpRequestHead head, String originForm, CanonicalHost host, int port, boolean upgrade) {
        StringBuilder out = new StringBuilder(512);
        out.append(head.method()).append(' ').append(originForm).append(" HTTP/1.1\r\n");
        String hostText = host.text().indexOf(':') >= 0 ? "[" + host.text() + "]" : host.text();
        out.append("Host: ").append(hostText).append(port == 80 ? "" : ":" + port).append("\r\n");
        Set<String> named = new java.util.HashSet<>();
        for (String value : head.all("Connection")) {
            for (String token : value.split(",")) {
                named.add(token.strip().toLowerCase(java.util.Locale.ROOT));
            }
        }
        for (HttpHeader header : head.headers()) {
            String name = header.name().toLowerCase(java.util.Locale.ROOT);
            if (HOP_BY_HOP.contains(name) || (named.contains(name) && !name.equals("upgrade"))) {
                continue;
            }
            out.append(header.name()).append(": ").append(header.value()).append("\r\n");
        }
        if (upgrade) {
            out.append("Upgrade: ").append(head.header("Upgrade").orElseThrow()).append("\r\nConnection: Upgrade\r\n");
        } else {
            out.append("Connection: close\r\n");
        }
        return out.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1);
    }
}
