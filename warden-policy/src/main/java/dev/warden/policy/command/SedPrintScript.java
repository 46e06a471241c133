package dev.warden.policy.command;

import java.util.List;

/**
 * The one sed shape that is known to be read-only: {@code sed -n 'N p'} or {@code 'N,M p'} over files.
 * sed scripts can write files ({@code w}), run commands ({@code e}, {@code s///e}) and edit in place ({@code -i});
 * rather than parse the sed language, only line-range printing is accepted.
 */
final class SedPrintScript {
    private SedPrintScript() {
    }

    static boolean isPrintOnly(List<String> argv) {
        boolean quiet = false;
        boolean scriptSeen = false;
        boolean options = true;
        for (int i = 1; i < argv.size(); i++) {
            String arg = argv.get(i);
            if (options && arg.equals("--")) {
                options = false;
                continue;
            }
            if (options && arg.startsWith("-") && !arg.equals("-")) {
                switch (arg) {
                    case "-n", "--quiet", "--silent" -> quiet = true;
                    case "-E", "-r", "--regexp-extended", "-s", "--separate", "-u", "--unbuffered", "-z", "--null-data" -> { }
                    case "-e" -> {
                        if (i + 1 >= argv.size() || !isPrintRange(argv.get(++i))) {
                            return false;
                        }
                        scriptSeen = true;
                    }
                    default -> {
                        if (arg.startsWith("--expression=") && isPrintRange(arg.substring("--expression=".length()))) {
                            scriptSeen = true;
                        } else {
                            // -i, -f, --in-place, -ni, --follow-symlinks, ... : not a shape we accept.
                            return false;
                        }
                    }
                }
                continue;
            }
            if (!scriptSeen) {
                if (!isPrintRange(arg)) {
                    return false;
                }
                scriptSeen = true;
            }
            // Remaining operands are input files. GNU sed also reads options after operands, which the branch
            // above already checks for every word.
        }
        return quiet && scriptSeen;
    }

    /** {@code Np}, {@code N,Mp}, with {@code $} for the last line and optional blanks before {@code p}. */
    static boolean isPrintRange(String script) {
        int i = 0;
        int n = script.length();
        int end = n;
        while (end > 0 && Character.isWhitespace(script.charAt(end - 1))) {
            end--;
        }
        if (end == 0 || script.charAt(end - 1) != 'p') {
            return false;
        }
        end--;
        while (end > 0 && (script.charAt(end - 1) == ' ' || script.charAt(end - 1) == '\t')) {
            end--;
        }
        i = address(script, i, end);
        if (i < 0) {
            return false;
        }
        if (i < end && script.charAt(i) == ',') {
            i = address(script, i + 1, end);
            if (i < 0) {
                return false;
            }
        }
        return i == end;
    }

    private static int address(String s, int start, int end) {
        if (start < end && s.charAt(start) == '$') {
            return start + 1;
        }
        int i = start;
        while (i < end && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
            i++;
        }
        return i > start ? i : -1;
    }
}
