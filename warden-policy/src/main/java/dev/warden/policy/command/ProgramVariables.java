package dev.warden.policy.command;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Programs named through variables: {@code PY=$(which python3); $PY -c ...} or {@code cmd="base64 -d"; ... | $cmd}.
 * Hiding the program's name behind a variable is a cheap way past a check that judges by name ({@code a=rm; $a -rf
 * /usr}), so both the danger checks and the risk engine judge {@code $PY} as the program it was set to.
 */
public final class ProgramVariables {
    private ProgramVariables() {
    }

    /** After {@code NAME=}: $(which prog ...), `command -v prog`, with optional quotes. */
    private static final Pattern LOOKUP = Pattern.compile(
            "[\"']?(?:\\$\\(|`)\\s*(?:which|command\\s+-v|type\\s+-p|whereis)\\s+[\"']?([A-Za-z0-9_.+-]+)");

    /**
     * The words variable {@code name} stands for as a program: a lookup in {@code source} ({@code NAME=$(which
     * prog)}, the last one wins), else its last literal assignment among {@code assignments}; null when neither.
     * Worked out per variable met in command position, so a script whose commands name none pays nothing.
     */
    static List<String> valueOf(String name, String source, List<String> assignments) {
        String lookedUp = null;
        String prefix = name + "=";
        for (int at = source.indexOf(prefix); at >= 0; at = source.indexOf(prefix, at + 1)) {
            if (at > 0 && (Character.isLetterOrDigit(source.charAt(at - 1)) || source.charAt(at - 1) == '_')) {
                continue;
            }
            Matcher m = LOOKUP.matcher(source).region(at + prefix.length(), source.length());
            if (m.lookingAt()) {
                lookedUp = m.group(1);
            }
        }
        if (lookedUp != null) {
            return List.of(lookedUp);
        }
        List<String> literal = null;
        for (String assignment : assignments) {
            if (assignment.startsWith(prefix)) {
                String value = assignment.substring(prefix.length()).strip();
                if (!value.isEmpty() && Character.isLetter(value.charAt(0)) && value.chars().allMatch(c -> c == ' '
                        || c == '-' || c == '.' || c == '_' || c == '/' || Character.isLetterOrDigit(c))) {
                    literal = List.of(value.split(" +"));
                }
            }
        }
        return literal;
    }

    /** Whether {@code word} is {@code $NAME} or {@code ${NAME}}: a program {@link #resolve} may tell. */
    public static boolean namesAVariable(String word) {
        if (word.length() < 2 || word.charAt(0) != '$') {
            return false;
        }
        char next = word.charAt(1);
        return next == '{' || next == '_' || Character.isLetter(next);
    }

    /**
     * {@code words} with a leading {@code $NAME} or {@code ${NAME}} replaced by what NAME stands for in {@code source}
     * ({@link #valueOf}); a variable set elsewhere is read by its name, the shell convention for such variables
     * ({@code $PYTHON}, {@code $which_gpg}, {@code $OPENSSL_BIN}).
     *
     * @param assignments the script's literal {@code NAME=value} words, quotes removed ({@link RawScript.Scan})
     */
    public static List<String> resolve(List<String> words, String source, List<String> assignments) {
        String first = words.getFirst();
        if (!namesAVariable(first)) {
            return words;
        }
        String name = first.startsWith("${") && first.endsWith("}") ? first.substring(2, first.length() - 1) : first.substring(1);
        List<String> value = valueOf(name, source, assignments);
        if (value == null) {
            String guess = byName(name);
            if (guess == null) {
                return words;
            }
            value = List.of(guess);
        }
        List<String> out = new ArrayList<>(value);
        out.addAll(words.subList(1, words.size()));
        return out;
    }

    /** The program a variable is named after: which_gpg, GPG_BIN, PYTHON_CMD give gpg, gpg, python; else null. */
    private static String byName(String variable) {
        String n = variable.toLowerCase(Locale.ROOT);
        for (String prefix : new String[] {"which_", "path_to_", "path_"}) {
            if (n.startsWith(prefix)) {
                n = n.substring(prefix.length());
            }
        }
        for (String suffix : new String[] {"_bin", "_path", "_cmd", "_exe", "_prog", "_binary"}) {
            if (n.endsWith(suffix)) {
                n = n.substring(0, n.length() - suffix.length());
            }
        }
        if (n.isEmpty() || !n.chars().allMatch(c -> Character.isLetterOrDigit(c) || c == '-')
                || n.chars().noneMatch(Character::isLetter) || n.length() < 2) {
            return null;
        }
        return n;
    }
}
