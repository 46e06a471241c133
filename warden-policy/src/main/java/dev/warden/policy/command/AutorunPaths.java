package dev.warden.policy.command;

import java.nio.file.Path;
import java.util.Set;

/**
 * Files whose content runs later, outside the sandbox or with more privilege: shell start-up files, cron and
 * systemd units, SSH authorized keys, git hooks and config, the dynamic loader's preload list, sudoers, PAM, and
 * the configuration of editors and agents. Writing one is how a compromised agent plants persistence.
 */
final class AutorunPaths {
    private AutorunPaths() {
    }

    private static final Set<String> START_UP_FILES = Set.of(
            ".bashrc", ".bash_profile", ".bash_login", ".bash_logout", ".profile", ".zshrc", ".zprofile", ".zshenv",
            ".zlogin", ".cshrc", ".tcshrc", ".kshrc", ".xinitrc", ".xprofile", ".xsessionrc", ".gitconfig", ".npmrc",
            ".pythonrc", ".inputrc", "authorized_keys", "authorized_keys2", "config.fish");

    /** Path fragments (absolute, or relative to anywhere) of places whose files run later. */
    private static final String[] FRAGMENTS = {
            "/etc/profile", "/etc/bash.bashrc", "/etc/zsh/", "/etc/cron", "/var/spool/cron", "/etc/anacrontab",
            "/systemd/system", "/systemd/user", "/etc/init.d/", "/etc/rc.local", "/etc/rc", "/etc/ld.so.preload",
            "/etc/ld.so.conf", "/etc/sudoers", "/etc/pam.d/", "/etc/passwd", "/etc/shadow", "/etc/group",
            "/etc/update-motd.d/", "/etc/udev/rules.d/", "/etc/xdg/autostart", "/.config/autostart", "/.ssh/",
            "/.git/hooks/", "/.git/config", "/.vscode/", "/.claude/", "/.codex/", "/.warden/", "/.cursor/",
            "/etc/environment", "/etc/security/", "/etc/modules", "/etc/modprobe.d/"};

    /** What runs later if this path is written, as a short phrase, or null when it is an ordinary file. */
    static String runsLater(String word, DangerContext context) {
        Path path = TargetPaths.resolve(word, context);
        String p;
        if (path != null) {
            p = path.toString();
        } else {
            p = word; // still spot "$HOME/.bashrc" or "$REPO/.git/hooks/pre-commit"
        }
        if (!p.startsWith("/")) {
            p = "/" + p;
        }
        int slash = p.lastIndexOf('/');
        String name = p.substring(slash + 1);
        if (START_UP_FILES.contains(name)) {
            return "a file that runs or configures commands later: " + word;
        }
        for (String fragment : FRAGMENTS) {
            if (p.contains(fragment) || (p + "/").endsWith(fragment)) {
                return "a file that runs or configures commands later: " + word;
            }
        }
        return null;
    }
}
