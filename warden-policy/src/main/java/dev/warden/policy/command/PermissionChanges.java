package dev.warden.policy.command;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * chmod, chown and chgrp that weaken a system: making files world-writable, setting setuid/setgid bits outside the
 * workspace (the classic privilege-escalation plant), or recursively changing anything outside the workspace.
 */
final class PermissionChanges {
    private PermissionChanges() {
    }

    static Optional<String> chmod(List<String> argv, DangerContext context) {
        boolean recursive = false;
        String mode = null;
        List<String> targets = new ArrayList<>();
        boolean options = true;
        for (int i = 1; i < argv.size(); i++) {
            String arg = argv.get(i);
            if (options && arg.equals("--")) {
                options = false;
            } else if (options && arg.startsWith("--")) {
                recursive |= Options.isLong(arg, "recursive") && arg.length() > 3;
                if (arg.startsWith("--reference")) {
                    mode = "";
                    if (!Options.hasInlineValue(arg)) {
                        i++;
                    }
                }
            } else if (options && Options.isShortCluster(arg) && arg.substring(1).chars().allMatch(c -> "Rcfv".indexOf(c) >= 0)) {
                // chmod also takes modes that start with a dash (-w, -rwx): only clusters of real flags are options.
                recursive |= arg.indexOf('R') > 0;
            } else if (mode == null) {
                mode = arg;
            } else {
                targets.add(arg);
            }
        }
        if (mode == null || mode.isEmpty()) {
            return Optional.empty();
        }
        boolean worldWritable = grantsOthersWrite(mode);
        boolean setId = setsSetId(mode);
        for (String target : targets) {
            String phrase = on(TargetPaths.judgeTarget(target, context, true));
            if (worldWritable && recursive) {
                return Optional.of("recursive chmod " + mode + " makes files world-writable: " + target);
            }
            if (phrase != null && worldWritable) {
                return Optional.of("chmod " + mode + " makes files world-writable " + phrase);
            }
            if (phrase != null && setId) {
                return Optional.of("chmod " + mode + " sets the setuid/setgid bit " + phrase);
            }
            if (phrase != null && recursive) {
                return Optional.of("recursive chmod " + phrase);
            }
        }
        return Optional.empty();
    }

    static Optional<String> chown(String name, List<String> argv, DangerContext context) {
        boolean recursive = false;
        List<String> operands = new ArrayList<>();
        boolean options = true;
        for (int i = 1; i < argv.size(); i++) {
            String arg = argv.get(i);
            if (options && arg.equals("--")) {
                options = false;
            } else if (options && arg.startsWith("--")) {
                recursive |= Options.isLong(arg, "recursive") && arg.length() > 3;
                if (arg.startsWith("--reference")) {
                    operands.add("");
                    if (!Options.hasInlineValue(arg)) {
                        i++;
                    }
                }
            } else if (options && Options.isShortCluster(arg)) {
                recursive |= arg.indexOf('R') > 0;
            } else {
                operands.add(arg);
            }
        }
        if (!recursive) {
            return Optional.empty();
        }
        for (String target : operands.subList(Math.min(1, operands.size()), operands.size())) {
            String phrase = on(TargetPaths.judgeTarget(target, context, true));
            if (phrase != null) {
                return Optional.of("recursive " + name + " " + phrase);
            }
        }
        return Optional.empty();
    }

    /** "of the workspace root: /w" reads "on the workspace root: /w" after a verb that changes rather than deletes. */
    private static String on(String phrase) {
        return phrase != null && phrase.startsWith("of ") ? "on " + phrase.substring(3) : phrase;
    }

    /** Whether a mode gives "others" write permission: octal x_x2/3/6/7, or symbolic o+w, a+w, a=rwx. */
    static boolean grantsOthersWrite(String mode) {
        if (isOctal(mode)) {
            int value = Integer.parseInt(mode, 8);
            return (value & 02) != 0;
        }
        for (String clause : mode.split(",")) {
            int op = firstOp(clause);
            if (op < 0) {
                continue;
            }
            String who = clause.substring(0, op);
            char operator = clause.charAt(op);
            String perms = clause.substring(op + 1);
            if ((who.indexOf('o') >= 0 || who.indexOf('a') >= 0) && operator != '-' && perms.indexOf('w') >= 0) {
                return true;
            }
        }
        return false;
    }

    /** Whether a mode sets setuid or setgid: octal 4xxx/2xxx/6xxx, or symbolic +s. */
    static boolean setsSetId(String mode) {
        if (isOctal(mode)) {
            return mode.length() >= 4 && (Integer.parseInt(mode, 8) & 06000) != 0;
        }
        for (String clause : mode.split(",")) {
            int op = firstOp(clause);
            if (op >= 0 && clause.charAt(op) != '-' && clause.indexOf('s', op) > op) {
                return true;
            }
        }
        return false;
    }

    private static boolean isOctal(String mode) {
        if (mode.isEmpty() || mode.length() > 5) {
            return false;
        }
        for (int k = 0; k < mode.length(); k++) {
            if (mode.charAt(k) < '0' || mode.charAt(k) > '7') {
                return false;
            }
        }
        return true;
    }

    private static int firstOp(String clause) {
        for (int k = 0; k < clause.length(); k++) {
            char c = clause.charAt(k);
            if (c == '+' || c == '-' || c == '=') {
                return k;
            }
        }
        return -1;
    }
}
