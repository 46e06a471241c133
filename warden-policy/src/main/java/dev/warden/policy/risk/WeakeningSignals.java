package dev.warden.policy.risk;

import dev.warden.policy.command.KnownSafeCommands;
import dev.warden.policy.command.Options;
import java.util.Locale;
import java.util.Set;

/**
 * Persistent security weakening beyond what the dangerous-command heuristics already refuse (ATT&CK's
 * persistence, privilege-escalation and defence-impairment tactics): TLS checks turned off, certificates
 * trusted, firewall and kernel settings changed, security agents silenced, jobs scheduled to run later, git made
 * to run programs, containers given the host, privileges probed, permissions opened, Warden itself stopped.
 */
final class WeakeningSignals {
    private WeakeningSignals() {
    }

    /** Programs that stop processes or change files: pointed at Warden, they turn it off. */
    private static final Set<String> WARDEN_STOPPERS = Set.of("kill", "pkill", "killall", "systemctl", "service", "rm",
            "chmod", "mv", "unlink", "truncate", "shred", "sed", "tee", "cp", "ln", "chattr", "uninstall");
    private static final Set<String> FIREWALLS = Set.of("iptables", "ip6tables", "iptables-nft", "iptables-legacy", "nft",
            "ufw", "firewall-cmd", "pfctl", "ipfw");
    private static final Set<String> FIREWALL_READS = Set.of("-L", "--list", "-S", "--list-rules", "status", "show",
            "list", "--list-all", "--state", "-s", "-sr", "--version", "-h", "--help", "-nL", "-nvL", "-vL", "-Ln");
    private static final Set<String> KERNEL_DEFENCES = Set.of("kernel.randomize_va_space", "kernel.yama.ptrace_scope",
            "kernel.kptr_restrict", "kernel.dmesg_restrict", "kernel.modules_disabled", "kernel.unprivileged_bpf_disabled",
            "kernel.unprivileged_userns_clone", "fs.protected_symlinks", "fs.protected_hardlinks", "fs.suid_dumpable",
            "vm.mmap_min_addr", "kernel.sysrq", "net.ipv4.ip_forward", "kernel.perf_event_paranoid");
    private static final Set<String> SECURITY_AGENTS = Set.of("mdatp", "falconctl", "sentinelctl", "wdavdaemon", "cbctl",
            "cylance", "sophos", "esets", "clamd", "aa-disable", "aa-complain", "apparmor_parser", "auditctl");
    private static final Set<String> PACKAGE_MANAGERS = Set.of("apt", "apt-get", "aptitude", "yum", "dnf", "zypper",
            "pacman", "apk", "dpkg", "rpm", "snap", "emerge", "xbps-install", "pkg", "opkg", "port", "flatpak");
    private static final Set<String> PACKAGE_INSTALLS = Set.of("install", "localinstall", "reinstall", "add", "-i",
            "--install", "-U", "-Uvh", "-ivh", "-S", "-Syu", "-Sy", "--upgrade");
    /** git settings whose value is a program git will run later, or that silence a check. */
    private static final String[] GIT_RUNS = {"core.hookspath", "core.fsmonitor", "core.sshcommand", "core.pager",
            "core.editor", "sequence.editor", "core.gitproxy", "diff.external", "gpg.program", "credential.helper",
            "uploadpack.packobjectshook", "include.path", "includeif."};

