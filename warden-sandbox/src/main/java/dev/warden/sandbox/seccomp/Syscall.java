package dev.warden.sandbox.seccomp;

/**
 * The syscalls Warden's filter names, with their numbers on each {@link Arch} (x86_64 from
 * {@code asm/unistd_64.h}, aarch64 from {@code asm-generic/unistd.h}); -1 where a call does not
 * exist on that architecture.
 */
public enum Syscall {
    // Reaching into other processes.
    PTRACE(101, 117),
    PROCESS_VM_READV(310, 270),
    PROCESS_VM_WRITEV(311, 271),
    PROCESS_MADVISE(440, 440),
    PIDFD_GETFD(438, 438),
    // io_uring performs file and socket operations without the syscalls this filter inspects.
    IO_URING_SETUP(425, 425),
    IO_URING_ENTER(426, 426),
    IO_URING_REGISTER(427, 427),
    // Kernel attack surface and host-wide state.
    KEXEC_LOAD(246, 104),
    KEXEC_FILE_LOAD(320, 294),
    BPF(321, 280),
    PERF_EVENT_OPEN(298, 241),
    ADD_KEY(248, 217),
    REQUEST_KEY(249, 218),
    KEYCTL(250, 219),
    USERFAULTFD(323, 282),
    INIT_MODULE(175, 105),
    FINIT_MODULE(313, 273),
    DELETE_MODULE(176, 106),
    IOPL(172, -1),
    IOPERM(173, -1),
    SWAPON(167, 224),
    SWAPOFF(168, 225),
    REBOOT(169, 142),
    ACCT(163, 89),
    QUOTACTL(179, 60),
    QUOTACTL_FD(443, 443),
    FANOTIFY_INIT(300, 262),
    // open_by_handle_at bypasses path lookup entirely (the "shocker" container escape).
    OPEN_BY_HANDLE_AT(304, 265),
    NAME_TO_HANDLE_AT(303, 264),
    // Namespaces and mounts: a process that can remount can undo every read-only bind.
    UNSHARE(272, 97),
    SETNS(308, 268),
    MOUNT(165, 40),
    UMOUNT2(166, 39),
    PIVOT_ROOT(155, 41),
    CHROOT(161, 51),
    OPEN_TREE(428, 428),
    MOVE_MOUNT(429, 429),
    FSOPEN(430, 430),
    FSCONFIG(431, 431),
    FSMOUNT(432, 432),
    FSPICK(433, 433),
    MOUNT_SETATTR(442, 442),
    OPEN_TREE_ATTR(467, 467),
    // Inspected by argument rather than denied outright.
    IOCTL(16, 29),
    SOCKET(41, 198),
    SOCKETPAIR(53, 199),
    CLONE(56, 220),
    CLONE3(435, 435);

    private final int x86_64;
    private final int aarch64;

    Syscall(int x86_64, int aarch64) {
        this.x86_64 = x86_64;
        this.aarch64 = aarch64;
    }

    /** The number on {@code arch}, or -1 when the call does not exist there. */
    public int number(Arch arch) {
        return switch (arch) {
            case X86_64 -> x86_64;
            case AARCH64 -> aarch64;
        };
    }
}
