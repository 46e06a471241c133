package dev.warden.approvals;

import dev.warden.core.Action;
import dev.warden.core.Decision;
import dev.warden.core.Reason;
import dev.warden.core.Segment;
import dev.warden.core.Verdict;
import java.util.ArrayList;
import java.util.List;

/**
 * The prefix a person is offered for "session" and "always", before they edit it: for a command, the prefix of
 * the rule that asked, else for a dangerous command its whole words (the narrowest thing to approve), else its
 * first words (the program and a subcommand, as in {@code npm install} or {@code cargo build}); for a network
 * action {@code host:port}; for an MCP call {@code server tool}; for a file its path.
 */
public final class SuggestedPrefix {
    private SuggestedPrefix() {}

    public static List<String> of(Action action, Verdict verdict) {
        if (!(action instanceof Action.Exec exec)) {
            return Coverage.words(action);
        }
        for (int i = 0; i < verdict.segments().size(); i++) {
            Segment segment = verdict.segments().get(i);
            if (segment.decision() != Decision.ASK) {
                continue;
            }
            if (segment.classification().equals("rule")) {
                int length = ruleLength(verdict, i);
                if (length > 0 && length <= segment.argv().size()) {
                    return segment.argv().subList(0, length);
                }
            }
            if (segment.classification().equals("dangerous")) {
                return segment.argv();
            }
            return firstWords(segment.argv());
        }
        return firstWords(exec.argv());
    }

    /** The program, and the next word when it reads like a subcommand (not an option, a path or an assignment). */
    static List<String> firstWords(List<String> argv) {
        List<String> out = new ArrayList<>(2);
        out.add(argv.getFirst());
        if (argv.size() > 1) {
            String next = argv.get(1);
            boolean subcommand = !next.isEmpty() && next.chars().allMatch(c -> Character.isLetterOrDigit(c) || c == '-'
                    || c == '_' || c == ':') && !next.startsWith("-");
            if (subcommand) {
                out.add(next);
            }
        }
        return List.copyOf(out);
    }

    /** How many words the rule that decided segment {@code index} has, read from its description; 0 when unknown. */
    private static int ruleLength(Verdict verdict, int index) {
        for (Reason reason : verdict.reasons()) {
            if (reason.segment() == index && reason.decision() == Decision.ASK && reason.rule().isPresent()) {
                return patternLength(reason.rule().get());
            }
        }
        return 0;
    }

    /** The number of top-level tokens in {@code prefix_rule([...])}; alternatives count as one token. */
    static int patternLength(String description) {
        int open = description.indexOf('[');
        if (open < 0) {
            return 0;
        }
        int depth = 0;
        int tokens = 0;
        boolean inString = false;
        boolean sawToken = false;
        for (int i = open; i < description.length(); i++) {
            char c = description.charAt(i);
            if (inString) {
                if (c == '\\') {
                    i++;
                } else if (c == '"') {
                    inString = false;
                }
                continue;
            }
            switch (c) {
                case '"' -> {
                    inString = true;
                    if (depth == 1) {
                        sawToken = true;
                    }
                }
                case '[' -> {
                    depth++;
                    if (depth == 2) {
                        sawToken = true;
                    }
                }
                case ']' -> {
                    depth--;
                    if (depth == 0) {
                        return tokens + (sawToken ? 1 : 0);
                    }
                }
                case ',' -> {
                    if (depth == 1 && sawToken) {
                        tokens++;
                        sawToken = false;
                    }
                }
                default -> { }
            }
        }
        return 0;
    }
}