    static void check(Invocation inv, Evidence ev) {
        String name = inv.name().toLowerCase(Locale.ROOT);
        tls(inv, name, ev);
        switch (name) {
            case "update-ca-certificates", "update-ca-trust", "certctl", "trust" -> {
                if (!name.equals("trust") || inv.hasAny("anchor", "extract-compat")) {
                    ev.weakening(RiskLevel.HIGH, "changes which certificates the machine trusts", inv.line());
                }
            }
            case "certutil" -> {
                if (inv.has("-A")) {
                    ev.weakening(RiskLevel.HIGH, "adds a trusted certificate", inv.line());
                }
            }
            case "sysctl" -> sysctl(inv, ev);
            case "swapoff", "swapon" -> ev.weakening(RiskLevel.MEDIUM, "changes how the kernel pages memory", inv.line());
            case "mount" -> {
                boolean bind = inv.args().stream().anyMatch(w -> w.equals("-B") || w.equals("--bind") || w.equals("--rbind")
                        || w.contains("bind"));
                boolean overProc = inv.operands().stream().anyMatch(w -> w.startsWith("/proc/"));
                if (!inv.args().isEmpty() && !inv.hasAny("-l", "--list", "-h", "--help")) {
                    ev.weakening(overProc ? RiskLevel.HIGH : RiskLevel.MEDIUM, overProc
                            ? "mounts over a process's /proc entry, hiding it" : bind ? "bind-mounts one path over another"
                            : "mounts a filesystem", inv.line());
                }
            }
            case "at", "batch" -> {
                if (!inv.hasAny("-l", "-r", "-d", "-c")) {
                    ev.weakening(RiskLevel.HIGH, "schedules commands to run later, outside this session", inv.line());
                }
            }
            case "systemd-run" -> ev.weakening(inv.args().stream().anyMatch(w -> w.startsWith("--on-"))
                    ? RiskLevel.HIGH : RiskLevel.MEDIUM, "starts a service or timer that outlives the action", inv.line());
            case "systemctl", "launchctl", "update-rc.d", "chkconfig", "rc-update", "sysrc" -> services(inv, name, ev);
            case "crontab" -> {
                if (inv.has("-e")) {
                    ev.weakening(RiskLevel.HIGH, "edits scheduled jobs", inv.line());
                }
            }
            case "trap" -> {
                if (inv.args().size() >= 2 && !inv.args().getFirst().isEmpty() && !inv.args().getFirst().equals("-")
                        && !inv.has("-l") && !inv.has("-p")) {
                    ev.weakening(RiskLevel.MEDIUM, "installs a trap that runs a command later", inv.line());
                }
            }
            case "git" -> git(inv, ev);
            case "docker", "podman", "nerdctl", "ctr", "lxc", "incus" -> containers(inv, name, ev);
            case "setcap" -> ev.weakening(RiskLevel.HIGH, "grants a program kernel capabilities", inv.line());
            case "chattr" -> {
                if (inv.args().stream().anyMatch(w -> w.startsWith("-") && (w.contains("i") || w.contains("a"))
                        && !w.equals("-R") && !w.equals("-V"))) {
                    ev.weakening(RiskLevel.HIGH, "removes a file's immutable or append-only protection", inv.line());
                } else if (!inv.args().isEmpty()) {
                    ev.weakening(RiskLevel.MEDIUM, "changes file attributes", inv.line());
                }
            }
            case "chflags" -> ev.weakening(RiskLevel.MEDIUM, "changes file flags", inv.line());
            case "pw", "chsh", "ldapadd", "ldapmodify", "vigr", "newusers", "chage" -> {
                if (!inv.args().isEmpty()) {
                    ev.weakening(RiskLevel.HIGH, "changes user accounts or their privileges", inv.line());
                }
            }
            case "journalctl" -> {
                if (inv.args().stream().anyMatch(w -> w.startsWith("--vacuum") || w.equals("--rotate") || w.equals("--flush"))) {
                    ev.weakening(RiskLevel.HIGH, "erases or rotates away the system journal", inv.line());
                }
            }
            default -> { }
        }
        if (FIREWALLS.contains(name) && !inv.args().isEmpty() && inv.args().stream().noneMatch(FIREWALL_READS::contains)) {
            ev.weakening(RiskLevel.MEDIUM, "changes firewall rules or settings", inv.line());
        }
        if (SECURITY_AGENTS.contains(name) && inv.args().stream().map(w -> w.toLowerCase(Locale.ROOT)).anyMatch(w ->
                w.contains("disable") || w.equals("off") || w.equals("false") || w.equals("stop") || w.equals("unload")
                        || w.equals("uninstall") || w.equals("-d") || w.contains("complain"))) {
            ev.weakening(RiskLevel.HIGH, "turns off a security agent or its protection", inv.line());
        }
        if (PACKAGE_MANAGERS.contains(name) && inv.args().stream().anyMatch(PACKAGE_INSTALLS::contains)) {
            ev.weakening(RiskLevel.MEDIUM, "installs system software, whose install scripts run as root", inv.line());
        }
        privilege(inv, name, ev);
        useradd(inv, name, ev);
        warden(inv, name, ev);
        for (String w : inv.args()) {
            if (w.startsWith("export") || !w.contains("=") || w.startsWith("-")) {
                continue;
            }
            if (name.equals("export") || name.equals("declare") || name.equals("typeset") || name.equals("env")) {
                ShellEscapes.variable(w, ev);
            }
        }
    }

