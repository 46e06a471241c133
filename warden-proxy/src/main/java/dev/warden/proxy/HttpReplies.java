package dev.warden.proxy;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/** The proxy's own HTTP responses: short, plain text, always closing the connection. */
final class HttpReplies {
    private HttpReplies() {}

    static void send(OutputStream out, int status, String phrase, String extraHeaders, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        String head = "HTTP/1.1 " + status + " " + phrase + "\r\n"
                + extraHeaders
                + "Content-Type: text/plain; charset=utf-8\r\n"
                + "Content-Length: " + bytes.length + "\r\n"
                + "Connection: close\r\n\r\n";
        out.write(head.getBytes(StandardCharsets.ISO_8859_1));
        out.write(bytes);
        out.flush();
    }

    /** 403 (400 for unreadable requests) with {@code X-Warden-Error} and a body a person can act on. */
    static void refusal(OutputStream out, Admission.Refused r) throws IOException {
        StringBuilder body = new StringBuilder();
        body.append("Warden refused the connection to ").append(authority(r.host(), r.port())).append(" (")
                .append(r.refusal().wireName()).append(").\n");
        body.append("Reason: ").append(r.reason()).append('\n');
        r.rule().ifPresent(rule -> body.append("Rule: ").append(rule)
                .append(r.source().map(s -> " (" + s + ")").orElse("")).append('\n'));
        r.advice().ifPresent(advice -> body.append("To allow it: ").append(advice).append('\n'));
        boolean bad = r.refusal() == Refusal.BAD_REQUEST;
        send(out, bad ? 400 : 403, bad ? "Bad Request" : "Forbidden", "X-Warden-Error: " + r.refusal().wireName() + "\r\n",
                body.toString());
    }

    static void badRequest(OutputStream out, int status, String message) throws IOException {
        String phrase = switch (status) {
            case 408 -> "Request Timeout";
            case 414 -> "URI Too Long";
            case 431 -> "Request Header Fields Too Large";
            default -> "Bad Request";
        };
        send(out, status, phrase, "X-Warden-Error: " + Refusal.BAD_REQUEST.wireName() + "\r\n",
                "Warden's proxy could not read the request: " + message + "\n");
    }

    static void authenticationRequired(OutputStream out) throws IOException {
        send(out, 407, "Proxy Authentication Required",
                "Proxy-Authenticate: Basic realm=\"warden\"\r\nX-Warden-Error: " + Refusal.UNAUTHENTICATED.wireName() + "\r\n",
                "Warden's proxy needs this session's credential: use the proxy URL from HTTP_PROXY / HTTPS_PROXY"
                        + " (http://warden:TOKEN@127.0.0.1:PORT) as given to the command.\n");
    }

    static void unreachable(OutputStream out, boolean timeout, String host, int port, String error) throws IOException {
        send(out, timeout ? 504 : 502, timeout ? "Gateway Timeout" : "Bad Gateway", "",
                "Warden allowed " + authority(host, port) + " but could not reach it: " + error + "\n");
    }

    static String authority(String host, int port) {
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
    }
}
