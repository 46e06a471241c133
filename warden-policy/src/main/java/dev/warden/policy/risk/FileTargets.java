package dev.warden.policy.risk;

import dev.warden.policy.command.AutorunPaths;
import dev.warden.policy.command.DangerContext;
import dev.warden.policy.command.DangerousCommands;
import dev.warden.policy.command.Options;
import dev.warden.policy.command.TargetPaths;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The files a command writes or deletes, judged by where they are: files that decide trust (sudoers, PAM, Warden's
 * own configuration), files that run later, security configuration, certificate stores, logs and histories, the
 * kernel's control files, and anything else outside the workspace.
 */
final class FileTargets {
    private FileTargets() {
    }

    private static final Set<String> EDITORS = Set.of("vi", "vim", "nvim", "view", "nano", "pico", "emacs", "ed", "ex",
            "ee", "joe", "mcedit", "micro", "gedit", "kate", "sudoedit", "mg", "jed", "kak", "hx");
    private static final Set<String> DELETERS = Set.of("rm", "unlink", "shred", "truncate", "rmdir", "srm", "wipe");
    /** Options that name a file a program writes its output or log to. */
    private static final Set<String> OUTPUT_OPTIONS = Set.of("-o", "--output", "--out", "-out", "--outfile", "--outFile",
            "--output-file", "--log-file", "--logfile", "-Logfile", "--dump-bin", "-fprintf", "-fprint", "-fls",
            "--junit-xml", "-O", "--output-document", "-w", "--write");

    /** Options, by program, that name a file the program writes (its output, log or typescript). */
    private static final Map<String, Set<String>> WRITE_OPTIONS = Map.of(
            "screen", Set.of("-L", "-Logfile"), "rlwrap", Set.of("-l", "--logfile"), "logrotate", Set.of("-l", "--log"),
            "check_log", Set.of("-O"), "exiftool", Set.of("-W", "-filename", "--filename", "-o"),
            "ssh-copy-id", Set.of("-t"), "tar", Set.of("-C", "--directory"), "git", Set.of("--directory"),
            "unzip", Set.of("-d"));
    /** Converters whose last operand is the file they write. */
    private static final Set<String> CONVERTERS = Set.of("dos2unix", "unix2dos", "mac2unix", "lwp-download", "uniq",
            "iconv", "csplit");

    static void check(Invocation inv, Evidence ev) {
        String name = inv.name();
        List<String> written = new ArrayList<>(inv.writes());
        Set<String> programOptions = WRITE_OPTIONS.getOrDefault(name, Set.of());
        List<String> a = inv.args();
        for (int i = 0; i < a.size(); i++) {
            String w = a.get(i);
            int eq = w.indexOf('=');
            if (programOptions.contains(w) && i + 1 < a.size()) {
                written.add(a.get(++i));
            } else if (eq > 0 && programOptions.contains(w.substring(0, eq))) {
                written.add(w.substring(eq + 1));
            }
        }
        List<String> operands = inv.operands();
        if ((CONVERTERS.contains(name) || name.equals("xxd") && inv.has("-r") || name.equals("script"))
                && operands.size() >= (name.equals("script") ? 1 : 2)) {
            written.add(operands.getLast());
        }
        if (name.equals("sed")) {
            for (String w : a) {
                int at = w.indexOf("w /");
                if (at >= 0 && (at == 0 || "/;}0123456789 ".indexOf(w.charAt(at - 1)) >= 0)) {
                    written.add(w.substring(at + 2).split("[ ;]")[0]);
                }
            }
        }
        if (name.equals("socat")) {
            for (String w : operands) {
                String l = w.toLowerCase(Locale.ROOT);
                if (l.startsWith("open:") || l.startsWith("create:") || l.startsWith("gopen:")) {
                    written.add(w.substring(w.indexOf(':') + 1).split(",")[0]);
                }
            }
        }
        written.addAll(DangerousCommands.filesWritten(inv.argv()));
        if (EDITORS.contains(name)) {
            written.addAll(inv.operands().stream().filter(w -> !w.startsWith("+")).toList());
        }
        if (name.equals("visudo") || name.equals("vipw") || name.equals("vigr")) {
            written.add(name.equals("visudo") ? (inv.value("-f") != null ? inv.value("-f") : "/etc/sudoers")
                    : name.equals("vipw") ? "/etc/passwd" : "/etc/group");
        }
        outputOptions(inv, written);
        boolean teeAppends = name.equals("tee") && inv.args().stream().anyMatch(w -> w.equals("-a")
                || w.equals("--append"));
        for (String file : written) {
            if ((teeAppends || inv.appends().contains(file)) && SensitivePaths.log(file, inv.context()) != null
                    && !file.toLowerCase(Locale.ROOT).contains("hist")) {
                ev.weakening(RiskLevel.MEDIUM, "writes into a log", inv.name() + " >> " + file);
                continue;
            }
            judgeWrite(file, inv, ev);
        }
        if (DELETERS.contains(name) || name.equals("ln") && inv.args().contains("/dev/null")) {
            List<String> targets = name.equals("ln") ? List.of(inv.operands().getLast()) : inv.operands();
            for (String file : targets) {
                judgeDelete(file, inv, ev);
            }
        }
    }

