package dev.warden.policy.shell;

import dev.warden.core.Words;
import java.util.List;
import java.util.Objects;


/**
 * One simple command: its words after quote removal, and the operator that follows it.
 *
 * @param words         the command name and its arguments, exactly as the shell passes them (never empty)
 * @param operatorAfter {@code "&&"}, {@code "||"}, {@code ";"}, {@code "|"}, {@code "\n"}, or {@code ""} for the
 *                      last command of the script (a trailing {@code ;} or newline is not reported)
 */
public record SimpleCommand(List<String> words, String operatorAfter) {
    public SimpleCommand {
        words = Words.of(words);
        if (words.isEmpty()) {
            throw new IllegalArgumentException("a simple command has at least its command name");
        }
        Objects.requireNonNull(operatorAfter, "operatorAfter");
    }
}
