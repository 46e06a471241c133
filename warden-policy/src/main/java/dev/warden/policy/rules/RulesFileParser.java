package dev.warden.policy.rules;

import dev.warden.policy.rules.RulesLexer.Kind;
import dev.warden.policy.rules.RulesLexer.Token;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Codex's {@code .rules} files: a small Starlark subset made of
 * {@code prefix_rule(pattern=[...], decision="allow"|"prompt"|"forbidden", justification="...", match=[...], not_match=[...])}
 * and {@code network_rule(host="...", protocol="...", decision=..., justification=...)} calls, with positional or
 * keyword arguments in Codex's order, {@code #} comments, string escapes, trailing commas and multi-line calls.
 * Anything else (variables, loops, other functions) is a load error with its position.
 *
 * <p>Stricter than Codex: every rule needs a non-blank {@code justification}, because a rule nobody can explain
 * cannot be reviewed. As in Codex, {@code decision} defaults to {@code allow} and {@code match}/{@code not_match}
 * examples are checked when the file loads.
 */
public final class RulesFileParser {
    private static final List<String> PREFIX_RULE_PARAMS = List.of("pattern", "decision", "match", "not_match", "justification");
    private static final List<String> NETWORK_RULE_PARAMS = List.of("host", "protocol", "decision", "justification");

    private sealed interface Value permits Str, ListValue {
        int line();

        int column();
    }

    private record Str(String value, int line, int column) implements Value {
    }

    private record ListValue(List<Value> items, int line, int column) implements Value {
    }

    private record Arg(String name, Token nameToken, Value value) {
    }

    private final String file;
    private final String layer;
    private final List<Token> tokens;
    private int next;
    private final List<PrefixRule> prefixRules = new ArrayList<>();
    private final List<NetworkRule> networkRules = new ArrayList<>();

    private RulesFileParser(String file, String layer, List<Token> tokens) {
        this.file = file;
        this.layer = layer;
        this.tokens = tokens;
    }

    /** Loads every rule in {@code text}, or none: the first problem stops loading with its file:line:column. */
    public static RuleSet parse(String text, String file, String layer) throws RuleLoadException {
        RulesFileParser parser = new RulesFileParser(file, layer, RulesLexer.tokenize(text, file));
        parser.statements();
        return new RuleSet(parser.prefixRules, parser.networkRules);
    }

    private Token peek() {
        return tokens.get(next);
    }

    private Token take() {
        return tokens.get(next++);
    }

    private RuleLoadException error(int line, int column, String message) {
        return new RuleLoadException(file, line, column, message);
    }

    private RuleLoadException error(Token at, String message) {
        return error(at.line(), at.column(), message);
    }

    private RuleLoadException error(Value at, String message) {
        return error(at.line(), at.column(), message);
    }

    private void statements() throws RuleLoadException {
        while (peek().kind() != Kind.EOF) {
            Token first = take();
            if (first.kind() == Kind.END_OF_STATEMENT) {
                continue;
            }
            if (first.kind() != Kind.NAME) {
                throw error(first, "expected a call such as prefix_rule(...) or network_rule(...)");
            }
            if (peek().kind() == Kind.EQUALS) {
                throw error(first, "assignments are not supported; write the values inside each rule");
            }
            if (peek().kind() != Kind.LPAREN) {
                throw error(peek(), "expected '(' after " + first.text() + "; a rules file holds only calls");
            }
            take();
            List<Arg> args = arguments(first);
            Token end = peek();
            if (end.kind() != Kind.END_OF_STATEMENT && end.kind() != Kind.EOF) {
                throw error(end, "expected the end of the line after ')'; put each call on its own line");
            }
            call(first, args);
        }
    }

    private List<Arg> arguments(Token function) throws RuleLoadException {
        List<Arg> args = new ArrayList<>();
        while (true) {
            if (peek().kind() == Kind.RPAREN) {
                take();
                return args;
            }
            if (peek().kind() == Kind.NAME && tokens.get(next + 1).kind() == Kind.EQUALS) {
                Token name = take();
                take();
                args.add(new Arg(name.text(), name, value()));
            } else {
                args.add(new Arg(null, null, value()));
            }
            Token sep = take();
            if (sep.kind() == Kind.RPAREN) {
                return args;
            }
            if (sep.kind() == Kind.EOF) {
                throw error(function, "the file ends inside this " + function.text() + "(...) call; add the closing ')'");
            }
            if (sep.kind() != Kind.COMMA) {
                throw error(sep, "expected ',' or ')' between arguments");
            }
        }
    }

