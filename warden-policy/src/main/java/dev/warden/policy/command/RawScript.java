package dev.warden.policy.command;

import dev.warden.core.Words;
import dev.warden.policy.shell.NameSet;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * A forgiving reading of a shell script that the real splitter could not make plain: it finds the simple commands
 * wherever they hide ({@code $(...)}, backticks, {@code <(...)}, subshells, {@code if}/{@code while} bodies,
 * function bodies), the pipes between them, and the files they redirect to. It never fails; it only has to be
 * good enough to spot destruction, not to run the script.
 */
public final class RawScript {

    /** The output of {@code producer} is the input of {@code consumer}. */
    public record Pipe(List<String> producer, List<String> consumer) {
    }

    /**
     * A file named by a redirection.
     *
     * @param target  the file, quotes removed
     * @param input   {@code < file}, read by the command; otherwise written ({@code >}, {@code >>}, {@code &>}, {@code <>})
     * @param append  {@code >>} or {@code &>>}: written at the end, keeping what was there
     * @param command the index in {@link Scan#commands()} of the command it belongs to, or -1 when it has none
     */
    public record Redirect(String target, boolean input, boolean append, int command) {
    }

    /**
     * Simple commands in the order they end, files named by redirections, pipes between commands, and the variable
     * assignments ({@code NAME=value}, quotes removed) that stood before commands or alone.
     */
    public record Scan(List<List<String>> commands, List<Redirect> redirects, List<Pipe> pipes, List<String> assignments) {
        /** Every file a redirection names, read or written. */
        public List<String> redirectTargets() {
            return redirects.stream().map(Redirect::target).toList();
        }
    }

    private static final NameSet LEADING_KEYWORDS = NameSet.of(
            "if", "then", "else", "elif", "fi", "do", "done", "while", "until", "!", "{", "}", "esac", "in");

    /** One level of nesting: the top of the script, or the inside of {@code $(...)}, backticks or {@code <(...)}. */
    private static final class Frame {
        final char closer;
        final List<String> words = new ArrayList<>();
        final StringBuilder word = new StringBuilder();
        boolean inWord;
        boolean quoted;
        boolean doubleQuoted;
        int redirect; // 0 none, 1 file target expected, 2 here-document delimiter expected
        boolean redirectInput;
        boolean redirectAppend;
        /** Indexes in {@code redirects} of this command's redirections; most commands have none. */
        List<Integer> pendingRedirects = List.of();
        List<String> pipedFrom;

        Frame(char closer) {
            this.closer = closer;
        }
    }

    private final String s;
    private int i;
    private final Deque<Frame> stack = new ArrayDeque<>();
    private Frame cur = new Frame('\0');
    private final List<String> heredocs = new ArrayList<>();
    private final List<List<String>> commands = new ArrayList<>();
    private final List<Redirect> redirects = new ArrayList<>();
    private final List<Pipe> pipes = new ArrayList<>();
    private final List<String> assignments = new ArrayList<>();

    private RawScript(String script) {
        this.s = script;
    }

    /** Reads {@code script}; never fails. */
    public static Scan scan(String script) {
        RawScript scanner = new RawScript(script);
        scanner.run();
        return new Scan(scanner.commands, scanner.redirects, scanner.pipes, scanner.assignments);
    }

    /** Every word of {@code text}, quotes removed, operators ignored: how {@code env -S} sees its argument. */
    static List<String> words(String text) {
        List<String> words = new ArrayList<>();
        for (List<String> command : scan(text).commands()) {
            words.addAll(command);
        }
        return words;
    }

    private char at(int k) {
        return k < s.length() ? s.charAt(k) : '\0';
    }