    /** curl -k, wget --no-check-certificate, git -c http.sslVerify=false, npm config set strict-ssl false. */
    private static void tls(Invocation inv, String name, Evidence ev) {
        boolean persistent = false;
        String flag = null;
        for (int k = 0; k < inv.args().size(); k++) {
            String w = inv.args().get(k);
            String l = inv.lowerArgs().get(k);
            if (name.equals("curl") && (w.equals("-k") || w.equals("--insecure") || Options.clusterHas(w, "k", "dFTXHoOuAebcKxrmwEUQtCYyz"))
                    || l.equals("--no-check-certificate") || l.startsWith("--insecure-skip-tls-verify")
                    || l.equals("--no-verify-ssl") || l.startsWith("--trusted-host") || l.equals("--tls-verify=false")
                    || l.equals("--tlsverify=false") || l.contains("stricthostkeychecking=no")
                    || l.contains("userknownhostsfile=/dev/null") || l.contains("sslverify=false")
                    || l.contains("verify=false") && !l.contains("--") || l.contains("rejectunauthorized: false")
                    || l.contains("_create_unverified_context") || l.contains("cert_none")
                    || l.contains("insecureskipverify: true")) {
                flag = w;
            }
        }
        boolean configures = name.equals("git") || name.equals("npm") || name.equals("yarn") || name.equals("pnpm")
                || name.equals("pip") || name.equals("pip3") || name.equals("composer");
        String line = configures ? inv.line().toLowerCase(Locale.ROOT) : "";
        if ((name.equals("git") && inv.has("config") && line.contains("http.sslverify") && (line.contains("false")
                || line.endsWith(" 0")))
                || (name.equals("npm") || name.equals("yarn") || name.equals("pnpm")) && line.contains("strict-ssl")
                && line.contains("false")
                || name.equals("pip") && inv.has("config") && line.contains("trusted-host")
                || name.equals("composer") && line.contains("disable-tls") && line.contains("true")
                || name.equals("git") && inv.has("config") && line.contains("sslverify") && line.contains("false")) {
            persistent = true;
            flag = inv.line();
        }
        if (flag != null) {
            ev.weakening(persistent ? RiskLevel.HIGH : RiskLevel.MEDIUM, persistent
                    ? "turns off TLS certificate checks for every later connection"
                    : "turns off TLS certificate or host key checks for this connection", flag);
        }
    }

    private static void sysctl(Invocation inv, Evidence ev) {
        for (String w : inv.args()) {
            int eq = w.indexOf('=');
            if (eq > 0) {
                String key = w.substring(0, eq).replace('/', '.');
                ev.weakening(KERNEL_DEFENCES.contains(key) ? RiskLevel.HIGH : RiskLevel.MEDIUM,
                        KERNEL_DEFENCES.contains(key) ? "weakens a kernel defence" : "changes a kernel setting", w);
                return;
            }
        }
        if (inv.hasAny("-p", "--load", "--system")) {
            ev.weakening(RiskLevel.MEDIUM, "reloads kernel settings", inv.line());
        }
    }

    private static void services(Invocation inv, String name, Evidence ev) {
        boolean autostart = switch (name) {
            case "systemctl" -> inv.hasAny("enable", "link", "reenable", "preset", "set-default", "edit", "add-wants",
                    "add-requires", "revert");
            case "launchctl" -> inv.hasAny("load", "bootstrap", "submit", "enable");
            case "update-rc.d" -> inv.hasAny("defaults", "enable", "start");
            case "chkconfig" -> inv.hasAny("on", "--add");
            case "rc-update" -> inv.has("add");
            case "sysrc" -> inv.args().stream().anyMatch(w -> w.contains("_enable="));
            default -> false;
        };
        if (autostart) {
            ev.weakening(RiskLevel.HIGH, "makes a service start on its own later", inv.line());
        }
    }

    private static void git(Invocation inv, Evidence ev) {
        String line = inv.line().toLowerCase(Locale.ROOT);
        boolean config = inv.has("config") || inv.has("-c");
        if (!config) {
            return;
        }
        for (String key : GIT_RUNS) {
            int at = line.indexOf(key);
            if (at >= 0) {
                String rest = line.substring(at + key.length());
                boolean plainEditor = (key.equals("core.editor") || key.equals("sequence.editor") || key.equals("core.pager"))
                        && !rest.contains("/tmp") && !rest.contains(";") && !rest.contains("$(") && !rest.contains("|")
                        && !ShellEscapes.namesShell(rest) && !rest.contains("!");
                if (!plainEditor) {
                    ev.weakening(inv.has("-c") && !inv.has("config") ? RiskLevel.MEDIUM : RiskLevel.HIGH,
                            "configures git to run a program later", inv.line());
                }
                return;
            }
        }
        if (line.contains("alias.") && line.contains("!")) {
            ev.weakening(RiskLevel.MEDIUM, "defines a git alias that runs a shell command", inv.line());
        }
        if ((line.contains("filter.") && (line.contains(".clean") || line.contains(".smudge") || line.contains(".process")))
                || line.contains(".textconv") || line.contains("merge.") && line.contains(".driver")) {
            ev.weakening(RiskLevel.HIGH, "configures git to run a program on checkout, diff or merge", inv.line());
        }
    }