    private Value value() throws RuleLoadException {
        Token t = take();
        return switch (t.kind()) {
            case STRING -> new Str(t.text(), t.line(), t.column());
            case LBRACKET -> {
                List<Value> items = new ArrayList<>();
                while (true) {
                    if (peek().kind() == Kind.RBRACKET) {
                        take();
                        break;
                    }
                    items.add(value());
                    Token sep = take();
                    if (sep.kind() == Kind.RBRACKET) {
                        break;
                    }
                    if (sep.kind() == Kind.EOF) {
                        throw error(t, "the file ends inside this list; add the closing ']'");
                    }
                    if (sep.kind() != Kind.COMMA) {
                        throw error(sep, "expected ',' or ']' in the list");
                    }
                }
                yield new ListValue(items, t.line(), t.column());
            }
            case NAME -> throw error(t, "'" + t.text() + "' is not a value here; rules take only strings and lists "
                    + "(variables, True/False/None and function calls are not supported)");
            case NUMBER -> throw error(t, "numbers are not accepted here; quote it if it is a word: \"" + t.text() + "\"");
            case EOF -> throw error(t, "the file ends where a value was expected; finish the call and close its brackets");
            default -> throw error(t, "expected a string or a list, found '" + t.text() + "'");
        };
    }

    private Map<String, Value> bind(Token function, List<String> params, List<Arg> args) throws RuleLoadException {
        Map<String, Value> bound = new LinkedHashMap<>();
        boolean sawKeyword = false;
        int positional = 0;
        for (Arg arg : args) {
            String name;
            if (arg.name() == null) {
                if (sawKeyword) {
                    throw error(arg.value(), "positional argument after a keyword argument; name it (e.g. decision = ...)");
                }
                if (positional >= params.size()) {
                    throw error(arg.value(), function.text() + " takes at most " + params.size()
                            + " positional arguments (" + String.join(", ", params) + "); remove or name the extra one");
                }
                name = params.get(positional++);
            } else {
                sawKeyword = true;
                name = arg.name();
                if (!params.contains(name)) {
                    throw error(arg.nameToken(), function.text() + " has no argument '" + name + "'; use "
                            + String.join(", ", params));
                }
            }
            if (bound.containsKey(name)) {
                Value at = arg.value();
                throw error(arg.nameToken() != null ? arg.nameToken().line() : at.line(),
                        arg.nameToken() != null ? arg.nameToken().column() : at.column(),
                        "argument '" + name + "' is given twice; keep one");
            }
            bound.put(name, arg.value());
        }
        return bound;
    }

    private void call(Token function, List<Arg> args) throws RuleLoadException {
        switch (function.text()) {
            case "prefix_rule" -> prefixRule(function, bind(function, PREFIX_RULE_PARAMS, args));
            case "network_rule" -> networkRule(function, bind(function, NETWORK_RULE_PARAMS, args));
            case "host_executable" -> throw error(function, "host_executable(...) is not supported: Warden matches the "
                    + "program exactly as written (write a rule for \"/usr/bin/git\" as well as \"git\" if you need both); remove it");
            default -> throw error(function, "unknown function '" + function.text()
                    + "'; a rules file may call only prefix_rule(...) and network_rule(...)");
        }
    }

    private void prefixRule(Token function, Map<String, Value> args) throws RuleLoadException {
        Value patternValue = args.get("pattern");
        if (patternValue == null) {
            throw error(function, "prefix_rule needs pattern = [...]; give the command prefix to match, e.g. [\"git\", \"push\"]");
        }
        List<PatternToken> pattern = pattern(patternValue);
        RuleDecision decision = RuleDecision.ALLOW;
        Value decisionValue = args.get("decision");
        if (decisionValue != null) {
            String raw = string(decisionValue, "decision");
            try {
                decision = RuleDecision.parse(raw);
            } catch (IllegalArgumentException e) {
                throw error(decisionValue, e.getMessage());
            }
        }
        String justification = justification(function, args.get("justification"));
        List<List<String>> matches = examples(args.get("match"), "match");
        List<List<String>> notMatches = examples(args.get("not_match"), "not_match");
        PrefixRule rule = new PrefixRule(pattern, decision, justification, matches, notMatches,
                new RuleOrigin(layer, file, function.line()));
        verify(rule, args.get("match"), matches, true);
        verify(rule, args.get("not_match"), notMatches, false);
        prefixRules.add(rule);
    }