    private void run() {
        int n = s.length();
        while (i < n) {
            char c = s.charAt(i);
            if (cur.doubleQuoted) {
                doubleQuoted(c);
                continue;
            }
            switch (c) {
                case ' ', '\t', '\r' -> {
                    endWord();
                    i++;
                }
                case '\n' -> {
                    endWord();
                    endCommand(false);
                    i++;
                    skipHeredocBodies();
                }
                case ';' -> {
                    endWord();
                    endCommand(false);
                    i++;
                }
                case '&' -> {
                    if (at(i + 1) == '>') {
                        i += 2;
                        boolean append = at(i) == '>';
                        i += append ? 1 : 0;
                        startRedirect(1, false);
                        cur.redirectAppend = append;
                        break;
                    }
                    endWord();
                    endCommand(false);
                    i += at(i + 1) == '&' ? 2 : 1;
                }
                case '|' -> {
                    endWord();
                    boolean or = at(i + 1) == '|';
                    endCommand(!or);
                    i += or || at(i + 1) == '&' ? 2 : 1;
                }
                case '(' -> {
                    endWord();
                    endCommand(false);
                    i++;
                }
                case ')' -> {
                    endWord();
                    if (cur.closer == ')') {
                        pop();
                    } else {
                        endCommand(false);
                    }
                    i++;
                }
                case '`' -> {
                    i++;
                    if (cur.closer == '`') {
                        endWord();
                        pop();
                    } else {
                        push('`');
                    }
                }
                case '$' -> {
                    if (at(i + 1) == '\'') {
                        ansiC();
                    } else if (at(i + 1) == '"') {
                        i++; // $"..." is "..." translated by the locale: the same words
                    } else {
                        dollar();
                    }
                }
                case '\'' -> {
                    int close = s.indexOf('\'', i + 1);
                    int end = close < 0 ? n : close;
                    append(i + 1, end);
                    cur.quoted = true;
                    i = close < 0 ? n : close + 1;
                }
                case '"' -> {
                    cur.doubleQuoted = true;
                    cur.inWord = true;
                    cur.quoted = true;
                    i++;
                }
                case '\\' -> {
                    if (at(i + 1) != '\n' && i + 1 < n) {
                        append(i + 1, i + 2);
                        cur.quoted = true;
                    }
                    i += 2;
                }
                case '#' -> {
                    if (cur.inWord) {
                        append(i, i + 1);
                        i++;
                    } else {
                        while (i < n && s.charAt(i) != '\n') {
                            i++;
                        }
                    }
                }
                case '<', '>' -> angle(c);
                default -> {
                    // A run of characters with no meaning here is copied in one step.
                    int end = i + 1;
                    while (end < n && ordinary(s.charAt(end))) {
                        end++;
                    }
                    append(i, end);
                    i = end;
                }
            }
        }
        endWord();
        endCommand(false);
        while (!stack.isEmpty()) {
            pop();
            endWord();
            endCommand(false);
        }
    }

    private void doubleQuoted(char c) {
        switch (c) {
            case '"' -> {
                cur.doubleQuoted = false;
                i++;
            }
            case '\\' -> {
                char d = at(i + 1);
                if ("$`\"\\".indexOf(d) >= 0 && d != '\0') {
                    append(i + 1, i + 2);
                    i += 2;
                } else if (d == '\n') {
                    i += 2;
                } else {
                    append(i, i + 1);
                    i++;
                }
            }
            case '$' -> dollar();
            case '`' -> {
                i++;
                if (cur.closer == '`') {
                    cur.doubleQuoted = false;
                    endWord();
                    pop();
                } else {
                    push('`');
                }
            }
            default -> {
                int end = i + 1;
                while (end < s.length() && "\"\\$`".indexOf(s.charAt(end)) < 0) {
                    end++;
                }
                append(i, end);
                i = end;
            }
        }
    }

    /** Whether {@code c} outside double quotes is part of a word and nothing else (see {@link #run}'s cases). */
    private static boolean ordinary(char c) {
        return switch (c) {
            case ' ', '\t', '\r', '\n', ';', '&', '|', '(', ')', '`', '$', '\'', '"', '\\', '#', '<', '>' -> false;
            default -> true;
        };
    }

