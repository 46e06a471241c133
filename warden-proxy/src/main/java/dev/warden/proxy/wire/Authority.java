package dev.warden.proxy.wire;

import java.util.Objects;

/**
 * {@code host:port} as a client wrote it in a CONNECT line or a URL: the host still raw (it is
 * canonicalised by the policy), the port checked. IPv6 hosts keep their brackets.
 */
public record Authority(String host, int port) {
    public Authority {
        Objects.requireNonNull(host, "host");
    }

    /** Parses {@code host:port}, {@code [v6]:port}, or, when {@code defaultPort > 0}, a host alone. */
    public static Authority parse(String text, int defaultPort) throws MalformedRequestException {
        if (text.isEmpty()) {
            throw new MalformedRequestException("empty host");
        }
        if (text.indexOf('@') >= 0) {
            // "http://allowed.example@evil.example/": user information is where confusion attacks live.
            throw new MalformedRequestException("user information (user@host) is not accepted in a proxy request");
        }
        String host;
        String port = null;
        if (text.startsWith("[")) {
            int close = text.indexOf(']');
            if (close < 0) {
                throw new MalformedRequestException("unbalanced '[' in \"" + HttpHeadReader.printable(text) + "\"");
            }
            host = text.substring(0, close + 1);
            String rest = text.substring(close + 1);
            if (!rest.isEmpty()) {
                if (!rest.startsWith(":")) {
                    throw new MalformedRequestException("expected :PORT after ']'");
                }
                port = rest.substring(1);
            }
        } else {
            int colon = text.lastIndexOf(':');
            if (colon >= 0 && text.indexOf(':') != colon) {
                throw new MalformedRequestException("an IPv6 address must be in brackets: [" + HttpHeadReader.printable(text) + "]");
            }
            host = colon >= 0 ? text.substring(0, colon) : text;
            port = colon >= 0 ? text.substring(colon + 1) : null;
        }
        if (host.isEmpty()) {
            throw new MalformedRequestException("empty host");
        }
        if (port == null) {
            if (defaultPort <= 0) {
                throw new MalformedRequestException("CONNECT needs host:port");
            }
            return new Authority(host, defaultPort);
        }
        return new Authority(host, port(port));
    }

    static int port(String text) throws MalformedRequestException {
        if (text.isEmpty() || text.length() > 5 || !text.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new MalformedRequestException("port \"" + HttpHeadReader.printable(text) + "\" is not a number");
        }
        int port = Integer.parseInt(text);
        if (port < 1 || port > 65535) {
            throw new MalformedRequestException("port " + port + " is out of range");
        }
        return port;
    }
}
