package dev.warden.sandbox;

/** The host cannot build the requested sandbox; the message says what is missing and what to do. */
public final class SandboxException extends Exception {
    public SandboxException(String message) {
        super(message);
    }

    public SandboxException(String message, Throwable cause) {
        super(message, cause);
    }
}
