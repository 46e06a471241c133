package dev.warden.policy.rules;

import java.io.Serial;

/** A rules file or table that cannot be loaded; the message reads {@code FILE:LINE:COL: what is wrong; what to do}. */
public final class RuleLoadException extends Exception {
    @Serial
    private static final long serialVersionUID = 1L;

    private final String file;
    private final int line;
    private final int column;

    public RuleLoadException(String file, int line, int column, String message) {
        super(file + ":" + line + ":" + column + ": " + message);
        this.file = file;
        this.line = line;
        this.column = column;
    }

    public String file() {
        return file;
    }

    public int line() {
        return line;
    }

    public int column() {
        return column;
    }
}
