package dev.warden.policy.rules;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.tomlj.TomlArray;
import org.tomlj.TomlPosition;
import org.tomlj.TomlTable;

/**
 * Prefix rules written in TOML configuration as {@code [[rules.prefix]]} tables:
 * <pre>
 * [[rules.prefix]]
 * pattern = ["git", ["push", "fetch"]]
 * decision = "prompt"
 * justification = "talks to the remote"
 * match = ["git push origin main"]
 * not_match = [["git", "status"]]
 * </pre>
 * The same meaning and checks as {@link RulesFileParser}, except that {@code decision} must be written out:
 * TOML rules are new to Warden, so there is no Codex default to stay compatible with.
 */
public final class TomlRules {
    private static final Set<String> KEYS = Set.of("pattern", "decision", "justification", "match", "not_match");
    private static final String KEY_LIST = "pattern, decision, justification, match, not_match";

    private final String file;
    private final String layer;

    private TomlRules(String file, String layer) {
        this.file = file;
        this.layer = layer;
    }

    /**
     * Loads the {@code [[rules.prefix]]} tables the caller already parsed.
     *
     * @param allowDecisionAllowed false for administrator requirements, which may restrict but never allow
     */
    public static RuleSet parse(TomlArray prefixTables, String file, String layer, boolean allowDecisionAllowed)
            throws RuleLoadException {
        TomlRules loader = new TomlRules(file, layer);
        List<PrefixRule> rules = new ArrayList<>(prefixTables.size());
        for (int i = 0; i < prefixTables.size(); i++) {
            Object entry = prefixTables.get(i);
            TomlPosition at = prefixTables.inputPositionOf(i);
            if (!(entry instanceof TomlTable table)) {
                throw loader.error(at, "rules.prefix[" + i + "] must be a table ([[rules.prefix]]), found "
                        + typeName(entry));
            }
            rules.add(loader.rule(table, i, at, allowDecisionAllowed));
        }
        return new RuleSet(rules, List.of());
    }

    private RuleLoadException error(TomlPosition at, String message) {
        return at == null ? new RuleLoadException(file, 0, 0, message)
                : new RuleLoadException(file, at.line(), at.column(), message);
    }

    private PrefixRule rule(TomlTable table, int index, TomlPosition tableAt, boolean allowDecisionAllowed)
            throws RuleLoadException {
        String where = "rules.prefix[" + index + "]";
        for (String key : table.keySet()) {
            if (!KEYS.contains(key)) {
                throw error(position(table, key, tableAt), where + " has no key '" + key + "'; use " + KEY_LIST);
            }
        }
        if (!table.contains("pattern")) {
            throw error(tableAt, where + " needs pattern = [...]; give the command prefix, e.g. [\"git\", \"push\"]");
        }
        List<PatternToken> pattern = pattern(table, where, tableAt);
        if (!table.contains("decision")) {
            throw error(tableAt, where + " needs decision = \"prompt\" (or \"forbidden\""
                    + (allowDecisionAllowed ? ", \"allow\")" : ")"));
        }
        TomlPosition decisionAt = position(table, "decision", tableAt);
        RuleDecision decision;
        try {
            decision = RuleDecision.parse(string(table, "decision", where, tableAt));
        } catch (IllegalArgumentException e) {
            throw error(decisionAt, where + ".decision: " + e.getMessage());
        }
        if (decision == RuleDecision.ALLOW && !allowDecisionAllowed) {
            throw error(decisionAt, where + ".decision: requirements may not allow commands, only restrict them; "
                    + "use \"prompt\" or \"forbidden\", or put the allow rule in a user or project rules file");
        }
        if (!table.contains("justification")) {
            throw error(tableAt, where + " needs justification = \"...\"; say why the rule exists "
                    + "(Warden shows it whenever the rule decides)");
        }
        String justification = string(table, "justification", where, tableAt);
        String problem = RuleValidation.justificationProblem(justification);
        if (problem != null) {
            throw error(position(table, "justification", tableAt), where + ".justification: " + problem);
        }
        List<List<String>> matches = examples(table, "match", where, tableAt);
        List<List<String>> notMatches = examples(table, "not_match", where, tableAt);
        int line = tableAt == null ? 0 : tableAt.line();
        PrefixRule rule = new PrefixRule(pattern, decision, justification, matches, notMatches,
                new RuleOrigin(layer, file, line));
        verify(rule, table, "match", matches, true, where, tableAt);
        verify(rule, table, "not_match", notMatches, false, where, tableAt);
        return rule;
    }