    private void dollar() {
        char next = at(i + 1);
        if (next == '(' && at(i + 2) == '(') {
            int end = matching(i + 1, '(', ')');
            append(i, end);
            i = end;
        } else if (next == '(') {
            i += 2;
            push(')');
        } else if (next == '{') {
            int end = matching(i + 1, '{', '}');
            append(i, end);
            i = end;
        } else {
            append(i, i + 1);
            i++;
        }
    }

    /**
     * {@code $'...'} at {@code i}: bash's ANSI-C quoting, decoded as bash does ({@code $'rm'} is {@code rm},
     * {@code $'\x72\x6d'} too), so that a program or a path spelled this way is judged as what runs.
     */
    private void ansiC() {
        int n = s.length();
        int k = i + 2;
        StringBuilder out = new StringBuilder();
        while (k < n && s.charAt(k) != '\'') {
            char c = s.charAt(k);
            if (c != '\\' || k + 1 >= n) {
                out.append(c);
                k++;
                continue;
            }
            char e = s.charAt(k + 1);
            k += 2;
            switch (e) {
                case 'n' -> out.append('\n');
                case 't' -> out.append('\t');
                case 'r' -> out.append('\r');
                case 'a' -> out.append('\u0007');
                case 'b' -> out.append('\b');
                case 'e', 'E' -> out.append('\u001b');
                case 'f' -> out.append('\f');
                case 'v' -> out.append('\u000b');
                case 'c' -> {
                    if (k < n) {
                        out.append((char) (s.charAt(k) & 0x1f));
                        k++;
                    }
                }
                case 'x', 'u', 'U' -> {
                    int max = e == 'x' ? 2 : e == 'u' ? 4 : 8;
                    int end = k;
                    while (end < n && end - k < max && Character.digit(s.charAt(end), 16) >= 0) {
                        end++;
                    }
                    if (end == k) {
                        out.append('\\').append(e);
                    } else {
                        out.appendCodePoint(Math.min(Integer.parseInt(s, k, end, 16), Character.MAX_CODE_POINT));
                        k = end;
                    }
                }
                case '0', '1', '2', '3', '4', '5', '6', '7' -> {
                    int end = k - 1;
                    while (end < n && end - (k - 1) < 3 && s.charAt(end) >= '0' && s.charAt(end) <= '7') {
                        end++;
                    }
                    out.append((char) (Integer.parseInt(s, k - 1, end, 8) & 0xff));
                    k = end;
                }
                case '\\', '\'', '"', '?' -> out.append(e);
                default -> out.append('\\').append(e); // bash keeps an unknown escape as it is
            }
        }
        cur.word.append(out);
        cur.inWord = true;
        cur.quoted = true;
        i = k < n ? k + 1 : n;
    }

    /** Index just after the bracket closing the one at {@code open}, or the end of the script. */
    private int matching(int open, char opening, char closing) {
        int depth = 0;
        for (int k = open; k < s.length(); k++) {
            char c = s.charAt(k);
            if (c == opening) {
                depth++;
            } else if (c == closing && --depth == 0) {
                return k + 1;
            }
        }
        return s.length();
    }

    private void angle(char c) {
        if (at(i + 1) == '(') {
            // Process substitution <(cmd) or >(cmd): a command whose output stands in for a file name.
            i += 2;
            push(')');
            return;
        }
        String fd = cur.word.toString();
        boolean fdPrefix = cur.inWord && !cur.quoted && !fd.isEmpty() && fd.chars().allMatch(Character::isDigit);
        if (fdPrefix) {
            cur.word.setLength(0);
            cur.inWord = false;
        } else {
            endWord();
        }
        i++;
        int kind = 1;
        boolean input = c == '<' && at(i) != '<' && at(i) != '>' && at(i) != '&';
        boolean append = c == '>' && at(i) == '>';
        if (c == '<' && at(i) == '<') {
            i++;
            if (at(i) == '<') {
                i++; // here-string: the next word is data
                kind = 3;
            } else {
                if (at(i) == '-') {
                    i++;
                }
                kind = 2;
            }
        } else if (at(i) == '>' || at(i) == '|' || at(i) == '&' || (c == '<' && at(i) == '>')) {
            if (at(i) == '&') {
                kind = 4; // duplication: >&2 names a descriptor, >& file a file
            }
            i++;
        }
        startRedirect(kind, input);
        cur.redirectAppend = append;
    }

