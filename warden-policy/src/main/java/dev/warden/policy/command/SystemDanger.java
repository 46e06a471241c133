package dev.warden.policy.command;

import dev.warden.policy.shell.NameSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Commands that wreck the machine rather than files: disks and devices, power, every process, permissions. */
final class SystemDanger {
    private SystemDanger() {
    }

    private static final NameSet PARTITION_READ_FLAGS = NameSet.of(
            "-l", "--list", "-s", "--show-size", "-d", "--dump", "-J", "--json", "-p", "--print", "print", "-V",
            "--version", "-h", "--help", "-L", "--list-types");

    private static final NameSet POWER_UNITS = NameSet.of(
            "poweroff", "reboot", "halt", "kexec", "soft-reboot", "emergency", "rescue", "poweroff.target",
            "reboot.target", "halt.target", "kexec.target", "emergency.target", "rescue.target", "soft-reboot.target");

    private static final NameSet MATCH_EVERYTHING = NameSet.of("", ".", ".*", ".+", "^", "$", "^.*$", "^.*", ".*$");

    /** Long options that take the next word as their value: the operands start after them. */
    static final Set<String> COPY_LONG_WITH_VALUE = Set.of("--target-directory", "--suffix", "--group", "--mode", "--owner");
    static final Set<String> TEE_LONG_WITH_VALUE = Set.of("--output-error");
    private static final Set<String> SHRED_LONG_WITH_VALUE = Set.of("--iterations", "--size", "--random-source");
    private static final Set<String> KILL_LONG_WITH_VALUE = Set.of("--user", "--euid", "--uid", "--signal", "--group",
            "--parent", "--session", "--terminal", "--pidfile", "--pgroup", "--ns", "--nslist", "--older-than",
            "--younger-than");
    /** init and telinit levels that halt, reboot or drop to single-user. */
    private static final Set<String> INIT_LEVELS_THAT_STOP = Set.of("0", "6", "1", "s", "S");

    static Optional<String> dd(List<String> argv, DangerContext context) {
        for (String arg : argv) {
            if (arg.startsWith("of=") && TargetPaths.isDevice(arg.substring(3), context)) {
                return Optional.of("dd writes to the device " + arg.substring(3));
            }
        }
        return Optional.empty();
    }

    static Optional<String> wipefs(List<String> argv) {
        boolean erase = false;
        for (String arg : argv) {
            if (arg.equals("-n") || Options.isLongExact(arg, "no-act") || Options.clusterHas(arg, "n", "otO")) {
                return Optional.empty();
            }
            erase |= Options.clusterHas(arg, "ao", "tO") || Options.isLongExact(arg, "all") || Options.isLongExact(arg, "offset");
        }
        return erase ? Optional.of("wipefs erases filesystem signatures") : Optional.empty();
    }

    static Optional<String> partitionEditor(String name, List<String> argv, DangerContext context) {
        String device = null;
        for (String arg : argv.subList(1, argv.size())) {
            if (PARTITION_READ_FLAGS.contains(arg)) {
                return Optional.empty();
            }
            if (device == null && TargetPaths.isDevice(arg, context)) {
                device = arg;
            }
        }
        return device == null ? Optional.empty() : Optional.of(name + " edits the partition table of " + device);
    }

    static Optional<String> shred(List<String> argv, DangerContext context) {
        for (String target : operands(argv, "ns", SHRED_LONG_WITH_VALUE)) {
            if (TargetPaths.isDevice(target, context)) {
                return Optional.of("shred overwrites the device " + target);
            }
            String phrase = TargetPaths.judge(target, context, false);
            if (phrase != null) {
                return Optional.of("shred " + phrase);
            }
        }
        return Optional.empty();
    }

    /** rsync's short options that take the next word as their value. */
    private static final String RSYNC_SHORT_WITH_VALUE = "eBfMT";
    private static final Set<String> RSYNC_LONG_WITH_VALUE = Set.of("--rsh", "--rsync-path", "--filter", "--exclude",
            "--include", "--exclude-from", "--include-from", "--files-from", "--temp-dir", "--compare-dest",
            "--copy-dest", "--link-dest", "--backup-dir", "--suffix", "--chmod", "--chown", "--log-file",
            "--password-file", "--partial-dir", "--timeout", "--port", "--max-size", "--min-size", "--bwlimit");