    private static void containers(Invocation inv, String name, Evidence ev) {
        for (int k = 0; k < inv.args().size(); k++) {
            String w = inv.args().get(k);
            String l = inv.lowerArgs().get(k);
            if (l.equals("--privileged") || l.startsWith("/:/") || l.startsWith("--volume=/:") || l.contains("src=/,")
                    || l.contains("source=/ ") || l.equals("source=/") || l.equals("--pid=host") || l.contains("docker.sock")
                    || l.contains("security.privileged=true") || l.equals("--cap-add=sys_admin") || l.equals("--cap-add=all")) {
                ev.weakening(RiskLevel.HIGH, "gives a container the host's root filesystem or privileges", name + " " + w);
                return;
            }
        }
    }

    private static void privilege(Invocation inv, String name, Evidence ev) {
        if ((name.equals("sudo") || name.equals("doas")) && inv.args().stream().anyMatch(w -> w.equals("-l")
                || w.equals("--list") || w.equals("-ll"))) {
            ev.weakening(RiskLevel.MEDIUM, "lists what may be run as root, a step towards privilege escalation", inv.line());
        }
        if (name.equals("find") && KnownSafeCommands.findsSetIdFiles(inv.argv()) || name.equals("getcap")
                && inv.has("-r") || name.startsWith("linpeas") || name.startsWith("linenum")
                || name.startsWith("linux-exploit-suggester") || name.equals("pspy") || name.equals("pspy64")) {
            ev.weakening(RiskLevel.MEDIUM, "looks for ways to gain privileges", inv.line());
        }
        String program = inv.argv().getFirst();
        if (program.startsWith("/tmp/") || program.startsWith("/var/tmp/") || program.startsWith("/dev/shm/")) {
            ev.weakening(RiskLevel.MEDIUM, "runs a program from a world-writable directory, where anyone could have planted"
                    + " it" + (inv.privileged() ? ", as root" : ""), inv.line());
        }
        if ((name.equals("chmod") || name.equals("chown") || name.equals("chgrp") || name.equals("setfacl"))
                && inv.operands().stream().skip(name.equals("setfacl") ? 0 : 1)
                .anyMatch(w -> SensitivePaths.outsideWorkspace(w, inv.context()))) {
            ev.weakening(RiskLevel.MEDIUM, "changes permissions or ownership outside the workspace", inv.line());
        }
        if ((name.equals("chown") || name.equals("chgrp")) && inv.operands().stream().findFirst()
                .map(owner -> owner.equals("root") || owner.startsWith("root:") || owner.equals("0") || owner.startsWith("0:"))
                .orElse(false)) {
            ev.weakening(RiskLevel.MEDIUM, "hands files to root", inv.line());
        }
    }

    private static void useradd(Invocation inv, String name, Evidence ev) {
        if (!name.equals("useradd") && !name.equals("usermod") && !name.equals("adduser") && !name.equals("pw")) {
            return;
        }
        String uid = inv.value("-u", "--uid");
        String gid = inv.value("-g", "--gid");
        if ("0".equals(uid) || "0".equals(gid) || inv.has("-o") && uid != null) {
            ev.weakening(RiskLevel.CRITICAL, "creates or changes an account to share root's identity", inv.line());
        }
        String groups = inv.value("-G", "--groups", "-aG");
        if (groups != null && (groups.contains("sudo") || groups.contains("wheel") || groups.contains("root")
                || groups.contains("admin") || groups.contains("docker"))) {
            ev.weakening(RiskLevel.HIGH, "adds an account to an administrators' group", inv.line());
        }
    }

    /** Stopping Warden or changing its files turns the reviewer off: never something a task needs. */
    private static void warden(Invocation inv, String name, Evidence ev) {
        if (!WARDEN_STOPPERS.contains(name)) {
            return;
        }
        for (int k = 0; k < inv.args().size(); k++) {
            String w = inv.args().get(k);
            String l = inv.lowerArgs().get(k);
            if (l.equals("warden") || l.startsWith("warden.") || l.contains("/.warden") || l.contains("/etc/warden")
                    || l.contains("$warden_home") || l.contains("${warden_home}") || l.startsWith(".warden")
                    || (l.contains("pgrep") || l.contains("pidof")) && l.contains("warden")) {
                ev.weakening(RiskLevel.CRITICAL, "stops Warden or changes its own files, turning the reviewer off",
                        inv.line());
                return;
            }
        }
    }
}
