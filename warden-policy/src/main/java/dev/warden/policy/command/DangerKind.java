package dev.warden.policy.command;

/**
 * What kind of harm a dangerous command does, so that callers judging risk (the automatic reviewer) can tell a
 * deleted home directory from a disabled firewall without reading the reason's words.
 */
public enum DangerKind {
    /** Deletes files or directories: rm, find -delete, shred of files, mv of a critical directory, crontab -r. */
    DELETION,
    /** Erases a disk: formatting, partitioning, raw writes to a block device. */
    DISK,
    /** Loses version-control history or uncommitted work: force-push, hard reset, clean, stash clear. */
    VCS_HISTORY,
    /** Powers off, reboots or changes the runlevel of the machine. */
    POWER,
    /** Kills every process, or every process of a user. */
    PROCESSES,
    /** Forks without end until the machine stalls. */
    FORK_BOMB,
    /** Opens permissions: world-writable files, setuid bits, recursive changes outside the workspace. */
    PERMISSIONS,
    /** Turns a defence off: security services, SELinux, firewall, auditing, shell history, accounts, kernel modules. */
    SECURITY_CONTROL,
    /** Writes a file whose content runs later: start-up files, cron, systemd units, git hooks, agent configs. */
    AUTORUN_WRITE,
    /** Runs code fetched from the network or decoded from hiding, which nobody reviewed. */
    REMOTE_CODE,
    /** Opens a raw network connection through the shell (bash's /dev/tcp), a reverse-shell technique. */
    RAW_NETWORK
}