    /**
     * rsync --delete (and its variants) removes whatever in the destination the source lacks, which makes
     * {@code rsync -a --delete empty/ /usr/} a recursive delete of /usr's contents; --remove-source-files
     * deletes the sources it sent. Remote paths ({@code host:path}) are not this machine's.
     */
    static Optional<String> rsync(List<String> argv, DangerContext context) {
        boolean deletes = argv.stream().anyMatch(a -> a.startsWith("--delete") || a.equals("--del"));
        boolean removesSources = argv.contains("--remove-source-files");
        if (!deletes && !removesSources) {
            return Optional.empty();
        }
        List<String> operands = operands(argv, RSYNC_SHORT_WITH_VALUE, RSYNC_LONG_WITH_VALUE);
        if (operands.size() < 2) {
            return Optional.empty();
        }
        List<String> judged = deletes ? List.of(operands.getLast()) : operands.subList(0, operands.size() - 1);
        for (String path : judged) {
            int colon = path.indexOf(':');
            int slash = path.indexOf('/');
            if (colon > 0 && (slash < 0 || colon < slash)) {
                continue; // host:path or rsync://host/, another machine (a colon after a slash is a local name)
            }
            String phrase = TargetPaths.judge(path, context, deletes);
            if (phrase != null) {
                return Optional.of(deletes ? "rsync --delete removes files " + phrase
                        : "rsync --remove-source-files deletes " + phrase);
            }
        }
        return Optional.empty();
    }

    /** tee, cp, mv, install: any file written that is a disk device. mv also: moving the root, home or workspace away. */
    static Optional<String> copyLike(String name, List<String> argv, DangerContext context) {
        List<String> operands = name.equals("tee") ? operands(argv, "", TEE_LONG_WITH_VALUE)
                : operands(argv, name.equals("install") ? "tSgmo" : "tS",
                        COPY_LONG_WITH_VALUE);
        List<String> written = new ArrayList<>();
        String target = optionValue(argv, "-t", "--target-directory");
        if (name.equals("tee")) {
            written.addAll(operands);
        } else if (target != null) {
            written.add(target);
        } else if (operands.size() >= 2) {
            written.add(operands.getLast());
        }
        for (String file : written) {
            if (TargetPaths.isDevice(file, context)) {
                return Optional.of(name + " writes to the device " + file);
            }
        }
        if (name.equals("mv")) {
            int sources = target != null ? operands.size() : operands.size() - 1;
            for (int k = 0; k < sources; k++) {
                if (TargetPaths.isCritical(operands.get(k), context)) {
                    return Optional.of("mv moves away " + operands.get(k));
                }
            }
        }
        return Optional.empty();
    }

    static Optional<String> power(String name, List<String> argv) {
        return switch (name) {
            case "shutdown" -> argv.contains("-c") || argv.contains("--help")
                    ? Optional.empty() : Optional.of("shutdown powers off or restarts the machine");
            case "reboot", "halt", "poweroff" -> argv.contains("--help")
                    ? Optional.empty() : Optional.of(name + " stops the machine");
            case "init", "telinit" -> argv.size() == 2 && INIT_LEVELS_THAT_STOP.contains(argv.get(1))
                    ? Optional.of(name + " " + argv.get(1) + " changes the runlevel (halt, reboot or single-user)")
                    : Optional.empty();
            case "systemctl" -> argv.stream().skip(1).filter(POWER_UNITS::contains).findFirst()
                    .map(unit -> "systemctl " + unit + " stops or restarts the machine");
            default -> Optional.empty();
        };
    }

