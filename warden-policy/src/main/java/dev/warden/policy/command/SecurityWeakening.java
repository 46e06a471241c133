package dev.warden.policy.command;

import dev.warden.policy.shell.NameSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Commands that weaken a machine's defences for later: turning off auditing, SELinux or the firewall, stopping
 * security services, erasing shell history, planting files that run later, changing accounts, loading kernel
 * modules. Mostly the "defense impairment" and "persistence" tactics of MITRE ATT&CK.
 */
final class SecurityWeakening {
    private SecurityWeakening() {
    }

    private static final NameSet SECURITY_SERVICES = NameSet.of(
            "auditd", "apparmor", "firewalld", "ufw", "iptables", "ip6tables", "nftables", "selinux", "rsyslog",
            "syslog", "syslog-ng", "systemd-journald", "journald", "falcon-sensor", "osqueryd", "sysmon", "clamav-daemon",
            "clamd", "fail2ban", "crowdstrike", "sentinelone", "wazuh-agent", "ossec", "aide", "auditbeat", "filebeat",
            "elastic-agent", "cbagentd", "cbdaemon", "mdatp", "cylancesvc", "syslogd", "pf");

    private static final NameSet SERVICE_VERBS = NameSet.of("stop", "disable", "mask", "kill");
    /** sed's long options that take the next word as their value. */
    private static final Set<String> SED_LONG_WITH_VALUE = Set.of("--expression", "--file");

    static Optional<String> reason(String name, List<String> argv, DangerContext context) {
        return switch (name) {
            case "systemctl", "service", "rc-service", "rc-update", "chkconfig", "update-rc.d", "sv" -> service(name, argv);
            case "setenforce" -> argv.size() > 1 && (argv.get(1).equals("0") || argv.get(1).equalsIgnoreCase("permissive"))
                    ? Optional.of("setenforce 0 turns SELinux enforcement off") : Optional.empty();
            case "ufw" -> argv.contains("disable") || argv.contains("reset")
                    ? Optional.of("ufw " + (argv.contains("disable") ? "disable" : "reset") + " turns the firewall off")
                    : Optional.empty();
            case "iptables", "ip6tables", "iptables-legacy", "iptables-nft" -> firewall(name, argv);
            case "nft" -> argv.contains("flush") ? Optional.of("nft flush removes firewall rules") : Optional.empty();
            case "auditctl" -> argv.contains("-D") || argv.contains("-e") && argv.contains("0")
                    ? Optional.of("auditctl turns auditing off or deletes its rules") : Optional.empty();
            case "history" -> argv.contains("-c") || argv.contains("-w") && argv.contains("/dev/null")
                    ? Optional.of("history -c erases the shell history") : Optional.empty();
            case "unset", "export", "set", "declare", "typeset" -> historyOff(argv);
            case "useradd", "adduser", "usermod", "userdel", "deluser", "passwd", "chpasswd", "groupadd", "gpasswd",
                 "visudo", "vipw" -> accounts(name, argv);
            case "insmod", "modprobe", "rmmod" -> Optional.of(name + " changes the running kernel's modules");
            case "crontab" -> installsCrontab(argv);
            default -> Optional.empty();
        };
    }

    private static Optional<String> service(String name, List<String> argv) {
        boolean verb = false;
        String unit = null;
        for (String arg : argv.subList(1, argv.size())) {
            String bare = arg.endsWith(".service") ? arg.substring(0, arg.length() - 8) : arg;
            verb |= SERVICE_VERBS.contains(arg) || arg.equals("off");
            if (SECURITY_SERVICES.contains(bare)) {
                unit = bare;
            }
        }
        return verb && unit != null ? Optional.of(name + " stops or disables the security service " + unit) : Optional.empty();
    }

    private static Optional<String> firewall(String name, List<String> argv) {
        for (int i = 1; i < argv.size(); i++) {
            String arg = argv.get(i);
            if (arg.equals("-F") || arg.equals("--flush") || arg.equals("-X") || arg.equals("--delete-chain")) {
                return Optional.of(name + " " + arg + " removes firewall rules");
            }
            if ((arg.equals("-P") || arg.equals("--policy")) && i + 2 < argv.size() && argv.get(i + 2).equals("ACCEPT")) {
                return Optional.of(name + " -P " + argv.get(i + 1) + " ACCEPT opens the firewall");
            }
        }
        return Optional.empty();
    }

    private static Optional<String> historyOff(List<String> argv) {
        for (String arg : argv.subList(1, argv.size())) {
            if (arg.equals("HISTFILE") || arg.equals("HISTFILE=/dev/null") || arg.equals("HISTSIZE=0")
                    || arg.equals("HISTFILESIZE=0") || arg.equals("HISTFILE=") || (arg.equals("+o")) || arg.equals("history")) {
                if (argv.getFirst().equals("set") && !(argv.contains("+o") && argv.contains("history"))) {
                    continue;
                }
                return Optional.of("turns off the shell history: " + String.join(" ", argv));
            }
        }
        return Optional.empty();
    }

    private static Optional<String> accounts(String name, List<String> argv) {
        if (argv.stream().anyMatch(a -> a.equals("--help") || a.equals("-h") || a.equals("-S") || a.equals("--status"))) {
            return Optional.empty();
        }
        return Optional.of(name + " changes user accounts or their privileges");
    }

    /** {@code crontab FILE} and {@code crontab -} replace the user's scheduled jobs with new ones. */
    private static Optional<String> installsCrontab(List<String> argv) {
        List<String> operands = SystemDanger.operands(argv, "u", Set.of());
        for (String arg : argv.subList(1, argv.size())) {
            if (arg.equals("-")) {
                return Optional.of("crontab installs scheduled commands from standard input");
            }
        }
        return operands.isEmpty() ? Optional.empty() : Optional.of("crontab installs scheduled commands from " + operands.getFirst());
    }

    /** Files written by tee, cp, mv, install, ln, dd and sed -i, judged for persistence. */
    static Optional<String> writesAutorun(String name, List<String> argv, DangerContext context) {
        for (String file : written(name, argv)) {
            String phrase = AutorunPaths.runsLater(file, context);
            if (phrase != null) {
                return Optional.of(name + " writes " + phrase);
            }
        }
        return Optional.empty();
    }

    /** The files tee, cp, mv, install, ln, dd, sed -i and perl -i write, from their arguments. */
    static List<String> written(String name, List<String> argv) {
        List<String> written;
        switch (name) {
            case "tee" -> written = SystemDanger.operands(argv, "", SystemDanger.TEE_LONG_WITH_VALUE);
            case "sed", "perl" -> {
                boolean inPlace = false;
                for (int k = 0; k < argv.size() && !inPlace; k++) {
                    String a = argv.get(k);
                    inPlace = Options.clusterHas(a, "i", "ef") || a.startsWith("--in-place")
                            || (name.equals("perl") && Options.isShortCluster(a) && a.contains("i"));
                }
                written = inPlace ? SystemDanger.operands(argv, "ef", SED_LONG_WITH_VALUE) : List.of();
            }
            case "dd" -> written = argv.stream().filter(a -> a.startsWith("of=")).map(a -> a.substring(3)).toList();
            default -> {
                List<String> operands = SystemDanger.operands(argv, name.equals("install") ? "tSgmo" : "tS",
                        SystemDanger.COPY_LONG_WITH_VALUE);
                String target = SystemDanger.optionValue(argv, "-t", "--target-directory");
                written = target != null ? List.of(target) : operands.size() >= 2 ? List.of(operands.getLast()) : List.of();
            }
        }
        return written;
    }
}
