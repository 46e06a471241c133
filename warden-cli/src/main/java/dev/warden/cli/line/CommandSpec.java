package dev.warden.cli.line;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * One command, as data: name, description (lines as authored), options, positionals, subcommands, mutually exclusive
 * option groups, footer, and what it runs. Every command also gets {@code -h/--help}; a command with a
 * {@link Builder#version version} text gets {@code -V/--version}.
 *
 * @param subcommands the names of the subcommands, in the order help lists them
 * @param subcommand builds the spec of one of them by name: only the invoked one is built (help builds them all)
 * @param stopAtPositional everything from the first positional on is a positional ({@code warden exec make -j4}
 *     passes {@code -j4} to make): for commands that run another program's command line
 * @param exclusive groups of option keys of which at most one may be given
 * @param version the text {@code --version} prints, or {@code null} for no such option
 */
public record CommandSpec(String name, List<String> description, List<OptionSpec> options, Positional positional,
        List<String> subcommands, Function<String, CommandSpec> subcommand, List<List<String>> exclusive,
        List<String> footer, boolean stopAtPositional, Supplier<String> version, CommandAction action) {

    static final OptionSpec HELP = OptionSpec.flag("Show this help message and exit.", "-h", "--help");
    static final OptionSpec VERSION = OptionSpec.flag("Print version information and exit.", "-V", "--version");

    public CommandSpec {
        description = List.copyOf(description);
        options = List.copyOf(options);
        subcommands = List.copyOf(subcommands);
        List<List<String>> groups = new ArrayList<>();
        for (List<String> group : exclusive) {
            groups.add(List.copyOf(group));
        }
        exclusive = List.copyOf(groups);
        footer = List.copyOf(footer);
        if (positional != null && !subcommands.isEmpty()) {
            throw new IllegalArgumentException(name + ": a command takes positionals or subcommands, not both");
        }
        Set<String> names = new HashSet<>();
        for (OptionSpec option : allOptions(options, version)) {
            for (String n : option.names()) {
                if (!names.add(n)) {
                    throw new IllegalArgumentException(name + ": option " + n + " declared twice");
                }
            }
        }
        for (List<String> group : exclusive) {
            for (String key : group) {
                if (!names.contains(key)) {
                    throw new IllegalArgumentException(name + ": exclusive group names unknown option " + key);
                }
            }
        }
    }

    public static Builder named(String name) {
        return new Builder(name);
    }

    /** Builds the spec of subcommand {@code name}, checking it is the one asked for. */
    CommandSpec subcommandSpec(String name) {
        CommandSpec spec = subcommand.apply(name);
        if (!spec.name().equals(name)) {
            throw new IllegalStateException(this.name + " " + name + " built a spec named " + spec.name());
        }
        return spec;
    }

    /** The declared options plus {@code --help} (and {@code --version} where there is one). */
    List<OptionSpec> allOptions() {
        return allOptions(options, version);
    }

    private static List<OptionSpec> allOptions(List<OptionSpec> declared, Supplier<String> version) {
        List<OptionSpec> all = new ArrayList<>(declared);
        all.add(HELP);
        if (version != null) {
            all.add(VERSION);
        }
        return all;
    }

    /** Assembles a {@link CommandSpec}; every method returns this builder. */
    public static final class Builder {
        private final String name;
        private final List<String> description = new ArrayList<>();
        private final List<OptionSpec> options = new ArrayList<>();
        private Positional positional;
        private final List<String> subcommands = new ArrayList<>();
        private Function<String, CommandSpec> subcommand;
        private final List<List<String>> exclusive = new ArrayList<>();
        private final List<String> footer = new ArrayList<>();
        private boolean stopAtPositional;
        private Supplier<String> version;

        private Builder(String name) {
            this.name = name;
        }

        /** Lines printed as written under the usage line; the first one also lists this command in its parent's help. */
        public Builder description(String... lines) {
            description.addAll(Arrays.asList(lines));
            return this;
        }

        public Builder option(OptionSpec option) {
            options.add(option);
            return this;
        }

        /** A shared set of options (e.g. the audit filters several commands take). */
        public Builder options(List<OptionSpec> shared) {
            options.addAll(shared);
            return this;
        }

        /** Options of which at most one may be given, e.g. {@code --json} and {@code --jsonl}. */
        public Builder exclusive(OptionSpec... group) {
            List<String> keys = new ArrayList<>();
            for (OptionSpec option : group) {
                options.add(option);
                keys.add(option.key());
            }
            exclusive.add(keys);
            return this;
        }

        public Builder positional(Positional p) {
            positional = p;
            return this;
        }

        /**
         * The subcommands by name, and how to build one: typically a {@code switch} on the name, so that neither
         * the others' specs nor their classes are touched when one runs.
         */
        public Builder subcommands(Function<String, CommandSpec> spec, String... names) {
            subcommands.addAll(Arrays.asList(names));
            subcommand = spec;
            return this;
        }

        public Builder stopAtPositional() {
            stopAtPositional = true;
            return this;
        }

        /** Lines printed as written at the end of the help (examples, exit codes). */
        public Builder footer(String... lines) {
            footer.addAll(Arrays.asList(lines));
            return this;
        }

        public Builder version(Supplier<String> text) {
            version = text;
            return this;
        }

        public CommandSpec runs(CommandAction action) {
            return new CommandSpec(name, description, options, positional, subcommands, subcommand, exclusive, footer,
                    stopAtPositional, version, action);
        }
    }
}