    private void networkRule(Token function, Map<String, Value> args) throws RuleLoadException {
        for (String required : List.of("host", "protocol", "decision")) {
            if (!args.containsKey(required)) {
                throw error(function, "network_rule needs " + required + " = \"...\"; add it");
            }
        }
        String host;
        String protocol;
        RuleDecision decision;
        try {
            host = RuleValidation.normalizeHost(string(args.get("host"), "host"));
        } catch (IllegalArgumentException e) {
            throw error(args.get("host"), e.getMessage());
        }
        try {
            protocol = RuleValidation.normalizeProtocol(string(args.get("protocol"), "protocol"));
        } catch (IllegalArgumentException e) {
            throw error(args.get("protocol"), e.getMessage());
        }
        try {
            decision = RuleValidation.networkDecision(string(args.get("decision"), "decision"));
        } catch (IllegalArgumentException e) {
            throw error(args.get("decision"), e.getMessage());
        }
        String justification = justification(function, args.get("justification"));
        networkRules.add(new NetworkRule(host, protocol, decision, justification, new RuleOrigin(layer, file, function.line())));
    }

    private String justification(Token function, Value value) throws RuleLoadException {
        if (value == null) {
            throw error(function, function.text() + " needs justification = \"...\"; say why the rule exists "
                    + "(Warden shows it whenever the rule decides)");
        }
        String justification = string(value, "justification");
        String problem = RuleValidation.justificationProblem(justification);
        if (problem != null) {
            throw error(value, problem);
        }
        return justification;
    }

    private String string(Value value, String what) throws RuleLoadException {
        if (value instanceof Str(String s, int _, int _)) {
            return s;
        }
        throw error(value, what + " must be a string in quotes, not a list");
    }

    private List<PatternToken> pattern(Value value) throws RuleLoadException {
        if (!(value instanceof ListValue(List<Value> items, int _, int _))) {
            throw error(value, "pattern must be a list of words, e.g. [\"git\", [\"push\", \"fetch\"]]");
        }
        if (items.isEmpty()) {
            throw error(value, "pattern is empty; give at least the program name, e.g. [\"git\"]");
        }
        List<PatternToken> pattern = new ArrayList<>(items.size());
        for (Value item : items) {
            switch (item) {
                case Str str -> pattern.add(new PatternToken.Single(word(str)));
                case ListValue(List<Value> alternatives, int _, int _) -> {
                    if (alternatives.isEmpty()) {
                        throw error(item, "empty list of alternatives in pattern; list the words this position accepts");
                    }
                    List<String> words = new ArrayList<>(alternatives.size());
                    for (Value alternative : alternatives) {
                        if (!(alternative instanceof Str str)) {
                            throw error(alternative, "alternatives must be strings; lists cannot nest deeper");
                        }
                        words.add(word(str));
                    }
                    pattern.add(words.size() == 1 ? new PatternToken.Single(words.getFirst()) : new PatternToken.Alternatives(words));
                }
            }
        }
        return pattern;
    }

    private String word(Str str) throws RuleLoadException {
        if (str.value().isEmpty()) {
            throw error(str, "empty word in pattern; a pattern word must be a non-empty string");
        }
        return str.value();
    }

    private List<List<String>> examples(Value value, String what) throws RuleLoadException {
        if (value == null) {
            return List.of();
        }
        if (!(value instanceof ListValue(List<Value> items, int _, int _))) {
            throw error(value, what + " must be a list of examples, e.g. [\"git push origin\", [\"git\", \"push\"]]");
        }
        List<List<String>> examples = new ArrayList<>(items.size());
        for (Value item : items) {
            switch (item) {
                case Str(String text, int _, int _) -> {
                    try {
                        examples.add(RuleValidation.exampleWords(text));
                    } catch (IllegalArgumentException e) {
                        throw error(item, what + " " + e.getMessage());
                    }
                }
                case ListValue(List<Value> words, int _, int _) -> {
                    if (words.isEmpty()) {
                        throw error(item, what + " example is an empty list; write the command's words");
                    }
                    List<String> example = new ArrayList<>(words.size());
                    for (Value word : words) {
                        if (!(word instanceof Str(String w, int _, int _))) {
                            throw error(word, what + " example words must be strings");
                        }
                        example.add(w);
                    }
                    examples.add(example);
                }
            }
        }
        return examples;
    }

    private void verify(PrefixRule rule, Value listValue, List<List<String>> examples, boolean shouldMatch)
            throws RuleLoadException {
        for (int i = 0; i < examples.size(); i++) {
            String problem = RuleValidation.exampleProblem(rule, examples.get(i), shouldMatch);
            if (problem != null) {
                throw error(((ListValue) listValue).items().get(i), problem);
            }
        }
    }
}
