package dev.warden.proxy;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The credentials issued for one proxy. Only SHA-256 digests of tokens are kept as keys, so a lookup
 * compares digests, never the secret itself, and a heap dump of the map does not hold usable tokens.
 */
final class CredentialStore {
    static final String USER = "warden";

    private final SecureRandom random = new SecureRandom();
    private final ConcurrentHashMap<String, ProxyCredential> byDigest = new ConcurrentHashMap<>();

    ProxyCredential issue(String session, Optional<String> command, String host, int port) {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        ProxyCredential credential = new ProxyCredential(session, command, USER, token, host, port);
        byDigest.put(digest(token), credential);
        return credential;
    }

    void revoke(ProxyCredential credential) {
        byDigest.remove(digest(credential.token()));
    }

    Optional<ProxyCredential> lookup(String user, String token) {
        if (token.isEmpty() || token.length() > 512) {
            return Optional.empty();
        }
        ProxyCredential found = byDigest.get(digest(token));
        if (found == null || !MessageDigest.isEqual(found.user().getBytes(StandardCharsets.UTF_8),
                user.getBytes(StandardCharsets.UTF_8))) {
            return Optional.empty();
        }
        return Optional.of(found);
    }

    /** {@code Proxy-Authorization: Basic base64(user:token)}. */
    Optional<ProxyCredential> lookupBasic(String header) {
        String value = header.strip();
        int space = value.indexOf(' ');
        if (space < 0 || !value.substring(0, space).equalsIgnoreCase("basic")) {
            return Optional.empty();
        }
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(value.substring(space + 1).strip()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        int colon = decoded.indexOf(':');
        if (colon < 0) {
            return Optional.empty();
        }
        return lookup(decoded.substring(0, colon), decoded.substring(colon + 1));
    }

    /** Cloned per lookup: {@code getInstance} searches the security providers every time it is called. */
    private static final MessageDigest SHA_256;

    static {
        try {
            SHA_256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }

    private static String digest(String token) {
        MessageDigest sha256;
        try {
            sha256 = (MessageDigest) SHA_256.clone();
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException("the SHA-256 implementation cannot be cloned", e);
        }
        return HexFormat.of().formatHex(sha256.digest(token.getBytes(StandardCharsets.UTF_8)));
    }
}
