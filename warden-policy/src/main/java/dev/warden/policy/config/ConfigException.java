package dev.warden.policy.config;

import java.io.Serial;

/**
 * Configuration that Warden refuses to run with. The message is one line a person can act on: what is
 * wrong, where (file:line:column, or key path and layer) and, when it is not obvious, what to do.
 */
public final class ConfigException extends Exception {
    @Serial
    private static final long serialVersionUID = 1L;

    public ConfigException(String message) {
        super(message);
    }

    public ConfigException(String message, Throwable cause) {
        super(message, cause);
    }
}
