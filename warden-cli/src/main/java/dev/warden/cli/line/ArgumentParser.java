package dev.warden.cli.line;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns {@code args} into a {@link Parsed}, walking down from the root command. Accepted forms: {@code --opt value},
 * {@code --opt=value}, {@code -o value}, {@code -ovalue}, clustered short flags ({@code -fn 5}); {@code --} ends the
 * options; a word names a subcommand where the command has them, else it is a positional. Options marked inherited
 * are accepted by every command below the one declaring them, before or after the subcommand's name.
 */
public final class ArgumentParser {
    private final List<CommandSpec> chain = new ArrayList<>();
    private final Map<String, OptionSpec> scope = new HashMap<>();
    private final Map<String, List<Object>> values = new HashMap<>();
    private final List<String> positionals = new ArrayList<>();
    private final List<String> args;
    private int next;

    private ArgumentParser(CommandSpec root, List<String> args) {
        this.args = args;
        enter(root);
    }

    public static Parsed parse(CommandSpec root, List<String> args) {
        ArgumentParser parser = new ArgumentParser(root, args);
        try {
            return parser.parse();
        } catch (UsageError e) {
            throw e.command() != null ? e : new UsageError(e.getMessage(), path(parser.chain));
        }
    }

    static String path(List<CommandSpec> chain) {
        StringBuilder out = new StringBuilder();
        for (CommandSpec command : chain) {
            out.append(out.isEmpty() ? "" : " ").append(command.name());
        }
        return out.toString();
    }

    private Parsed parse() {
        boolean onlyPositionals = false;
        while (next < args.size()) {
            String arg = args.get(next++);
            if (onlyPositionals) {
                positional(arg);
            } else if (arg.equals("--")) {
                onlyPositionals = true;
            } else if (arg.startsWith("--")) {
                int eq = arg.indexOf('=');
                String name = eq < 0 ? arg : arg.substring(0, eq);
                OptionSpec option = known(name, arg);
                if (option == CommandSpec.HELP || option == CommandSpec.VERSION) {
                    return special(option);
                }
                take(option, name, eq < 0 ? null : arg.substring(eq + 1));
            } else if (arg.startsWith("-") && arg.length() > 1) {
                Parsed special = shortOptions(arg);
                if (special != null) {
                    return special;
                }
            } else if (!current().subcommands().isEmpty()) {
                enter(subcommand(arg));
            } else {
                positional(arg);
                onlyPositionals = current().stopAtPositional();
            }
        }
        check();
        return new Parsed.Run(new ParsedLine(chain, values, positionals));
    }

    /** {@code -c VALUE}, {@code -cVALUE}, {@code -c=VALUE} (as picocli took it), and flags clustered: {@code -fn 5}. */
    private Parsed shortOptions(String arg) {
        for (int i = 1; i < arg.length(); i++) {
            String name = "-" + arg.charAt(i);
            OptionSpec option = known(name, i == 1 ? arg : name);
            if (option == CommandSpec.HELP || option == CommandSpec.VERSION) {
                return special(option);
            }
            if (option.takesValue()) {
                String rest = arg.substring(i + 1);
                take(option, name, rest.isEmpty() ? null : rest.startsWith("=") ? rest.substring(1) : rest);
                return null;
            }
            take(option, name, null);
        }
        return null;
    }

    private Parsed special(OptionSpec option) {
        return option == CommandSpec.HELP ? new Parsed.Help(chain) : new Parsed.Version(current().version().get());
    }

    private OptionSpec known(String name, String typed) {
        OptionSpec option = scope.get(name);
        if (option == null) {
            String hint = Suggestion.closest(name, scope.keySet());
            throw new UsageError("unknown option '" + typed + "'" + (hint == null ? "" : "; did you mean '" + hint + "'?"));
        }
        return option;
    }

    /** Records one occurrence; {@code attached} is the value given in the same argument, else null. */
    private void take(OptionSpec option, String name, String attached) {
        List<Object> list = values.computeIfAbsent(option.key(), k -> new ArrayList<>());
        if (!list.isEmpty() && !option.repeats()) {
            throw new UsageError(option.key() + " given more than once; give it once");
        }
        if (!option.takesValue()) {
            if (attached != null) {
                throw new UsageError(name + " takes no value (got '" + attached + "')");
            }
            list.add(Boolean.TRUE);
            return;
        }
        String raw = attached != null ? attached : value(option, name);
        if (option.split() == null) {
            list.add(option.type().convert(option.key(), raw));
            return;
        }
        int from = 0;
        while (true) {
            int at = raw.indexOf(option.split(), from);
            String part = at < 0 ? raw.substring(from) : raw.substring(from, at);
            list.add(option.type().convert(option.key(), part));
            if (at < 0) {
                break;
            }
            from = at + option.split().length();
        }
    }

    /** The next argument as the option's value, unless it is missing, {@code --}, or one of the options in scope. */
    private String value(OptionSpec option, String name) {
        if (next < args.size()) {
            String candidate = args.get(next);
            int eq = candidate.indexOf('=');
            String asName = candidate.startsWith("--") && eq > 0 ? candidate.substring(0, eq) : candidate;
            if (!candidate.equals("--") && !scope.containsKey(asName)) {
                next++;
                return candidate;
            }
        }
        throw new UsageError("missing a value for " + name + " (" + option.label() + ")");
    }

    private void positional(String arg) {
        Positional positional = current().positional();
        if (positional == null || positionals.size() == positional.max()) {
            throw new UsageError("unexpected argument '" + arg + "'");
        }
        positionals.add(arg);
    }

    private CommandSpec subcommand(String word) {
        if (current().subcommands().contains(word)) {
            return current().subcommandSpec(word);
        }
        String hint = Suggestion.closest(word, current().subcommands());
        throw new UsageError("unknown command '" + word + "'" + (hint == null ? "" : "; did you mean '" + hint + "'?"));
    }

    private void enter(CommandSpec command) {
        // Only options inherited from above stay in scope; the parent's own options end where its subcommand begins.
        scope.values().removeIf(option -> !option.passesDown());
        for (OptionSpec option : command.allOptions()) {
            for (String name : option.names()) {
                if (scope.put(name, option) != null) {
                    throw new IllegalStateException(path(chain) + " " + command.name() + ": option " + name
                            + " is already inherited from a parent command");
                }
            }
        }
        chain.add(command);
    }

    private CommandSpec current() {
        return chain.getLast();
    }

    private void check() {
        Positional positional = current().positional();
        if (positional != null && positionals.size() < positional.min()) {
            String what = positional.description();
            if (what.endsWith(".")) {
                what = what.substring(0, what.length() - 1);
            }
            throw new UsageError("missing " + positional.label() + ": "
                    + Character.toLowerCase(what.charAt(0)) + what.substring(1));
        }
        for (CommandSpec command : chain) {
            for (List<String> group : command.exclusive()) {
                List<String> given = new ArrayList<>();
                for (String key : group) {
                    if (values.containsKey(key)) {
                        given.add(key);
                    }
                }
                if (given.size() > 1) {
                    throw new UsageError(String.join(" and ", given) + " cannot be used together; give one of them");
                }
            }
        }
    }
}
