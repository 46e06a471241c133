package dev.warden.proxy.wire;

import java.io.Serial;

/** A request the proxy will not read further, with the HTTP status that says why (400, 414, 431). */
public final class MalformedRequestException extends Exception {
    @Serial
    private static final long serialVersionUID = 1L;

    private final int status;

    public MalformedRequestException(int status, String message) {
        super(message);
        this.status = status;
    }

    public MalformedRequestException(String message) {
        this(400, message);
    }

    public int status() {
        return status;
    }
}
