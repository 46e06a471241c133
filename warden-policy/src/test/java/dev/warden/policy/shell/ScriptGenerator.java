package dev.warden.policy.shell;

import java.util.List;
import java.util.Random;

/**
 * A seeded random grammar of shell scripts: mostly the plain subset with every quoting style, escape, operator,
 * comment and blank, plus words and constructs that must be complex, and characters that only look special.
 * Command names never contain a slash (bash would execute such a file for real).
 */
final class ScriptGenerator {
    private static final String UNQUOTED = "abcdefghijklmnopqrstuvwxyz0123456789ABCXYZ-_.,:=@%^+!#";
    private static final List<String> UNQUOTED_EXTRA = List.of("é", "中", "ü", "😀", "{", "}", "]", "[", "~", "/",
            "{}", "=", "!", "#", "%", "\t", "''");
    private static final String SINGLE_QUOTABLE = "ab \"\\$`*?;|&<>(){}[]~#=!,:%^@\t\né中😀-/";
    private static final String DOUBLE_QUOTABLE = "ab '*?;|&<>(){}[]~#=!,:%^@\t\né中😀-/";
    private static final String ESCAPABLE = " \t;|&()<>'\"\\$`*?[]{}~#=!a,é";
    private static final List<String> OPERATORS = List.of(" && ", "&&", " || ", "||", "; ", ";", " | ", "|", "\n",
            " ;\n", " &&\n  ", "|\\\n", "\n\n", " # note\n", "&&\\\n", " ||\n# why\n", ";\n\n", "\t|\t",
            ";#c\n", "&&#c\n", "|#c\n", "||\\\n", "\\\n&&");
    private static final List<String> REDIRECTS = List.of("2>&1", ">/dev/null", "2>/dev/null", "&>/dev/null",
            "> /dev/null", ">&2", "1>&2", "</dev/null", ">>/dev/null", "2>& 1", "a2>/dev/null",
            "0</dev/null", "2>\\\n/dev/null", "&>\\\n/dev/null", "3>&1", "1>&2#x", "9>/dev/null");
    private static final List<String> NAMES = List.of("in", "'if'", "{}", "!ls", "[", "]]", "=", "a=", "x{", "}",
            "\\!", "'!'", "\"{\"", "é", "%1", "^x", "\\{", "''", "\"\"", "a#b", "-", "--", "\\time", "'{'}",
            "in\\ x", "=a", "]", "a[", "x=", "\\a=b", "'a'=b", "a\\=b", "{}x", "!!", "elif'x'");
    private static final List<String> COMPLEX = List.of("a &\\\n& b", "2>\\\n&1", "a |\\\n| b", "$x", "${x}",
            "\"$x\"", "$(a b)", "`a`", "a*", "?", "[ab]",
            "{a,b}", "~", "~/x", "x=~", "$'a'", "<(a)", "&", "|&", ";;", "( a )", "{ a; }", "!", "a >out",
            "<<<x", "$((1))", "2>x", "FOO=1", "if", ">&-", "\"`a`\"", "=a", "$", "\"$\"", "a\\");
    /** Single expansion words that bash always rewrites, for the converse check. */
    static final List<String> EXPANSIONS = List.of("$x", "\"$x\"", "${x}", "\"${x}\"", "$HOME", "\"$1\"", "$#",
            "*", "a*", "?", "[ab]", "{a,b}", "x{1..2}", "~", "~/x", "a=~", "PATH=a:~/b", "$(a)", "`a`",
            "$'a\\tb'", "$((1+2))", "\"$(a)\"", "'q'$x");

    private final Random random;
    private final double complexRate;

    ScriptGenerator(long seed, double complexRate) {
        this.random = new Random(seed);
        this.complexRate = complexRate;
    }

    String script() {
        StringBuilder sb = new StringBuilder();
        if (random.nextInt(8) == 0) {
            sb.append(pick(List.of("\n", "# start\n", "  \n\t\n", "#!/bin/sh\n")));
        }
        int commands = 1 + random.nextInt(4);
        for (int i = 0; i < commands; i++) {
            command(sb);
            if (i + 1 < commands) {
                sb.append(pick(OPERATORS));
            }
        }
        switch (random.nextInt(10)) {
            case 0 -> sb.append(';');
            case 1 -> sb.append('\n');
            case 2 -> sb.append(" # done");
            case 3 -> sb.append(" \\\n");
            default -> {
            }
        }
        return sb.toString();
    }

