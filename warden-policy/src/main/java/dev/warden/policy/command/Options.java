package dev.warden.policy.command;

/**
 * How command-line options are spelled, so flag checks see an option however it is written: in a cluster of short
 * options ({@code -rf}), attached to its value ({@code -ofile}), or as an abbreviated GNU long option
 * ({@code --out=file} means {@code --output=file} to getopt_long).
 */
public final class Options {
    private Options() {
    }

    /** The program's name for the known-safe list: a bare name, or a path in /bin or /usr/bin; otherwise null. */
    static String safeProgramName(String argv0) {
        if (argv0.indexOf('/') < 0) {
            return argv0;
        }
        // A program given by path counts only where the system keeps its own binaries: ./ls or ~/bin/cat could be
        // anything the agent wrote.
        for (String dir : new String[] {"/bin/", "/usr/bin/"}) {
            if (argv0.startsWith(dir)) {
                String name = argv0.substring(dir.length());
                if (!name.isEmpty() && name.indexOf('/') < 0 && !name.equals(".") && !name.equals("..")) {
                    return name;
                }
            }
        }
        return null;
    }

    /** The last path component, for danger checks: {@code /usr/local/bin/rm} is still rm. */
    public static String basename(String argv0) {
        int end = argv0.length();
        while (end > 1 && argv0.charAt(end - 1) == '/') {
            end--;
        }
        int slash = argv0.lastIndexOf('/', end - 1);
        return argv0.substring(slash + 1, end);
    }

    /** Whether {@code arg} is a cluster of short options such as {@code -rf}: one dash, then at least one letter. */
    public static boolean isShortCluster(String arg) {
        return arg.length() > 1 && arg.charAt(0) == '-' && arg.charAt(1) != '-';
    }

    /**
     * Whether a short-option cluster contains one of {@code wanted}, reading it the way getopt does: letters are
     * flags until one that takes a value, after which the rest of the word is that value.
     */
    public static boolean clusterHas(String arg, String wanted, String takesValue) {
        if (!isShortCluster(arg)) {
            return false;
        }
        for (int i = 1; i < arg.length(); i++) {
            char c = arg.charAt(i);
            if (wanted.indexOf(c) >= 0) {
                return true;
            }
            if (takesValue.indexOf(c) >= 0) {
                return false;
            }
        }
        return false;
    }

    /** Whether the cluster ends with a letter that takes its value from the next word ({@code -o file}). */
    static boolean clusterTakesNext(String arg, String takesValue) {
        if (!isShortCluster(arg)) {
            return false;
        }
        for (int i = 1; i < arg.length(); i++) {
            if (takesValue.indexOf(arg.charAt(i)) >= 0) {
                return i == arg.length() - 1;
            }
        }
        return false;
    }

    /**
     * Whether {@code arg} names the long option {@code name}, written out or abbreviated as getopt_long and git's
     * parse-options accept ({@code --out}, {@code --output=x}). Any prefix counts, even an ambiguous one: the
     * caller wants to know whether the option might be meant.
     */
    public static boolean isLong(String arg, String name) {
        if (!arg.startsWith("--") || arg.length() == 2) {
            return false;
        }
        int eq = arg.indexOf('=');
        String body = eq < 0 ? arg.substring(2) : arg.substring(2, eq);
        return !body.isEmpty() && name.startsWith(body);
    }

    /** Whether {@code arg} is exactly {@code --name} or {@code --name=value}, without abbreviation. */
    public static boolean isLongExact(String arg, String name) {
        return arg.startsWith("--") && arg.startsWith(name, 2)
                && (arg.length() == name.length() + 2 || arg.charAt(name.length() + 2) == '=');
    }

    /** Whether a long option is written with its value attached ({@code --output=x}). */
    public static boolean hasInlineValue(String arg) {
        return arg.indexOf('=') > 0;
    }
}
