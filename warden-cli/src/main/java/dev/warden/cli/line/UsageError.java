package dev.warden.cli.line;

/**
 * The arguments do not fit the command (unknown option, missing value, ...): one line for the person, then a pointer
 * to the help of the command they were typing ({@link #command()}, e.g. {@code warden audit tail}).
 */
public final class UsageError extends RuntimeException {
    private final String command;

    public UsageError(String message, String command) {
        super(message);
        this.command = command;
    }

    /** Thrown below the parser, which fills in the command when it passes by. */
    UsageError(String message) {
        this(message, null);
    }

    /** The command whose help the person should read, e.g. {@code warden check}; {@code null} if not known. */
    public String command() {
        return command;
    }
}
