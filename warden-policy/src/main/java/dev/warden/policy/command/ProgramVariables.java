package dev.warden.policy.command;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
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

    /** NAME=$(which prog ...), NAME=`command -v prog`, with optional quotes. */
    private static final Pattern LOOKUP = Pattern.compile(
            "\\b([A-Za-z_][A-Za-z0-9_]*)=[\"']?(?:\\$\\(|`)\\s*(?:which|command\\s+-v|type\\s+-p|whereis)\\s+[\"']?"
                    + "([A-Za-z0-9_.+-]+)");

    /** Variable name to the words it stands for, from lookups in {@code source} and literal {@code assignments}. */
    public static Map<String, List<String>> of(String source, List<String> assignments) {
        Map<String, List<String>> out = new HashMap<>();
        for (String assignment : assignments) {
            int eq = assignment.indexOf('=');
            String value = assignment.substring(eq + 1).strip();
            if (!value.isEmpty() && Character.isLetter(value.charAt(0)) && value.chars().allMatch(c -> c == ' '
                    || c == '-' || c == '.' || c == '_' || c == '/' || Character.isLetterOrDigit(c))) {
                out.put(assignment.substring(0, eq), List.of(value.split(" +")));
            }
        }
        if (source.contains("which") || source.contains("command") || source.contains("type")) {
            Matcher m = LOOKUP.matcher(source);
            while (m.find()) {
                out.put(m.group(1), List.of(m.group(2)));
            }
        }
        return out;
    }

    /**
     * {@code words} with a leading {@code $NAME} or {@code ${NAME}} replaced by what NAME stands for; a variable set
     * elsewhere is read by its name, the shell convention for such variables ({@code $PYTHON}, {@code $which_gpg},
     * {@code $OPENSSL_BIN}).
     */
    public static List<String> resolve(List<String> words, Map<String, List<String>> programs) {
        String first = words.getFirst();
        if (!first.startsWith("$") || first.length() < 2) {
            return words;
        }
        String name = first.startsWith("${") && first.endsWith("}") ? first.substring(2, first.length() - 1) : first.substring(1);
        List<String> value = programs.get(name);
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
