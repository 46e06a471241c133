package dev.warden.cli;

/** A mistake the person can fix (bad option, broken configuration): printed as one line, exit code 2. */
final class UserError extends RuntimeException {
    UserError(String message) {
        super(message);
    }
}
