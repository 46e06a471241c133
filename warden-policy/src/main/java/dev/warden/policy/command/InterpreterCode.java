package dev.warden.policy.command;

import java.util.List;
import java.util.Optional;

/**
 * Recursive deletions written as a scripting language's one-liner instead of {@code rm -rf}:
 * {@code python3 -c 'import shutil; shutil.rmtree("/usr")'}, {@code perl -MFile::Path -e 'rmtree "/usr"'},
 * {@code ruby -e 'FileUtils.rm_rf("/usr")'}, {@code node -e 'fs.rmSync("/usr", {recursive: true})'}. The target is
 * the call's first argument when that is a string literal, judged as {@code rm -rf}'s targets are; a path computed
 * at run time is not guessed at (the sandbox confines what the code can reach, and the risk engine reads the rest).
 *
 * <p>Plain single-file deletions ({@code os.remove}, {@code unlink}) are left alone, as a plain {@code rm FILE} is.
 */
final class InterpreterCode {
    private InterpreterCode() {
    }

    /** Calls that delete a directory and everything below it, in Python, Perl, Ruby and Node. */
    private static final List<String> RECURSIVE = List.of("rmtree", "remove_tree", "rm_rf", "rm_r", "remove_dir",
            "remove_entry", "removedirs", "rimraf");

    /** Node's {@code fs.rm}/{@code fs.rmSync}/{@code fs.rmdirSync}: recursive only when the code says so. */
    private static final List<String> NODE_RM = List.of("rmSync", "rmdirSync", ".rm", ".rmdir");

    /** Why the code among {@code words} (an interpreter's arguments) is a dangerous deletion, if it is. */
    static Optional<String> deletion(String interpreter, List<String> words, DangerContext context) {
        for (int i = 1; i < words.size(); i++) {
            String code = words.get(i);
            if (code.indexOf('(') < 0 && code.indexOf(' ') < 0) {
                continue; // an option or a script's file name, not code
            }
            for (String call : RECURSIVE) {
                Optional<String> reason = judgeCalls(interpreter, code, call, context);
                if (reason.isPresent()) {
                    return reason;
                }
            }
            if (code.contains("recursive")) {
                for (String call : NODE_RM) {
                    Optional<String> reason = judgeCalls(interpreter, code, call, context);
                    if (reason.isPresent()) {
                        return reason;
                    }
                }
            }
        }
        return Optional.empty();
    }

    private static Optional<String> judgeCalls(String interpreter, String code, String call, DangerContext context) {
        for (int at = code.indexOf(call); at >= 0; at = code.indexOf(call, at + 1)) {
            boolean nameStarts = call.startsWith(".") || at == 0 || !identifier(code.charAt(at - 1));
            String target = nameStarts ? literalAfter(code, at + call.length()) : null;
            if (target == null) {
                continue;
            }
            String phrase = TargetPaths.judge(target, context, false);
            if (phrase != null) {
                return Optional.of("recursive delete " + phrase + " (" + interpreter + " "
                        + (call.startsWith(".") ? call.substring(1) : call) + ")");
            }
        }
        return Optional.empty();
    }

    /**
     * The string literal that is the first argument of a call whose name ends at {@code from}: {@code ("x"},
     * {@code ( 'x'}, or Perl's and Ruby's {@code  "x"} without parentheses; null when the argument is not a literal
     * or the name goes on ({@code rmtree_all}).
     */
    static String literalAfter(String code, int from) {
        int k = from;
        if (k < code.length() && identifier(code.charAt(k))) {
            return null;
        }
        while (k < code.length() && (code.charAt(k) == ' ' || code.charAt(k) == '(')) {
            k++;
        }
        if (k >= code.length()) {
            return null;
        }
        char quote = code.charAt(k);
        if (quote != '"' && quote != '\'' && quote != '`') {
            return null;
        }
        int end = code.indexOf(quote, k + 1);
        if (end < 0 || code.lastIndexOf('\\', end) > k) {
            return null; // unterminated, or escapes that would need the language's own rules
        }
        String literal = code.substring(k + 1, end);
        return literal.isEmpty() || literal.indexOf("${") >= 0 || literal.indexOf('#') >= 0 && quote == '"' ? null
                : literal;
    }

    private static boolean identifier(char c) {
        return Character.isLetterOrDigit(c) || c == '_';
    }
}