    /** kill with pid -1 signals every process the user can reach; pid 1 is init. */
    static Optional<String> kill(List<String> argv) {
        int i = 1;
        if (i < argv.size()) {
            String first = argv.get(i);
            if (first.equals("-l") || first.equals("-L") || first.equals("--list") || first.equals("--table")) {
                return Optional.empty();
            }
            String signal = null;
            if (first.equals("-s") || first.equals("-n") || first.equals("--signal")) {
                signal = i + 1 < argv.size() ? argv.get(i + 1) : null;
                i += 2;
            } else if (first.startsWith("-") && !first.equals("--")) {
                signal = first.substring(1);
                i++;
            }
            if ("0".equals(signal)) {
                return Optional.empty(); // signal 0 only asks whether the process exists
            }
        }
        for (; i < argv.size(); i++) {
            String pid = argv.get(i);
            if (pid.equals("--")) {
                continue;
            }
            if (pid.equals("-1")) {
                return Optional.of("kill -1 signals every process you can reach");
            }
            if (pid.equals("1")) {
                return Optional.of("kill signals init (pid 1)");
            }
        }
        return Optional.empty();
    }

    /** pkill/killall selecting all of a user's processes (no name), or a pattern that matches every name. */
    static Optional<String> killByName(String name, List<String> argv) {
        boolean byUser = false;
        boolean regex = name.equals("pkill");
        List<String> patterns = new ArrayList<>();
        String valueShort = name.equals("pkill") ? "gGPstuUF" : "usoyn";
        for (int i = 1; i < argv.size(); i++) {
            String arg = argv.get(i);
            if (i == 1 && arg.length() > 1 && arg.charAt(0) == '-' && (Character.isDigit(arg.charAt(1))
                    || Character.isUpperCase(arg.charAt(1)) && !arg.equals("-U") && !arg.equals("-P") && !arg.equals("-G")
                    && !arg.equals("-F"))) {
                continue; // a signal such as -9 or -KILL
            }
            if (arg.startsWith("--")) {
                byUser |= Options.isLongExact(arg, "user") || Options.isLongExact(arg, "euid") || Options.isLongExact(arg, "uid");
                regex |= Options.isLongExact(arg, "regexp");
                if (!Options.hasInlineValue(arg) && KILL_LONG_WITH_VALUE.contains(arg)) {
                    i++;
                }
            } else if (Options.isShortCluster(arg)) {
                byUser |= Options.clusterHas(arg, "uU", valueShort.replace("u", "").replace("U", ""));
                regex |= name.equals("killall") && Options.clusterHas(arg, "r", valueShort);
                if (Options.clusterTakesNext(arg, valueShort)) {
                    i++;
                }
            } else {
                patterns.add(arg);
            }
        }
        if (byUser && patterns.isEmpty()) {
            return Optional.of(name + " kills every process of a user");
        }
        for (String pattern : patterns) {
            if (regex && MATCH_EVERYTHING.contains(pattern)) {
                return Optional.of(name + " '" + pattern + "' kills every process it can");
            }
        }
        return Optional.empty();
    }

    static Optional<String> crontab(List<String> argv) {
        for (String arg : argv.subList(1, argv.size())) {
            if (Options.clusterHas(arg, "r", "u")) {
                return Optional.of("crontab -r deletes every scheduled job of the user");
            }
        }
        return Optional.empty();
    }

    /** The words of {@code argv} that are operands, skipping options and the values they take. */
    static List<String> operands(List<String> argv, String shortWithValue, Set<String> longWithValue) {
        List<String> out = new ArrayList<>();
        boolean options = true;
        for (int i = 1; i < argv.size(); i++) {
            String arg = argv.get(i);
            if (options && arg.equals("--")) {
                options = false;
            } else if (options && arg.startsWith("--")) {
                if (!Options.hasInlineValue(arg) && longWithValue.contains(arg)) {
                    i++;
                }
            } else if (options && Options.isShortCluster(arg)) {
                if (Options.clusterTakesNext(arg, shortWithValue)) {
                    i++;
                }
            } else {
                out.add(arg);
            }
        }
        return out;
    }

    static String optionValue(List<String> argv, String shortName, String longName) {
        for (int i = 1; i < argv.size(); i++) {
            String arg = argv.get(i);
            if (arg.equals("--")) {
                return null;
            }
            if (arg.equals(shortName) || arg.equals(longName)) {
                return i + 1 < argv.size() ? argv.get(i + 1) : null;
            }
            if (arg.startsWith(longName + "=")) {
                return arg.substring(longName.length() + 1);
            }
            if (arg.startsWith(shortName) && arg.length() > shortName.length() && !arg.startsWith("--")) {
                return arg.substring(shortName.length());
            }
        }
        return null;
    }
}
