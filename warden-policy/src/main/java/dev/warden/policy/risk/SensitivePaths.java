package dev.warden.policy.risk;

import dev.warden.policy.command.DangerContext;
import dev.warden.policy.command.TargetPaths;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Places whose change weakens a machine even though nothing there runs later: logs and shell histories (the trail
 * of what happened), security and logging configuration, certificate trust stores; plus the scratch directories
 * where writing means little, and the test for "outside the workspace".
 */
final class SensitivePaths {
    private SensitivePaths() {
    }

    /** Where the record of what happened lives. */
    private static final String[] LOGS = {
            "/var/log/", "/var/audit", "/var/adm/", "/var/account", "/var/spool/mail", "/var/mail/", "wtmp", "btmp",
            "utmp", "lastlog", "_history", ".history", "histfile", "/var/lib/docker/containers/", "/run/log/"};

    /** Configuration of defences: logging, auditing, firewalls, mandatory access control, SSH, name resolution. */
    private static final String[] SECURITY_CONFIG = {
            "/etc/audit/", "/etc/audisp/", "/etc/auditd.conf", "/etc/syslog", "/etc/rsyslog", "/etc/syslog-ng",
            "/etc/systemd/journald", "/etc/logrotate", "/etc/ufw/", "/etc/default/ufw", "/etc/pf.conf", "/etc/firewalld/",
            "/etc/nftables", "/etc/iptables", "/etc/selinux/", "/etc/apparmor", "/etc/ssh/", "/etc/hosts",
            "/etc/resolv.conf", "/etc/nsswitch.conf", "/etc/sysctl", "/etc/login.defs", "/etc/fstab", "/etc/audit_",
            "/etc/security/audit", "/etc/newsyslog", "/etc/aide", "/etc/fail2ban/", "/etc/polkit-1/", "/etc/doas.conf"};

    /** Certificate trust stores: a certificate added there lets someone read every TLS connection. */
    private static final String[] TRUST_STORES = {
            "/usr/local/share/ca-certificates", "/usr/share/ca-certificates", "/etc/ca-certificates", "/etc/pki/ca-trust",
            "/etc/pki/tls/certs", "/etc/ssl/certs", "/usr/local/share/certs", "/etc/pki/trust"};

    private static final List<Path> SCRATCH = List.of(Path.of("/tmp"), Path.of("/var/tmp"), Path.of("/dev/shm"));

    static String log(String word, DangerContext ctx) {
        return find(absolute(word, ctx), LOGS);
    }

    static String securityConfig(String word, DangerContext ctx) {
        return find(absolute(word, ctx), SECURITY_CONFIG);
    }

    static String trustStore(String word, DangerContext ctx) {
        return find(absolute(word, ctx), TRUST_STORES);
    }

    /** Whether a path resolves into /tmp, /var/tmp or /dev/shm. */
    static boolean scratch(String word, DangerContext ctx) {
        Path p = TargetPaths.resolve(word, ctx);
        if (p == null) {
            return false;
        }
        for (Path s : SCRATCH) {
            if (p.startsWith(s)) {
                return true;
            }
        }
        return false;
    }

    /** Whether a path word resolves outside every workspace root (run-time paths such as {@code $X/y} count as outside). */
    static boolean outsideWorkspace(String word, DangerContext ctx) {
        Path p = TargetPaths.resolve(word, ctx);
        if (p == null) {
            return word.startsWith("/") || word.startsWith("~") || word.startsWith("$HOME");
        }
        for (Path root : ctx.workspaceRoots()) {
            if (p.startsWith(root)) {
                return false;
            }
        }
        return true;
    }

    /** Whether a word names a harmless device (/dev/null, a terminal, a standard stream). */
    static boolean harmlessDevice(String word) {
        return word.equals("/dev/null") || word.equals("/dev/stdout") || word.equals("/dev/stderr")
                || word.equals("/dev/stdin") || word.startsWith("/dev/tty") || word.startsWith("/dev/pts/")
                || word.startsWith("/dev/fd/") || word.equals("-");
    }

    private static String absolute(String word, DangerContext ctx) {
        Path p = TargetPaths.resolve(word, ctx);
        return (p != null ? p.toString() : word).toLowerCase(Locale.ROOT);
    }

    private static String find(String path, String[] fragments) {
        for (String f : fragments) {
            if (path.contains(f)) {
                return f;
            }
        }
        return null;
    }
}
