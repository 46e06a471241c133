package dev.warden.policy.fs;

import java.io.Serial;

/** A permission profile that cannot be resolved; the message says which profile, which entry and what to change. */
public final class ProfileException extends Exception {
    @Serial
    private static final long serialVersionUID = 1L;

    public ProfileException(String message) {
        super(message);
    }
}
