package dev.warden.agents.session;

/** Nothing was started: the host cannot enforce the configuration, or the sandbox could not be built. */
public final class SessionRefused extends Exception {
    public SessionRefused(String message) {
        super(message);
    }

    public SessionRefused(String message, Throwable cause) {
        super(message, cause);
    }
}
