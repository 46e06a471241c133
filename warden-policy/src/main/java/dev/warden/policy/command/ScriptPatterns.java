package dev.warden.policy.command;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Shapes of a script that are dangerous as a whole rather than command by command: fork bombs, eval of a download. */
final class ScriptPatterns {
    private ScriptPatterns() {
    }

    /** perl -e 'fork while fork', python 'while True: os.fork()'. */
    private static final Pattern FORK_LOOP = Pattern.compile(
            "\\bfork\\s*(?:\\(\\s*\\))?\\s*while\\s*(?:fork|1|true)\\b|while\\s*(?:True|1)\\s*:\\s*os\\.fork\\(\\)");

    /** eval "$(curl ...)", bash <(wget -O- ...), sh -c "$(curl ...)", . <(curl ...). */
    private static final Pattern EVAL_DOWNLOAD = Pattern.compile(
            "(?:\\beval|\\bsource|(?<![\\w./-])\\.|\\b(?:ba|z|da|k|mk)?sh)\\s+(?:-\\w+\\s+){0,3}[\"']?\\s*(?:\\$\\(|<\\(|`)\\s*"
                    + "(?:sudo\\s+)?(?:curl|wget|fetch)\\b");

    private static final String NAME_END = " \t\n(){}|&;<>";

    static Optional<Danger> reason(String script) {
        Optional<String> bomb = forkBomb(script).or(() -> keywordForkBomb(script));
        if (bomb.isPresent()) {
            return bomb.map(r -> new Danger(DangerKind.FORK_BOMB, r));
        }
        if (script.contains("fork") && FORK_LOOP.matcher(script).find()) {
            return Optional.of(new Danger(DangerKind.FORK_BOMB, "fork bomb: a loop that forks without end"));
        }
        if (script.contains("curl") || script.contains("wget") || script.contains("fetch")) {
            Matcher m = EVAL_DOWNLOAD.matcher(script);
            if (m.find()) {
                return Optional.of(new Danger(DangerKind.REMOTE_CODE, "runs code straight from the network: " + m.group().strip()));
            }
        }
        return Optional.empty();
    }

    /**
     * A function whose body pipes itself into itself in the background, {@code :(){ :|:& };:} or
     * {@code bomb() { bomb | bomb & }}, whatever the name. Scanned by hand: linear in the script's length.
     */
    static Optional<String> forkBomb(String s) {
        int from = 0;
        while (true) {
            int paren = s.indexOf('(', from);
            if (paren < 0) {
                return Optional.empty();
            }
            from = paren + 1;
            int nameEnd = paren;
            while (nameEnd > 0 && (s.charAt(nameEnd - 1) == ' ' || s.charAt(nameEnd - 1) == '\t')) {
                nameEnd--;
            }
            int nameStart = nameEnd;
            while (nameStart > 0 && NAME_END.indexOf(s.charAt(nameStart - 1)) < 0) {
                nameStart--;
            }
            if (nameStart == nameEnd) {
                continue;
            }
            int k = skipBlanks(s, paren + 1);
            if (k >= s.length() || s.charAt(k) != ')') {
                continue;
            }
            k = skipBlanks(s, k + 1);
            if (k >= s.length() || (s.charAt(k) != '{' && s.charAt(k) != '(')) {
                continue;
            }
            String name = s.substring(nameStart, nameEnd);
            if (pipesItselfInBackground(s, k + 1, name)) {
                return Optional.of("fork bomb: function " + name + " starts two copies of itself without end");
            }
        }
    }

    /** {@code function NAME { NAME | NAME & }}: the keyword form, where the parentheses are optional. */
    private static Optional<String> keywordForkBomb(String s) {
        int from = 0;
        while (true) {
            int at = s.indexOf("function", from);
            if (at < 0) {
                return Optional.empty();
            }
            from = at + 8;
            int k = skipBlanks(s, from);
            int nameStart = k;
            while (k < s.length() && NAME_END.indexOf(s.charAt(k)) < 0) {
                k++;
            }
            if (k == nameStart || k == from) {
                continue;
            }
            String name = s.substring(nameStart, k);
            k = skipBlanks(s, k);
            if (s.startsWith("()", k)) {
                k = skipBlanks(s, k + 2);
            }
            if (k < s.length() && s.charAt(k) == '{' && pipesItselfInBackground(s, k + 1, name)) {
                return Optional.of("fork bomb: function " + name + " starts two copies of itself without end");
            }
        }
    }

    /** Whether the function body starting at {@code k} reads {@code NAME | NAME &}. */
    private static boolean pipesItselfInBackground(String s, int start, String name) {
        int k = skipBlanks(s, start);
        if (!s.startsWith(name, k)) {
            return false;
        }
        k = skipBlanks(s, k + name.length());
        if (k >= s.length() || s.charAt(k) != '|' || (k + 1 < s.length() && s.charAt(k + 1) == '|')) {
            return false;
        }
        k = skipBlanks(s, k + 1);
        if (!s.startsWith(name, k)) {
            return false;
        }
        k = skipBlanks(s, k + name.length());
        return k < s.length() && s.charAt(k) == '&' && (k + 1 >= s.length() || s.charAt(k + 1) != '&');
    }

    private static int skipBlanks(String s, int k) {
        while (k < s.length() && (s.charAt(k) == ' ' || s.charAt(k) == '\t' || s.charAt(k) == '\n')) {
            k++;
        }
        return k;
    }
}
