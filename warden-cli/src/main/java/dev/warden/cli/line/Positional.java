package dev.warden.cli.line;

/** The positional arguments of a command, as one run of {@code min} to {@code max} values under one label. */
public record Positional(String label, String description, int min, int max) {
    public Positional {
        if (min < 0 || max < min || max == 0) {
            throw new IllegalArgumentException(label + ": bad arity " + min + ".." + max);
        }
    }

    /** {@code CMD...}: one or more. */
    public static Positional oneOrMore(String label, String description) {
        return new Positional(label, description, 1, Integer.MAX_VALUE);
    }

    /** {@code [DIR]}: none or one. */
    public static Positional optional(String label, String description) {
        return new Positional(label, description, 0, 1);
    }

    String synopsis() {
        String many = max > 1 ? label + "..." : label;
        return min == 0 ? "[" + many + "]" : many;
    }
}
