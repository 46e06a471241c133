package dev.warden.cli.line;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A parsed command line: the command chain ({@code warden}, {@code audit}, {@code tail}), each option's values
 * (already converted to their {@link ValueType}) and the positionals. Options are read by any of their names;
 * reading one the chain does not declare is a bug in Warden and fails loudly.
 */
public final class ParsedLine {
    private final List<CommandSpec> chain;
    private final Map<String, OptionSpec> declared = new HashMap<>();
    private final Map<String, List<Object>> values;
    private final List<String> positionals;

    ParsedLine(List<CommandSpec> chain, Map<String, List<Object>> values, List<String> positionals) {
        this.chain = List.copyOf(chain);
        this.values = values;
        this.positionals = List.copyOf(positionals);
        for (CommandSpec command : this.chain) {
            for (OptionSpec option : command.allOptions()) {
                for (String name : option.names()) {
                    declared.put(name, option);
                }
            }
        }
    }

    /** The invoked command, last of the chain. */
    public CommandSpec command() {
        return chain.getLast();
    }

    /** How the person names the command: {@code warden audit tail}. */
    public String commandPath() {
        return ArgumentParser.path(chain);
    }

    /** Whether a flag was given. */
    public boolean flag(String name) {
        return !all(name).isEmpty();
    }

    public Optional<String> text(String name) {
        return Optional.ofNullable((String) last(name));
    }

    public String text(String name, String fallback) {
        return text(name).orElse(fallback);
    }

    /** Every value of a repeatable option, in the order given (split ones already split). */
    public List<String> texts(String name) {
        List<String> out = new ArrayList<>();
        for (Object value : all(name)) {
            out.add((String) value);
        }
        return List.copyOf(out);
    }

    public int integer(String name, int fallback) {
        Object value = last(name);
        return value == null ? fallback : (Integer) value;
    }

    public long longInteger(String name, long fallback) {
        Object value = last(name);
        return value == null ? fallback : (Long) value;
    }

    public Optional<Path> path(String name) {
        return Optional.ofNullable((Path) last(name));
    }

    public List<String> positionals() {
        return positionals;
    }

    /** The positional of a {@code 0..1} command, if given. */
    public Optional<String> positional() {
        return positionals.isEmpty() ? Optional.empty() : Optional.of(positionals.getFirst());
    }

    /** A usage error found while running (e.g. "missing a command"): printed like the parser's own. */
    public UsageError usageError(String message) {
        return new UsageError(message, commandPath());
    }

    private Object last(String name) {
        List<Object> all = all(name);
        return all.isEmpty() ? null : all.getLast();
    }

    private List<Object> all(String name) {
        OptionSpec option = declared.get(name);
        if (option == null) {
            throw new IllegalStateException(commandPath() + " does not declare option " + name);
        }
        return values.getOrDefault(option.key(), List.of());
    }
}