    private static void outputOptions(Invocation inv, List<String> written) {
        List<String> a = inv.args();
        boolean downloader = inv.name().equals("curl") || inv.name().equals("wget");
        for (int i = 0; i < a.size(); i++) {
            String w = a.get(i);
            int eq = w.indexOf('=');
            String option = eq > 0 && w.startsWith("-") ? w.substring(0, eq) : w;
            if (!OUTPUT_OPTIONS.contains(option) || (option.equals("-w") && !Set.of("tcpdump", "tshark", "varnishncsa")
                    .contains(inv.name())) || (option.equals("-O") && !inv.name().startsWith("wget"))) {
                if (option.startsWith("-oG") || option.startsWith("-oN") || option.startsWith("-oX")) {
                    written.add(w.substring(eq > 0 ? eq + 1 : 3));
                }
                continue;
            }
            String value = eq > 0 && w.startsWith("-") ? w.substring(eq + 1) : i + 1 < a.size() ? a.get(++i) : null;
            if (value != null && !(downloader && value.equals("-"))) {
                written.add(value);
            }
        }
    }

    private static void judgeWrite(String file, Invocation inv, Evidence ev) {
        judgeWrite(file, inv.context(), inv.name(), ev);
    }

    /** Judges a file written by {@code program}, running in {@code context}. */
    static void judgeWrite(String file, DangerContext context, String program, Evidence ev) {
        if (SensitivePaths.harmlessDevice(file)) {
            return;
        }
        String evidence = program + " → " + file;
        String trust = AutorunPaths.decidesTrust(file, context);
        if (trust != null) {
            boolean warden = trust.contains("warden");
            ev.weakening(RiskLevel.CRITICAL, warden ? "changes Warden's own configuration, turning the reviewer off"
                    : "changes who is trusted with what (" + trust + ")", evidence);
            if (trust.equals("/etc/pam.d/")) {
                ev.credential(RiskLevel.HIGH, "changes how logins check passwords, a way to capture or bypass them", evidence);
            }
            return;
        }
        String later = AutorunPaths.runsLater(file, context);
        if (later != null) {
            ev.weakening(RiskLevel.HIGH, "writes " + later.substring(0, later.indexOf(':')), evidence);
            return;
        }
        String lower = file.toLowerCase(Locale.ROOT);
        if (lower.startsWith("/proc/sysrq-trigger")) {
            ev.destruction(RiskLevel.CRITICAL, "writes the kernel's magic SysRq trigger (reboot, crash, kill all)", evidence);
            return;
        }
        if (lower.startsWith("/proc/sys/") || lower.startsWith("/sys/")) {
            ev.weakening(RiskLevel.MEDIUM, "changes a kernel setting", evidence);
            return;
        }
        String log = SensitivePaths.log(file, context);
        if (log != null) {
            ev.weakening(RiskLevel.HIGH, "overwrites logs or shell history, hiding what happened", evidence);
            return;
        }
        String config = SensitivePaths.securityConfig(file, context);
        if (config != null) {
            ev.weakening(RiskLevel.HIGH, "changes security, logging or name-resolution configuration", evidence);
            return;
        }
        if (SensitivePaths.trustStore(file, context) != null) {
            ev.weakening(RiskLevel.HIGH, "adds to the certificate trust store", evidence);
            return;
        }
        if (DangerousCommands.redirect(file, context).isPresent()) {
            return; // devices and /dev/tcp: judged as dangers
        }
        if (SensitivePaths.outsideWorkspace(file, context) && !SensitivePaths.scratch(file, context)) {
            ev.weakening(RiskLevel.MEDIUM, "writes a file outside the workspace", evidence);
        }
    }

    private static void judgeDelete(String file, Invocation inv, Evidence ev) {
        if (file.startsWith("-") || SensitivePaths.harmlessDevice(file)) {
            return;
        }
        String evidence = inv.name() + " " + file;
        String trust = AutorunPaths.decidesTrust(file, inv.context());
        if (trust != null && trust.contains("warden")) {
            ev.weakening(RiskLevel.CRITICAL, "deletes Warden's own configuration, turning the reviewer off", evidence);
        } else if (SensitivePaths.log(file, inv.context()) != null) {
            ev.weakening(RiskLevel.HIGH, "deletes or empties logs or shell history, hiding what happened", evidence);
        } else if (SensitivePaths.securityConfig(file, inv.context()) != null || trust != null) {
            ev.weakening(RiskLevel.HIGH, "deletes security configuration", evidence);
        } else if (SensitivePaths.outsideWorkspace(file, inv.context()) && !SensitivePaths.scratch(file, inv.context())
                && !Options.isShortCluster(file) && !ev.level(RiskCategory.DESTRUCTIVE_ACTION).atLeast(RiskLevel.HIGH)) {
            ev.destruction(RiskLevel.MEDIUM, "deletes or empties a file outside the workspace", evidence);
        } else if (file.indexOf('$') >= 0 && TargetPaths.resolve(file, inv.context()) == null
                && !ev.level(RiskCategory.DESTRUCTIVE_ACTION).atLeast(RiskLevel.MEDIUM)) {
            ev.destruction(RiskLevel.MEDIUM, "deletes files at a path known only when the command runs", evidence);
        }
    }
}
