package dev.warden.policy.network;

import java.io.Serial;

/**
 * A host name or pattern Warden refuses to interpret: it contains NUL or control characters, is too
 * long, is not valid IDNA, or is a numeric address that does not parse. The message says which.
 */
public final class InvalidHostException extends Exception {
    @Serial
    private static final long serialVersionUID = 1L;

    public InvalidHostException(String message) {
        super(message);
    }
}
