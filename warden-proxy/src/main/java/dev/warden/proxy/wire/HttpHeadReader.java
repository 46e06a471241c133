package dev.warden.proxy.wire;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads an HTTP/1.x request head byte by byte, never past the blank line that ends it (whatever follows
 * belongs to the tunnel or the body). Strict where leniency lets two parsers disagree about a request
 * (RFC 9112): a bare CR, a folded line, white space before a colon, or a control character is an error,
 * not something to repair. Every line and the whole head are bounded.
 */
public final class HttpHeadReader {
    private HttpHeadReader() {}

    /** At most this many empty lines are skipped before the request line (RFC 9112 section 2.2). */
    private static final int MAX_LEADING_EMPTY_LINES = 4;

    /**
     * Reads one request head, or returns null when the stream ends before its first byte (a client that
     * connected and left).
     */
    public static HttpRequestHead read(InputStream in, int maxLine, int maxHead, int maxHeaders)
            throws IOException, MalformedRequestException {
        int[] budget = {maxHead};
        String requestLine;
        int skipped = 0;
        do {
            requestLine = line(in, maxLine, budget, skipped == 0, 414);
            if (requestLine == null) {
                return null;
            }
        } while (requestLine.isEmpty() && ++skipped <= MAX_LEADING_EMPTY_LINES);
        if (requestLine.isEmpty()) {
            throw new MalformedRequestException("no request line");
        }
        String[] parts = requestLine.split(" ", -1);
        if (parts.length != 3) {
            throw new MalformedRequestException("the request line must be METHOD SP TARGET SP HTTP/1.1");
        }
        String method = parts[0];
        String target = parts[1];
        String version = parts[2];
        if (method.isEmpty() || !token(method)) {
            throw new MalformedRequestException("the method is not a token");
        }
        if (target.isEmpty()) {
            throw new MalformedRequestException("empty request target");
        }
        for (int i = 0; i < target.length(); i++) {
            char c = target.charAt(i);
            if (c <= 0x20 || c >= 0x7f) {
                throw new MalformedRequestException("the request target holds a byte that is not visible ASCII");
            }
        }
        if (!version.equals("HTTP/1.1") && !version.equals("HTTP/1.0")) {
            throw new MalformedRequestException(version.startsWith("HTTP/") ? "only HTTP/1.0 and HTTP/1.1 are spoken here"
                    : "the request line must end with HTTP/1.1");
        }
        List<HttpHeader> headers = new ArrayList<>();
        while (true) {
            String line = line(in, maxLine, budget, false, 431);
            if (line == null) {
                throw new MalformedRequestException("the connection ended inside the request head");
            }
            if (line.isEmpty()) {
                return new HttpRequestHead(method, target, version, headers);
            }
            if (headers.size() >= maxHeaders) {
                throw new MalformedRequestException(431, "more than " + maxHeaders + " header fields");
            }
            char first = line.charAt(0);
            if (first == ' ' || first == '\t') {
                throw new MalformedRequestException("folded header lines (obs-fold) are not accepted");
            }
            int colon = line.indexOf(':');
            if (colon <= 0) {
                throw new MalformedRequestException("a header line without a name and a colon");
            }
            String name = line.substring(0, colon);
            if (!token(name)) {
                throw new MalformedRequestException("header name \"" + printable(name) + "\" is not a token");
            }
            String value = line.substring(colon + 1).strip();
            for (int i = 0; i < value.length(); i++) {
                char c = value.charAt(i);
                if ((c < 0x20 && c != '\t') || c == 0x7f) {
                    throw new MalformedRequestException("header " + name + " holds a control character");
                }
            }
            headers.add(new HttpHeader(name, value));
        }
    }

    /**
     * One line without its CRLF (or bare LF), decoded byte for char (ISO-8859-1). Null at end of stream
     * before any byte when {@code eofAllowed}.
     */
    private static String line(InputStream in, int maxLine, int[] budget, boolean eofAllowed, int tooLong)
            throws IOException, MalformedRequestException {
        StringBuilder out = new StringBuilder(64);
        while (true) {
            int b = in.read();
            if (b < 0) {
                if (out.isEmpty() && eofAllowed) {
                    return null;
                }
                throw new MalformedRequestException("the connection ended inside the request head");
            }
            if (--budget[0] < 0) {
                throw new MalformedRequestException(431, "the request head is larger than allowed");
            }
            if (b == '\n') {
                return out.toString();
            }
            if (b == '\r') {
                int next = in.read();
                if (next != '\n') {
                    throw new MalformedRequestException("a CR not followed by LF");
                }
                --budget[0];
                return out.toString();
            }
            if (b == 0) {
                throw new MalformedRequestException("a NUL byte in the request head");
            }
            if (out.length() >= maxLine) {
                throw new MalformedRequestException(tooLong, "a line of the request head is longer than " + maxLine + " bytes");
            }
            out.append((char) b);
        }
    }

    /** RFC 9110 token characters. */
    static boolean token(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || "!#$%&'*+-.^_`|~".indexOf(c) >= 0;
            if (!ok) {
                return false;
            }
        }
        return !text.isEmpty();
    }

    /** Text with anything but visible ASCII escaped, bounded, for messages. */
    public static String printable(String text) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < text.length() && out.length() < 120; i++) {
            char c = text.charAt(i);
            if (c >= 0x20 && c < 0x7f && c != '"' && c != '\\') {
                out.append(c);
            } else {
                out.append(String.format("\\x%02x", (int) c & 0xff));
            }
        }
        return out.length() >= 120 ? out + "..." : out.toString();
    }
}
