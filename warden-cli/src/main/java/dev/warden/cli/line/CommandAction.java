package dev.warden.cli.line;

/** What a command does with what was parsed; returns the exit status. */
@FunctionalInterface
public interface CommandAction {
    int run(ParsedLine line) throws Exception;
}
