package dev.warden.audit;

/**
 * The audit trail cannot do its job: the store cannot be opened or written (full disk, read-only file,
 * locked, corrupt) or does not verify. The message is one line a person can act on: what, where, what to do.
 */
public final class AuditException extends RuntimeException {
    public AuditException(String message) {
        super(message);
    }

    public AuditException(String message, Throwable cause) {
        super(message, cause);
    }
}