    /** A plain command with exactly one of {@link #EXPANSIONS} as an argument. */
    String expansionScript(String expansion) {
        StringBuilder sb = new StringBuilder();
        sb.append(word(true)).append(' ').append(word(false)).append(' ').append(expansion);
        if (random.nextBoolean()) {
            sb.append(' ').append(word(false));
        }
        return sb.toString();
    }

    private void command(StringBuilder sb) {
        blanks(sb, true);
        if (random.nextInt(12) == 0) {
            sb.append(pick(REDIRECTS)).append(' ');
        }
        sb.append(random.nextInt(6) == 0 ? pick(NAMES) : word(true));
        int args = random.nextInt(5);
        for (int i = 0; i < args; i++) {
            blanks(sb, false);
            int kind = random.nextInt(100);
            if (kind < complexRate * 100) {
                sb.append(pick(COMPLEX));
            } else if (kind < 8 + complexRate * 100) {
                sb.append(pick(REDIRECTS));
            } else if (kind < 12 + complexRate * 100) {
                sb.append(pick(NAMES));
            } else {
                sb.append(word(false));
            }
        }
        blanks(sb, true);
    }

    private void blanks(StringBuilder sb, boolean optional) {
        int n = optional ? random.nextInt(2) : 1 + random.nextInt(2);
        for (int i = 0; i < n; i++) {
            sb.append(pick(List.of(" ", " ", " ", "\t", " \\\n ", "  ")));
        }
    }

    private String word(boolean commandName) {
        StringBuilder sb = new StringBuilder();
        int parts = 1 + random.nextInt(3);
        for (int i = 0; i < parts; i++) {
            switch (random.nextInt(7)) {
                case 0, 1 -> unquoted(sb, commandName, i == 0);
                case 2 -> sb.append('\'').append(chars(SINGLE_QUOTABLE, 0, 6)).append('\'');
                case 3 -> doubleQuoted(sb);
                case 4 -> sb.append('\\').append(ESCAPABLE.charAt(random.nextInt(ESCAPABLE.length())));
                case 5 -> sb.append(pick(List.of("''", "\"\"", "\\\n")));
                default -> unquoted(sb, commandName, false);
            }
        }
        return commandName ? sb.toString().replace('/', '_') : sb.toString();
    }

    private void unquoted(StringBuilder sb, boolean commandName, boolean first) {
        int n = 1 + random.nextInt(5);
        for (int i = 0; i < n; i++) {
            if (random.nextInt(9) == 0) {
                String extra = pick(UNQUOTED_EXTRA);
                if (!(commandName && extra.equals("/"))) {
                    sb.append(extra);
                }
            } else {
                char c = UNQUOTED.charAt(random.nextInt(UNQUOTED.length()));
                if (c == '#' && first && i == 0) {
                    c = 'h';
                }
                sb.append(c);
            }
        }
    }

    private void doubleQuoted(StringBuilder sb) {
        sb.append('"');
        int n = random.nextInt(5);
        for (int i = 0; i < n; i++) {
            if (random.nextInt(4) == 0) {
                sb.append(pick(List.of("\\\\", "\\\"", "\\$", "\\`", "\\\n", "\\a", "\\n", "\\'", "\\#", "\\ ",
                        random.nextInt(4) == 0 ? "\\!" : "\\~")));
            } else {
                sb.append(chars(DOUBLE_QUOTABLE, 1, 3));
            }
        }
        sb.append('"');
    }

    private String chars(String alphabet, int min, int max) {
        StringBuilder sb = new StringBuilder();
        int n = min + random.nextInt(max - min + 1);
        int[] points = alphabet.codePoints().toArray();
        for (int i = 0; i < n; i++) {
            sb.appendCodePoint(points[random.nextInt(points.length)]);
        }
        return sb.toString();
    }

    private <T> T pick(List<T> options) {
        return options.get(random.nextInt(options.size()));
    }
}
