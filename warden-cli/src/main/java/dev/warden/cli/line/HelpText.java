package dev.warden.cli.line;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * A command's {@code --help}, from its spec: the usage line, the description as authored, positionals and options
 * (its own and those inherited from its parents) with labels and descriptions, its subcommands, and the footer.
 * The layout follows what picocli printed, so the texts people know stay where they were.
 */
final class HelpText {
    static final int WIDTH = 80;
    /** Where option descriptions start, and how much deeper their continuation lines go. */
    private static final int DESCRIPTION_COLUMN = 23;
    private static final int CONTINUATION = 2;

    private HelpText() {}

    static String render(List<CommandSpec> chain) {
        CommandSpec command = chain.getLast();
        List<OptionSpec> options = optionsInScope(chain);
        StringBuilder out = new StringBuilder();
        usage(out, ArgumentParser.path(chain), command, options);
        for (String line : command.description()) {
            out.append(line).append('\n');
        }
        out.append('\n');
        if (command.positional() != null) {
            Positional p = command.positional();
            row(out, "      " + (p.max() > 1 ? p.label() + "..." : p.label()), p.description());
        }
        for (OptionSpec option : options) {
            row(out, names(option), option.description());
        }
        if (!command.subcommands().isEmpty()) {
            out.append("\nCommands:\n");
            int width = 0;
            for (String name : command.subcommands()) {
                width = Math.max(width, name.length());
            }
            for (String name : command.subcommands()) {
                List<String> description = command.subcommandSpec(name).description();
                String head = "  " + name + " ".repeat(width - name.length() + 2);
                out.append(head);
                wrap(out, description.isEmpty() ? "" : description.getFirst(), head.length(),
                        head.length() + CONTINUATION);
            }
        }
        for (String line : command.footer()) {
            out.append(line).append('\n');
        }
        return out.toString();
    }

    /** The command's options and those its parents pass down, sorted by name as picocli did ({@code -c} by "c"). */
    static List<OptionSpec> optionsInScope(List<CommandSpec> chain) {
        List<OptionSpec> options = new ArrayList<>();
        for (CommandSpec parent : chain.subList(0, chain.size() - 1)) {
            for (OptionSpec option : parent.options()) {
                if (option.passesDown()) {
                    options.add(option);
                }
            }
        }
        options.addAll(chain.getLast().allOptions());
        options.sort(Comparator.comparing(HelpText::sortKey));
        return options;
    }

    private static String sortKey(OptionSpec option) {
        return option.key().substring(option.key().startsWith("--") ? 2 : 1).toLowerCase(java.util.Locale.ROOT);
    }

    private static void usage(StringBuilder out, String path, CommandSpec command, List<OptionSpec> options) {
        List<String> items = new ArrayList<>();
        items.add(command.version() == null ? "[-h]" : "[-hV]");
        List<String> grouped = new ArrayList<>();
        for (List<String> group : command.exclusive()) {
            grouped.addAll(group);
        }
        List<String> valued = new ArrayList<>();
        for (OptionSpec option : options) {
            if (option == CommandSpec.HELP || option == CommandSpec.VERSION || grouped.contains(option.key())) {
                continue;
            }
            if (!option.takesValue()) {
                items.add("[" + option.key() + "]");
            } else {
                valued.add("[" + option.key() + "=" + label(option) + "]" + (option.repeats() ? "..." : ""));
            }
        }
        items.addAll(valued);
        for (List<String> group : command.exclusive()) {
            items.add("[" + String.join(" | ", group) + "]");
        }
        if (command.positional() != null) {
            items.add(command.positional().synopsis());
        }
        if (!command.subcommands().isEmpty()) {
            items.add("[COMMAND]");
        }
        String head = "Usage: " + path + " ";
        out.append(head);
        wrap(out, items, head.length(), head.length());
    }

    private static String label(OptionSpec option) {
        return option.split() == null ? option.label()
                : option.label() + "[" + option.split() + option.label() + "...]";
    }

    /** {@code "  -n, --lines=N"}, {@code "  -c=KEY=VALUE"} or {@code "      --cwd=DIR"}. */
    private static String names(OptionSpec option) {
        String shortName = null;
        String longName = null;
        for (String name : option.names()) {
            if (name.startsWith("--")) {
                longName = name;
            } else {
                shortName = name;
            }
        }
        String value = option.takesValue() ? "=" + label(option) : "";
        if (longName == null) {
            return "  " + shortName + value;
        }
        return (shortName == null ? "      " : "  " + shortName + ", ") + longName + value;
    }

    private static void row(StringBuilder out, String names, String description) {
        out.append(names);
        if (names.length() > DESCRIPTION_COLUMN - 2) {
            out.append('\n').append(" ".repeat(DESCRIPTION_COLUMN));
        } else {
            out.append(" ".repeat(DESCRIPTION_COLUMN - names.length()));
        }
        wrap(out, description, DESCRIPTION_COLUMN, DESCRIPTION_COLUMN + CONTINUATION);
    }

    /** Appends {@code text} word-wrapped at {@link #WIDTH}, the cursor at {@code column}, later lines at {@code indent}. */
    private static void wrap(StringBuilder out, String text, int column, int indent) {
        wrap(out, List.of(text.split(" ")), column, indent);
    }

    /** Appends {@code words} (which are never broken, e.g. {@code [--json | --jsonl]}) separated by spaces, wrapped. */
    private static void wrap(StringBuilder out, List<String> words, int column, int indent) {
        int at = column;
        boolean first = true;
        for (String word : words) {
            if (!first && at + 1 + word.length() > WIDTH) {
                out.append('\n').append(" ".repeat(indent));
                at = indent;
            } else if (!first) {
                out.append(' ');
                at++;
            }
            out.append(word);
            at += word.length();
            first = false;
        }
        out.append('\n');
    }
}
