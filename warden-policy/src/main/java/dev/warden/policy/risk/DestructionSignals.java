package dev.warden.policy.risk;

import dev.warden.policy.command.Danger;
import dev.warden.policy.command.DangerousCommands;
import dev.warden.policy.command.Options;
import dev.warden.policy.command.TargetPaths;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Destructive actions (ATT&CK's impact tactic), and the dangerous-command heuristics' verdicts sorted into the
 * reviewer's categories: what {@link DangerousCommands} already refuses keeps its reason, and gains a level; the
 * reviewer adds what the heuristics leave to the sandbox (dropped databases, stopped services, processes killed by
 * name, files encrypted in place, cloud resources deleted, machines kept busy).
 */
final class DestructionSignals {
    private DestructionSignals() {
    }

    /** Words that delete a database, a table or every key, in SQL and the usual NoSQL shells. */
    private static final String[] DATABASE_DROPS = {"drop database", "drop table", "drop schema", "drop keyspace",
            "truncate table", "flushall", "flushdb", "dropdatabase(", ".drop()", "deletemany({})", "remove({})",
            "drop collection", "drop index", "drop user"};
    private static final Pattern WHITESPACE = Pattern.compile("\\s+");
    private static final Set<String> FIND_NON_FILTERS = Set.of("-delete", "-exec", "-execdir", "-depth", "-print",
            "-print0", "-xdev", "-mount", "-L", "-H", "-P", "-ok", "-okdir", "-maxdepth", "-mindepth");
    private static final Set<String> DATABASE_TOOLS = Set.of("dropdb", "dropuser", "mysqladmin");
    private static final Set<String> MINERS = Set.of("xmrig", "minerd", "cpuminer", "ethminer", "t-rex", "nbminer",
            "lolminer", "phoenixminer", "cgminer", "bfgminer", "nicehash");
    private static final Set<String> ENCRYPTORS = Set.of("gpg", "gpg2", "openssl", "ccencrypt", "ccrypt", "7z", "7za",
            "zip", "age", "aescrypt");

    static void check(Invocation inv, Evidence ev) {
        DangerousCommands.danger(inv.words(), inv.context()).ifPresent(d -> classify(d, inv, ev));
        String name = inv.name().toLowerCase(Locale.ROOT);
        databases(inv, name, ev);
        switch (name) {
            case "kill" -> {
                if (inv.args().stream().anyMatch(w -> w.contains("$(") || w.contains("`") || w.equals("$(…)"))) {
                    ev.destruction(RiskLevel.MEDIUM, "kills processes chosen at run time", inv.line());
                }
            }
            case "killall", "pkill" -> {
                if (!inv.operands().isEmpty()) {
                    ev.destruction(RiskLevel.MEDIUM, "kills every process matching a name", inv.line());
                }
            }
            case "systemctl", "service", "rc-service", "sv", "initctl", "launchctl" -> {
                if (inv.hasAny("stop", "disable", "mask", "kill", "unload", "bootout", "remove")) {
                    ev.destruction(RiskLevel.MEDIUM, "stops or disables a service", inv.line());
                    ev.weakening(RiskLevel.MEDIUM, "stops or disables a service, which may be a defence", inv.line());
                }
            }
            case "dd" -> inv.args().stream().filter(w -> w.startsWith("of=")).map(w -> w.substring(3))
                    .filter(f -> !SensitivePaths.harmlessDevice(f) && !f.startsWith("/dev/")
                            && SensitivePaths.outsideWorkspace(f, inv.context()) && !SensitivePaths.scratch(f, inv.context()))
                    .findFirst().ifPresent(f -> ev.destruction(RiskLevel.MEDIUM, "overwrites a file outside the workspace",
                            inv.line()));
            case "yes" -> {
                if (inv.upstream().isEmpty()) {
                    ev.destruction(RiskLevel.MEDIUM, "runs without end, burning a CPU", inv.line());
                }
            }
            case "passwd", "userdel", "deluser", "usermod", "chage" -> {
                if (name.equals("userdel") || name.equals("deluser") || !inv.operands().isEmpty()
                        && (name.equals("passwd") || inv.hasAny("-L", "--lock", "-e", "--expiredate", "-E"))) {
                    ev.destruction(RiskLevel.MEDIUM, "locks, removes or re-keys another account", inv.line());
                }
            }
            case "lvremove", "vgremove", "pvremove", "zfs", "btrfs", "snapper", "timeshift", "tmutil", "vssadmin" -> {
                if (inv.hasAny("destroy", "delete", "remove", "--delete") || name.endsWith("remove")) {
                    ev.destruction(RiskLevel.HIGH, "deletes volumes, snapshots or backups", inv.line());
                }
            }
            case "terraform", "pulumi" -> {
                if (inv.has("destroy")) {
                    ev.destruction(RiskLevel.HIGH, "destroys provisioned infrastructure", inv.line());
                }
            }
            case "kubectl", "helm" -> {
                if (inv.hasAny("delete", "uninstall") && (inv.hasAny("--all", "namespace", "ns", "-A", "--all-namespaces"))) {
                    ev.destruction(RiskLevel.HIGH, "deletes cluster resources wholesale", inv.line());
                }
            }
            case "docker", "podman" -> {
                if (inv.has("prune") || inv.has("rm") && inv.args().stream().anyMatch(w -> w.contains("$(")
                        || w.contains("$(…)"))) {
                    ev.destruction(RiskLevel.MEDIUM, "deletes containers, images or volumes wholesale", inv.line());
                }
            }
            case "aws", "gsutil", "gcloud", "az" -> {
                if ((inv.hasAny("rb", "rm", "delete", "delete-bucket") && inv.hasAny("--recursive", "--force", "-r", "-rf"))) {
                    ev.destruction(RiskLevel.HIGH, "deletes cloud storage recursively", inv.line());
                }
            }
            default -> { }
        }
        if ((name.equals("rm") || name.equals("shred") || name.equals("unlink"))
                && Options.basename(inv.words().getFirst()).equals("xargs")) {
            piped(inv, ev);
        }
        if (MINERS.contains(name) || inv.args().stream().anyMatch(w -> w.startsWith("stratum+tcp://"))) {
            ev.destruction(RiskLevel.HIGH, "mines cryptocurrency on this machine", inv.line());
        }
        if (ENCRYPTORS.contains(name) && encrypts(inv, name)) {
            for (String w : inv.operands()) {
                if (!w.equals("-") && SensitivePaths.outsideWorkspace(w, inv.context()) && w.contains("/")) {
                    ev.destruction(name.startsWith("cc") ? RiskLevel.HIGH : RiskLevel.MEDIUM,
                            "encrypts files outside the workspace, as ransomware does", inv.name() + " " + w);
                    break;
                }
            }
        }
    }

    /**
     * {@code find DIR ... | xargs rm}: the heuristics leave deletions fed by a pipe to the sandbox, but what find
     * lists outside the workspace is what gets deleted.
     */
    private static void piped(Invocation inv, Evidence ev) {
        for (Invocation producer : inv.upstream()) {
            if (!producer.name().equals("find") && !producer.name().endsWith("locate")) {
                continue;
            }
            List<String> starts = producer.name().equals("find") ? findStarts(producer) : List.of("/");
            for (String start : starts) {
                if (SensitivePaths.outsideWorkspace(start, producer.context())) {
                    boolean scratch = SensitivePaths.scratch(start, producer.context());
                    ev.destruction(scratch ? RiskLevel.MEDIUM : RiskLevel.HIGH,
                            "deletes what " + producer.name() + " lists outside the workspace",
                            producer.line() + " | … " + inv.line());
                    return;
                }
            }
        }
    }

    private static boolean encrypts(Invocation inv, String name) {
        return switch (name) {
            case "gpg", "gpg2" -> inv.args().stream().anyMatch(w -> w.equals("-c") || w.equals("-e")
                    || w.equals("--symmetric") || w.equals("--encrypt"));
            case "openssl" -> inv.has("enc") && !inv.has("-d") || inv.has("-encrypt");
            case "zip" -> inv.args().stream().anyMatch(w -> w.equals("-e") || w.equals("-P") || w.startsWith("--password"));
            case "7z", "7za" -> inv.args().stream().anyMatch(w -> w.startsWith("-p"));
            default -> true;
        };
    }

    private static void databases(Invocation inv, String name, Evidence ev) {
        if (DATABASE_TOOLS.contains(name) && (!name.equals("mysqladmin") || inv.has("drop"))) {
            ev.destruction(RiskLevel.HIGH, "drops a database", inv.line());
            return;
        }
        for (int k = 0; k < inv.args().size(); k++) {
            String w = inv.args().get(k);
            String l = inv.lowerArgs().get(k);
            if (!l.contains("drop") && !l.contains("flush") && !l.contains("truncate") && !l.contains("delete")
                    && !l.contains("remove(")) {
                continue;
            }
            l = WHITESPACE.matcher(l).replaceAll(" ");
            for (String drop : DATABASE_DROPS) {
                if (l.contains(drop)) {
                    ev.destruction(RiskLevel.HIGH, "drops or empties a database", w);
                    return;
                }
            }
            if (l.contains("delete from ") && !l.contains(" where ")) {
                ev.destruction(RiskLevel.HIGH, "deletes every row of a table", w);
                return;
            }
        }
    }

    /**
     * How bad a deletion the heuristics flagged is: critical for the root, a top-level system directory or the home
     * directory (unless find narrows what it deletes), medium when everything deleted lies in a scratch directory,
     * high otherwise (the workspace root, anything else outside it, a path known only at run time).
     */
    private static RiskLevel deletionLevel(String reason, Invocation inv) {
        if (reason.contains("--no-preserve-root")) {
            return RiskLevel.CRITICAL;
        }
        List<String> targets = inv.name().equals("find") ? findStarts(inv)
                : inv.operands().stream().filter(w -> !w.startsWith("-")).toList();
        if (!targets.isEmpty() && targets.stream().allMatch(w -> SensitivePaths.scratch(w, inv.context()))) {
            return RiskLevel.MEDIUM;
        }
        boolean narrowed = inv.name().equals("find") && inv.args().stream().anyMatch(w -> w.startsWith("-")
                && !FIND_NON_FILTERS.contains(w));
        if (inv.name().equals("mv") || reason.startsWith("find -exec runs: mv moves away")) {
            // The files still exist elsewhere: only moving away the root, a system directory or the home is severe.
            return targets.stream().anyMatch(w -> TargetPaths.isCritical(w, inv.context()) && !inside(w, inv))
                    ? RiskLevel.HIGH : RiskLevel.MEDIUM;
        }
        if (narrowed) {
            return RiskLevel.HIGH;
        }
        for (String w : targets) {
            Path p = TargetPaths.resolve(w, inv.context());
            if (p != null && p.isAbsolute() && (p.getNameCount() <= 1 || inv.context().home().startsWith(p))) {
                return RiskLevel.CRITICAL;
            }
        }
        return RiskLevel.HIGH;
    }

    private static boolean inside(String word, Invocation inv) {
        Path p = TargetPaths.resolve(word, inv.context());
        return p != null && inv.context().workspaceRoots().stream().anyMatch(p::startsWith);
    }

    /** The start points of a find command: the words before its expression (the working directory when none). */
    private static List<String> findStarts(Invocation inv) {
        List<String> starts = new ArrayList<>();
        for (String w : inv.args()) {
            if (w.startsWith("-") || w.equals("!") || w.equals("(")) {
                break;
            }
            starts.add(w);
        }
        return starts.isEmpty() ? List.of(".") : starts;
    }

    /** The dangerous-command verdict, in the reviewer's categories and levels. */
    static void classify(Danger danger, Invocation inv, Evidence ev) {
        String reason = danger.reason();
        switch (danger.kind()) {
            case DELETION -> ev.destruction(deletionLevel(reason, inv), reason, inv.line());
            case DISK, FORK_BOMB -> ev.destruction(RiskLevel.CRITICAL, reason, inv.line());
            case PROCESSES -> ev.destruction(inv.has("-1") || inv.name().equals("killall5") ? RiskLevel.CRITICAL
                    : RiskLevel.HIGH, reason, inv.line());
            case VCS_HISTORY, POWER -> ev.destruction(RiskLevel.HIGH, reason, inv.line());
            case PERMISSIONS, SECURITY_CONTROL -> ev.weakening(RiskLevel.HIGH, reason, inv.line());
            case AUTORUN_WRITE -> ev.weakening(RiskLevel.HIGH, reason, inv.line());
            case REMOTE_CODE -> ev.weakening(RiskLevel.HIGH, reason, inv.line());
            case RAW_NETWORK -> {
                ev.exfiltration(RiskLevel.HIGH, reason, inv.line());
                ev.dataSent = inv.line();
            }
        }
    }
}