    private List<PatternToken> pattern(TomlTable table, String where, TomlPosition tableAt) throws RuleLoadException {
        TomlPosition at = position(table, "pattern", tableAt);
        if (!(table.get("pattern") instanceof TomlArray array)) {
            throw error(at, where + ".pattern must be an array of words, e.g. [\"git\", [\"push\", \"fetch\"]]");
        }
        if (array.isEmpty()) {
            throw error(at, where + ".pattern is empty; give at least the program name, e.g. [\"git\"]");
        }
        List<PatternToken> pattern = new ArrayList<>(array.size());
        for (int i = 0; i < array.size(); i++) {
            Object item = array.get(i);
            TomlPosition itemAt = orElse(array.inputPositionOf(i), at);
            String itemWhere = where + ".pattern[" + i + "]";
            if (item instanceof String word) {
                pattern.add(new PatternToken.Single(word(word, itemWhere, itemAt)));
            } else if (item instanceof TomlArray alternatives) {
                if (alternatives.isEmpty()) {
                    throw error(itemAt, itemWhere + " is an empty list of alternatives; list the words this position accepts");
                }
                List<String> words = new ArrayList<>(alternatives.size());
                for (int j = 0; j < alternatives.size(); j++) {
                    TomlPosition altAt = orElse(alternatives.inputPositionOf(j), itemAt);
                    if (!(alternatives.get(j) instanceof String word)) {
                        throw error(altAt, itemWhere + "[" + j + "] must be a string, found " + typeName(alternatives.get(j)));
                    }
                    words.add(word(word, itemWhere + "[" + j + "]", altAt));
                }
                pattern.add(words.size() == 1 ? new PatternToken.Single(words.getFirst()) : new PatternToken.Alternatives(words));
            } else {
                throw error(itemAt, itemWhere + " must be a string or an array of strings, found " + typeName(item));
            }
        }
        return pattern;
    }

    private String word(String word, String where, TomlPosition at) throws RuleLoadException {
        if (word.isEmpty()) {
            throw error(at, where + " is an empty word; a pattern word must be a non-empty string");
        }
        return word;
    }

    private String string(TomlTable table, String key, String where, TomlPosition tableAt) throws RuleLoadException {
        Object value = table.get(key);
        if (value instanceof String s) {
            return s;
        }
        throw error(position(table, key, tableAt), where + "." + key + " must be a string, found " + typeName(value));
    }

    private List<List<String>> examples(TomlTable table, String key, String where, TomlPosition tableAt)
            throws RuleLoadException {
        if (!table.contains(key)) {
            return List.of();
        }
        TomlPosition at = position(table, key, tableAt);
        if (!(table.get(key) instanceof TomlArray array)) {
            throw error(at, where + "." + key + " must be an array of examples, e.g. [\"git push origin\", [\"git\", \"push\"]]");
        }
        List<List<String>> examples = new ArrayList<>(array.size());
        for (int i = 0; i < array.size(); i++) {
            Object item = array.get(i);
            TomlPosition itemAt = orElse(array.inputPositionOf(i), at);
            String itemWhere = where + "." + key + "[" + i + "]";
            if (item instanceof String text) {
                try {
                    examples.add(RuleValidation.exampleWords(text));
                } catch (IllegalArgumentException e) {
                    throw error(itemAt, itemWhere + ": " + e.getMessage());
                }
            } else if (item instanceof TomlArray words) {
                if (words.isEmpty()) {
                    throw error(itemAt, itemWhere + " is an empty example; write the command's words");
                }
                List<String> example = new ArrayList<>(words.size());
                for (int j = 0; j < words.size(); j++) {
                    if (!(words.get(j) instanceof String word)) {
                        throw error(orElse(words.inputPositionOf(j), itemAt), itemWhere + "[" + j + "] must be a string, found "
                                + typeName(words.get(j)));
                    }
                    example.add(word);
                }
                examples.add(example);
            } else {
                throw error(itemAt, itemWhere + " must be a string or an array of strings, found " + typeName(item));
            }
        }
        return examples;
    }

    private void verify(PrefixRule rule, TomlTable table, String key, List<List<String>> examples, boolean shouldMatch,
            String where, TomlPosition tableAt) throws RuleLoadException {
        for (int i = 0; i < examples.size(); i++) {
            String problem = RuleValidation.exampleProblem(rule, examples.get(i), shouldMatch);
            if (problem != null) {
                TomlArray array = table.getArray(key);
                TomlPosition at = orElse(array == null ? null : array.inputPositionOf(i), position(table, key, tableAt));
                throw error(at, where + "." + key + "[" + i + "]: " + problem);
            }
        }
    }

    private static TomlPosition position(TomlTable table, String key, TomlPosition fallback) {
        // Keys are looked up literally: a key such as "not_match" has no dots, so this is the dotted-key form too.
        return orElse(table.inputPositionOf(key), fallback);
    }

    private static TomlPosition orElse(TomlPosition position, TomlPosition fallback) {
        return position != null ? position : fallback;
    }

    private static String typeName(Object value) {
        return switch (value) {
            case null -> "nothing";
            case String _ -> "a string";
            case Long _ -> "an integer";
            case Double _ -> "a float";
            case Boolean _ -> "a boolean";
            case TomlArray _ -> "an array";
            case TomlTable _ -> "a table";
            default -> "a date or time";
        };
    }
}
