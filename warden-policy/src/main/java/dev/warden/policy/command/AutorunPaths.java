package dev.warden.policy.command;

import dev.warden.policy.shell.NameSet;
import java.nio.file.Path;

/**
 * Files whose content runs later, outside the sandbox or with more privilege: shell start-up files, cron and
 * systemd units, SSH authorized keys, git hooks and config, the dynamic loader's preload list, sudoers, PAM, and
 * the configuration of editors and agents. Writing one is how a compromised agent plants persistence.
 */
public final class AutorunPaths {
    private AutorunPaths() {
    }

    private static final NameSet START_UP_FILES = NameSet.of(
            ".bashrc", ".bash_profile", ".bash_login", ".bash_logout", ".profile", ".zshrc", ".zprofile", ".zshenv",
            ".zlogin", ".cshrc", ".tcshrc", ".kshrc", ".xinitrc", ".xprofile", ".xsessionrc", ".gitconfig", ".npmrc",
            ".pythonrc", ".inputrc", "authorized_keys", "authorized_keys2", "config.fish", ".shrc", ".mkshrc",
            ".bash_aliases", ".zlogout", ".login", ".logout", ".vimrc", ".exrc", ".gvimrc", ".gdbinit", ".tmux.conf",
            ".screenrc", "usercustomize.py", "sitecustomize.py");

    /** Path fragments (absolute, or relative to anywhere) of places whose files run later. */
    private static final String[] FRAGMENTS = {
            "/etc/profile", "/etc/bash.bashrc", "/etc/zsh/", "/etc/cron", "/var/spool/cron", "/etc/anacrontab",
            "/systemd/system", "/systemd/user", "/etc/init.d/", "/etc/rc.local", "/etc/rc", "/etc/ld.so.preload",
            "/etc/ld.so.conf", "/etc/sudoers", "/etc/pam.d/", "/etc/passwd", "/etc/shadow", "/etc/group",
            "/etc/update-motd.d/", "/etc/udev/rules.d/", "/etc/xdg/autostart", "/.config/autostart", "/.ssh/",
            "/.git/hooks/", "/.git/config", "/.vscode/", "/.claude/", "/.codex/", "/.warden/", "/.cursor/",
            "/etc/environment", "/etc/security/", "/etc/modules", "/etc/modprobe.d/"};

    /**
     * Places whose files decide who is trusted with what: sudo rules, PAM, the account databases, the dynamic
     * loader's preload list, and Warden's own configuration. Changing one hands out privileges or turns Warden off.
     */
    private static final String[] TRUST_FRAGMENTS = {
            "/etc/sudoers", "/etc/pam.d/", "/etc/passwd", "/etc/shadow", "/etc/gshadow", "/etc/group",
            "/etc/master.passwd", "/etc/ld.so.preload", "/etc/security/", "/.warden/", "/etc/warden/"};

    private static final MarkerSet FRAGMENT_SET = new MarkerSet(FRAGMENTS);
    private static final MarkerSet TRUST_SET = new MarkerSet(TRUST_FRAGMENTS);

    /** What runs later if this path is written, as a short phrase, or null when it is an ordinary file. */
    public static String runsLater(String word, DangerContext context) {
        String p = absolute(word, context);
        int slash = p.lastIndexOf('/');
        String name = p.substring(slash + 1);
        if (START_UP_FILES.contains(name) || (name.endsWith(".pth") && p.toLowerCase(java.util.Locale.ROOT).contains("packages/"))) {
            return "a file that runs or configures commands later: " + word;
        }
        // With a slash appended, "/etc/zsh" matches "/etc/zsh/" too: the directory itself.
        if (FRAGMENT_SET.firstIn(p + "/") != null) {
            return "a file that runs or configures commands later: " + word;
        }
        return null;
    }

    /** The trust-deciding place this path lies in ({@code /etc/sudoers}, {@code /.warden/}...), or null. */
    public static String decidesTrust(String word, DangerContext context) {
        String p = absolute(word, context);
        return TRUST_SET.firstIn(p + "/");
    }

    private static String absolute(String word, DangerContext context) {
        Path path = TargetPaths.resolve(word, context);
        // Unresolvable words still show "$HOME/.bashrc" or "$REPO/.git/hooks/pre-commit".
        String p = path != null ? path.toString() : word;
        return p.startsWith("/") ? p : "/" + p;
    }
}
