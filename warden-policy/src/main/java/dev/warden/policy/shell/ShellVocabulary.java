package dev.warden.policy.shell;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Words that mean more to the shell than a program name: reserved words in command position, and builtins whose
 * effect reaches beyond their own words (they change how later commands are parsed or found, or they run text
 * as code). The splitter's words would still be right for such a script, but what runs would not be what the
 * words say, so each makes the script complex.
 */
final class ShellVocabulary {
    private ShellVocabulary() {
    }

    private static final Map<String, String> RESERVED = new HashMap<>();

    static {
        // bash and dash; "in" in command position is a syntax error in bash, so it is reserved there too.
        for (String w : List.of("if", "then", "else", "elif", "fi", "case", "esac", "for", "select", "while",
                "until", "do", "done", "in")) {
            RESERVED.put(w, "control flow '" + w + "'");
        }
        RESERVED.put("{", "group { }");
        RESERVED.put("}", "group { }");
        RESERVED.put("!", "pipeline negation !");
        RESERVED.put("[[", "conditional [[ ]]");
        RESERVED.put("]]", "conditional [[ ]]");
        RESERVED.put("time", "time keyword");
        RESERVED.put("coproc", "coprocess coproc");
        RESERVED.put("function", "function definition");
        // zsh only: these start compound commands or modify the next command there.
        for (String w : List.of("repeat", "foreach", "end", "nocorrect")) {
            RESERVED.put(w, "zsh reserved word '" + w + "'");
        }
    }

    /**
     * zsh precommand modifiers that are no bash builtins: "- rm x" runs rm, even written '-' or "noglob" in quotes
     * (checked with zsh 5.9). Dropping the modifier lets heuristics see the command.
     */
    private static final Map<String, String> ZSH_MODIFIERS = Map.of(
            "-", "zsh precommand modifier '-'",
            "noglob", "zsh precommand modifier 'noglob'");

    /**
     * Builtins that change the shell itself for the commands after them: aliases (with expand_aliases),
     * parser options (extglob, zsh's rcquotes), PATH and the command hash table (so {@code ls} later runs
     * another file), traps that run code later, variables that steer child shells (BASH_ENV).
     */
    private static final Set<String> STATE_CHANGING = Set.of(
            "alias", "unalias", "shopt", "set", "setopt", "unsetopt", "enable", "disable", "emulate", "hash",
            "export", "declare", "typeset", "local", "readonly", "unset", "integer", "float", "trap",
            "read", "mapfile", "readarray", "getopts", "vared", "zparseopts", "zmodload", "autoload");

    /** Builtins that take shell code as data: what they run is invisible to the splitter. */
    private static final Set<String> CODE_RUNNING = Set.of("eval", "source", ".");

    /**
     * Builtins that evaluate an argument as an arithmetic expression or a variable name with a subscript, where
     * bash expands {@code $(...)} once more: {@code test -v 'a[$(rm -rf ~)]'} runs rm although every word is
     * quoted. Checked against bash 5.2 ({@code test -v}, {@code let}, {@code printf -v}, {@code read},
     * {@code declare}); older versions and zsh evaluate in more places, so the set is wider than that.
     */
    private static final Set<String> ARITHMETIC_EVALUATING = Set.of(
            "test", "[", "let", "printf", "print", "shift", "exit", "return", "break", "continue", "ulimit",
            "kill", "wait");

    private enum Effect { STATE_CHANGING, CODE_RUNNING, ARITHMETIC_EVALUATING }

    /** The three sets above in one table, so each command name is looked up once. */
    private static final Map<String, Effect> EFFECTS = new HashMap<>();

    static {
        STATE_CHANGING.forEach(name -> EFFECTS.put(name, Effect.STATE_CHANGING));
        CODE_RUNNING.forEach(name -> EFFECTS.put(name, Effect.CODE_RUNNING));
        ARITHMETIC_EVALUATING.forEach(name -> EFFECTS.put(name, Effect.ARITHMETIC_EVALUATING));
    }

    /** Reserved words that continue or close a compound command opened by another one. */
    private static final NameSet CONTINUING = NameSet.of("then", "else", "elif", "fi", "do", "done", "esac", "in",
            "}", "]]", "end");

    /** True for reserved words that only continue or close a compound command ({@code then}, {@code fi}, ...). */
    static boolean continuesCompound(String word) {
        return CONTINUING.contains(word);
    }

    /**
     * The reason a word in command position is a reserved word or a precommand modifier, or null when it is an
     * ordinary command name. Quoting a reserved word makes it a command name; zsh's modifiers stay modifiers.
     */
    static String reservedWord(String word, boolean quoted) {
        String reserved = quoted ? null : RESERVED.get(word);
        return reserved != null ? reserved : ZSH_MODIFIERS.get(word);
    }

    /**
     * The reason this command's meaning reaches beyond its words, or null. {@code command X} and
     * {@code builtin X} are judged as {@code X}.
     */
    static String commandEffect(List<String> words) {
        int nameAt = 0;
        String name = words.getFirst();
        if (name.startsWith("%")) {
            // Even without job control, bash hands a %word command to fg (bg when backgrounded).
            return "job control " + Findings.excerpt(name);
        }
        if (name.equals("command") || name.equals("builtin")) {
            nameAt = 1;
            while (nameAt < words.size() && words.get(nameAt).startsWith("-")) {
                nameAt++;
            }
            if (nameAt == words.size()) {
                return null;
            }
            name = words.get(nameAt);
            String reserved = reservedWord(name, false);
            if (reserved != null) {
                return reserved;
            }
        }
        Effect effect = EFFECTS.get(name);
        if (effect == null) {
            return null;
        }
        return switch (effect) {
            case STATE_CHANGING -> "builtin '" + name + "' changes shell state for later commands";
            case CODE_RUNNING -> "builtin '" + name + "' runs text as shell code";
            case ARITHMETIC_EVALUATING -> arithmeticEffect(name, words, nameAt);
        };
    }

    private static String arithmeticEffect(String name, List<String> words, int nameAt) {
        String option = nameAt + 1 < words.size() ? words.get(nameAt + 1) : "";
        boolean assignsVariable = ((name.equals("printf") || name.equals("print")) && option.startsWith("-v"))
                || (name.equals("wait") && option.startsWith("-p"));
        if (assignsVariable) {
            return "builtin '" + name + " " + Findings.excerpt(option) + "' assigns a shell variable";
        }
        for (int i = nameAt + 1; i < words.size(); i++) {
            String w = words.get(i);
            if (w.indexOf('$') >= 0 || w.indexOf('`') >= 0) {
                return "builtin '" + name + "' may expand $ or ` inside a quoted argument";
            }
        }
        return null;
    }
}
