package dev.warden.proxy.wire;

import java.util.Locale;
import java.util.Objects;

/**
 * The target of a plain proxied request, {@code http://host[:port]/path?query}, split into the authority
 * the policy decides on and the origin-form target sent to the destination.
 */
public record AbsoluteTarget(Authority authority, String originForm) {
    public AbsoluteTarget {
        Objects.requireNonNull(authority, "authority");
        Objects.requireNonNull(originForm, "originForm");
    }

    public static AbsoluteTarget parse(String target) throws MalformedRequestException {
        int schemeEnd = target.indexOf("://");
        if (schemeEnd < 0) {
            throw new MalformedRequestException(target.startsWith("/")
                    ? "this is a proxy: send absolute-form requests (GET http://host/path) or CONNECT host:port"
                    : "the request target is not an http:// URL");
        }
        String scheme = target.substring(0, schemeEnd).toLowerCase(Locale.ROOT);
        if (!scheme.equals("http")) {
            throw new MalformedRequestException(scheme.equals("https") || scheme.equals("wss")
                    ? "send " + scheme + ":// through a CONNECT tunnel (the proxy does not terminate TLS)"
                    : "only http:// URLs are forwarded; use CONNECT for other protocols");
        }
        int start = schemeEnd + 3;
        int end = start;
        while (end < target.length() && "/?#".indexOf(target.charAt(end)) < 0) {
            end++;
        }
        Authority authority = Authority.parse(target.substring(start, end), 80);
        String rest = target.substring(end);
        int fragment = rest.indexOf('#');
        if (fragment >= 0) {
            rest = rest.substring(0, fragment); // a fragment never goes on the wire
        }
        if (rest.isEmpty()) {
            rest = "/";
        } else if (rest.startsWith("?")) {
            rest = "/" + rest;
        }
        return new AbsoluteTarget(authority, rest);
    }
}
