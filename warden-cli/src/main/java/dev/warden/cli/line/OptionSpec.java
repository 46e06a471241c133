package dev.warden.cli.line;

import java.util.List;

/**
 * One option: its names ({@code -n}, {@code --lines}), the label of its value ({@code null} for a flag), what it
 * does, and how its value is read. Build with {@link #flag} or {@link #value}, then refine with the withers.
 *
 * @param split a separator that splits each occurrence into several values ({@code --type a,b}), or {@code null}
 * @param repeats may be given many times; every value is kept, in order
 * @param passesDown accepted by every subcommand below the declaring command too, before or after their names
 */
public record OptionSpec(List<String> names, String label, String description, ValueType type, boolean repeats,
        String split, boolean passesDown) {

    public OptionSpec {
        names = List.copyOf(names);
        if (names.isEmpty()) {
            throw new IllegalArgumentException("an option needs a name");
        }
        for (String name : names) {
            if (!wellFormed(name)) {
                throw new IllegalArgumentException("not an option name: " + name);
            }
        }
        if (label == null && (repeats || split != null || type != ValueType.TEXT)) {
            throw new IllegalArgumentException(names + ": a flag takes no value");
        }
    }

    /** An option that is on or off: {@code --json}. */
    public static OptionSpec flag(String description, String... names) {
        return new OptionSpec(List.of(names), null, description, ValueType.TEXT, false, null, false);
    }

    /** An option with a text value: {@code --profile NAME} or {@code --profile=NAME}. */
    public static OptionSpec value(String label, String description, String... names) {
        return new OptionSpec(List.of(names), label, description, ValueType.TEXT, false, null, false);
    }

    public OptionSpec as(ValueType valueType) {
        return new OptionSpec(names, label, description, valueType, repeats, split, passesDown);
    }

    /** May be given many times; every value is kept, in order. */
    public OptionSpec repeatable() {
        return new OptionSpec(names, label, description, type, true, split, passesDown);
    }

    /** Repeatable, and each occurrence is split at {@code separator}. */
    public OptionSpec splitAt(String separator) {
        return new OptionSpec(names, label, description, type, true, separator, passesDown);
    }

    /** Accepted by every subcommand below the declaring command too, before or after their names. */
    public OptionSpec inherited() {
        return new OptionSpec(names, label, description, type, repeats, split, true);
    }

    public boolean takesValue() {
        return label != null;
    }

    /** The name results are filed under and messages use: the longest one ({@code --lines}, not {@code -n}). */
    public String key() {
        String longest = names.getFirst();
        for (String name : names) {
            if (name.length() > longest.length()) {
                longest = name;
            }
        }
        return longest;
    }

    /** {@code -x} or {@code --lower-case-words}; checked by hand, not by a regex, as this runs on every start. */
    private static boolean wellFormed(String name) {
        if (name.length() == 2) {
            return name.charAt(0) == '-' && Character.isLetter(name.charAt(1));
        }
        if (name.length() < 4 || !name.startsWith("--") || !Character.isLowerCase(name.charAt(2))) {
            return false;
        }
        for (int i = 3; i < name.length(); i++) {
            char c = name.charAt(i);
            if (!(c >= 'a' && c <= 'z') && !(c >= '0' && c <= '9') && c != '-') {
                return false;
            }
        }
        return true;
    }
}