    private void startRedirect(int kind, boolean input) {
        endWord();
        cur.redirect = kind;
        cur.redirectInput = input;
    }

    private void addRedirect(String target) {
        if (cur.pendingRedirects.isEmpty()) {
            cur.pendingRedirects = new ArrayList<>(2);
        }
        cur.pendingRedirects.add(redirects.size());
        redirects.add(new Redirect(target, cur.redirectInput, cur.redirectAppend, -1));
    }

    /** Adds {@code s[from, to)} to the current word. */
    private void append(int from, int to) {
        cur.word.append(s, from, to);
        cur.inWord = true;
    }

    private void endWord() {
        if (!cur.inWord) {
            return;
        }
        String w = cur.word.toString();
        boolean quoted = cur.quoted;
        cur.word.setLength(0);
        cur.inWord = false;
        cur.quoted = false;
        int redirect = cur.redirect;
        cur.redirect = 0;
        switch (redirect) {
            case 1 -> addRedirect(w);
            case 2 -> heredocs.add(w);
            case 3 -> { }
            case 4 -> {
                if (!w.equals("-") && !w.chars().allMatch(Character::isDigit)) {
                    addRedirect(w);
                }
            }
            default -> {
                if (!quoted && (w.equals("{") || w.equals("}"))) {
                    endCommand(false);
                } else {
                    cur.words.add(w);
                }
            }
        }
    }

    private void endCommand(boolean pipesIntoNext) {
        List<String> words = strip(cur.words);
        cur.words.clear();
        for (int pending : cur.pendingRedirects) {
            Redirect r = redirects.get(pending);
            redirects.set(pending, new Redirect(r.target(), r.input(), r.append(), words.isEmpty() ? -1 : commands.size()));
        }
        cur.pendingRedirects = List.of();
        if (words.isEmpty()) {
            if (!pipesIntoNext) {
                cur.pipedFrom = null;
            }
            return;
        }
        commands.add(words);
        if (cur.pipedFrom != null) {
            pipes.add(new Pipe(cur.pipedFrom, words));
        }
        cur.pipedFrom = pipesIntoNext ? words : null;
    }

    /** Drops leading keywords ({@code then}, {@code do}, ...) and variable assignments, and headers such as {@code for x in ...}. */
    private List<String> strip(List<String> words) {
        int k = 0;
        while (k < words.size() && (LEADING_KEYWORDS.contains(words.get(k)) || CommandWrappers.isAssignment(words.get(k)))) {
            if (CommandWrappers.isAssignment(words.get(k))) {
                assignments.add(words.get(k));
            }
            k++;
        }
        if (k < words.size()) {
            String first = words.get(k);
            if (first.equals("for") || first.equals("select") || first.equals("case") || first.equals("function")) {
                return Words.empty();
            }
        }
        return Words.of(words.subList(k, words.size()));
    }

    private void push(char closer) {
        // The outer word now depends on a command's output, which "$" marks as known only at run time.
        cur.word.append("$(…)");
        cur.inWord = true;
        stack.push(cur);
        cur = new Frame(closer);
    }

    private void pop() {
        endWord();
        endCommand(false);
        if (!stack.isEmpty()) {
            cur = stack.pop();
        }
    }

    /** After a line that started here-documents, skip their bodies: text, not commands. */
    private void skipHeredocBodies() {
        for (String delimiter : heredocs) {
            while (i < s.length()) {
                int end = s.indexOf('\n', i);
                String line = s.substring(i, end < 0 ? s.length() : end);
                i = end < 0 ? s.length() : end + 1;
                if (line.stripLeading().equals(delimiter)) {
                    break;
                }
            }
        }
        heredocs.clear();
    }
}
