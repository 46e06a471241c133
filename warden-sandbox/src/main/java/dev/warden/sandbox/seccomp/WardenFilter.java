package dev.warden.sandbox.seccomp;

import dev.warden.sandbox.NetworkMode;

import java.util.List;

/**
 * Warden's seccomp filter, the same for every backend: a kill for any foreign syscall ABI, EPERM
 * for calls that reach other processes, the kernel's attack surface or the mount table, argument
 * checks for {@code ioctl}, {@code socket} and {@code clone}.
 */
public final class WardenFilter {
    private WardenFilter() {}

    /** Whether {@code socket(AF_UNIX, ...)} is allowed, or only {@code socketpair}. */
    public enum UnixSockets {
        /** Right when host socket files are not reachable (bubblewrap masks them). */
        ALLOWED,
        /**
         * Right when the sandbox sees the host's socket files: Landlock (up to ABI 7) does not govern
         * {@code connect()} to a pathname socket such as {@code docker.sock}, so no unix socket may be
         * created at all; connected pairs ({@code socketpair}) reach nothing outside. This also keeps
         * abstract unix sockets of host processes out of reach where there is no network namespace.
         */
        PAIRS_ONLY
    }

    /** Calls denied with EPERM whatever their arguments. */
    public static final List<Syscall> DENIED = List.of(
            Syscall.PTRACE, Syscall.PROCESS_VM_READV, Syscall.PROCESS_VM_WRITEV, Syscall.PROCESS_MADVISE,
            Syscall.PIDFD_GETFD, Syscall.IO_URING_SETUP, Syscall.IO_URING_ENTER, Syscall.IO_URING_REGISTER,
            Syscall.KEXEC_LOAD, Syscall.KEXEC_FILE_LOAD, Syscall.BPF, Syscall.PERF_EVENT_OPEN,
            Syscall.ADD_KEY, Syscall.REQUEST_KEY, Syscall.KEYCTL, Syscall.USERFAULTFD,
            Syscall.INIT_MODULE, Syscall.FINIT_MODULE, Syscall.DELETE_MODULE, Syscall.IOPL, Syscall.IOPERM,
            Syscall.SWAPON, Syscall.SWAPOFF, Syscall.REBOOT, Syscall.ACCT, Syscall.QUOTACTL, Syscall.QUOTACTL_FD,
            Syscall.FANOTIFY_INIT, Syscall.OPEN_BY_HANDLE_AT, Syscall.NAME_TO_HANDLE_AT,
            Syscall.UNSHARE, Syscall.SETNS, Syscall.MOUNT, Syscall.UMOUNT2, Syscall.PIVOT_ROOT, Syscall.CHROOT,
            Syscall.OPEN_TREE, Syscall.MOVE_MOUNT, Syscall.FSOPEN, Syscall.FSCONFIG, Syscall.FSMOUNT,
            Syscall.FSPICK, Syscall.MOUNT_SETATTR, Syscall.OPEN_TREE_ATTR);

    public static final int TIOCSTI = 0x5412;
    public static final int TIOCLINUX = 0x541C;
    public static final int AF_UNIX = 1;
    public static final int AF_INET = 2;
    public static final int AF_INET6 = 10;
    public static final int SOCK_STREAM = 1;
    public static final int SOCK_NONBLOCK = 0x800;
    public static final int SOCK_CLOEXEC = 0x80000;
    public static final int IPPROTO_TCP = 6;
    /** x32 syscalls are the x86_64 numbers with this bit set: a second table a filter must not forget. */
    public static final int X32_SYSCALL_BIT = 0x40000000;
    /** CLONE_NEWNS|NEWCGROUP|NEWUTS|NEWIPC|NEWUSER|NEWPID|NEWNET: clone() can create namespaces like unshare(). */
    public static final int CLONE_NAMESPACE_FLAGS = 0x00020000 | 0x02000000 | 0x04000000 | 0x08000000
            | 0x10000000 | 0x20000000 | 0x40000000;

    public static BpfProgram build(Arch arch, NetworkMode network, UnixSockets unix) {
        BpfAssembler asm = new BpfAssembler()
                .loadArch()
                .jumpIfNotEqual(arch.auditArch(), "kill")
                .loadSyscallNumber();
        if (arch == Arch.X86_64) {
            asm.jumpIfAnySet(X32_SYSCALL_BIT, "kill");
        }
        for (Syscall call : DENIED) {
            int nr = call.number(arch);
            if (nr >= 0) {
                asm.jumpIfEqual(nr, "eperm");
            }
        }
        asm.jumpIfEqual(Syscall.IOCTL.number(arch), "ioctl")
                .jumpIfEqual(Syscall.CLONE.number(arch), "clone")
                // clone3 passes its flags in memory a filter cannot read; ENOSYS makes libc fall back to clone().
                .jumpIfEqual(Syscall.CLONE3.number(arch), "enosys");
        if (network != NetworkMode.FULL) {
            asm.jumpIfEqual(Syscall.SOCKET.number(arch), "socket")
                    .jumpIfEqual(Syscall.SOCKETPAIR.number(arch), "socketpair");
        }
        asm.ret(SeccompAction.ALLOW)
                // ioctl's request is an unsigned int in the kernel: only the low word counts, so
                // TIOCSTI | (1L << 32) is still TIOCSTI and must still be refused.
                .label("ioctl").loadArgLow(1)
                .jumpIfEqual(TIOCSTI, "eperm")
                .jumpIfEqual(TIOCLINUX, "eperm")
                .jump("allow")
                .label("clone").loadArgLow(0)
                .jumpIfAnySet(CLONE_NAMESPACE_FLAGS, "eperm")
                .jump("allow");
        if (network != NetworkMode.FULL) {
            asm.label("socket").loadArgLow(0)
                    .jumpIfEqual(AF_UNIX, unix == UnixSockets.ALLOWED ? "allow" : "eperm");
            if (network == NetworkMode.PROXIED) {
                asm.jumpIfEqual(AF_INET, "tcp").jumpIfEqual(AF_INET6, "tcp");
            }
            asm.jump("eafnosupport")
                    .label("socketpair").loadArgLow(0)
                    .jumpIfEqual(AF_UNIX, "allow")
                    .jump("eafnosupport");
            if (network == NetworkMode.PROXIED) {
                // The proxy is reached over TCP and nothing else: UDP (DNS to any resolver), ICMP "ping"
                // sockets, raw sockets, SCTP and MPTCP (which Landlock's TCP port rules do not govern)
                // are refused. The type may carry SOCK_NONBLOCK and SOCK_CLOEXEC; any other bit is EINVAL
                // in the kernel anyway, so only these four spellings of SOCK_STREAM pass.
                asm.label("tcp").loadArgLow(1)
                        .jumpIfEqual(SOCK_STREAM, "tcp-protocol")
                        .jumpIfEqual(SOCK_STREAM | SOCK_NONBLOCK, "tcp-protocol")
                        .jumpIfEqual(SOCK_STREAM | SOCK_CLOEXEC, "tcp-protocol")
                        .jumpIfEqual(SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, "tcp-protocol")
                        .jump("eperm")
                        .label("tcp-protocol").loadArgLow(2)
                        .jumpIfEqual(0, "allow")
                        .jumpIfEqual(IPPROTO_TCP, "allow")
                        .jump("eperm");
            }
        }
        asm.label("allow").ret(SeccompAction.ALLOW)
                .label("eperm").ret(SeccompAction.errno(SeccompAction.EPERM))
                .label("eafnosupport").ret(SeccompAction.errno(SeccompAction.EAFNOSUPPORT))
                .label("kill").ret(SeccompAction.KILL_PROCESS)
                .label("enosys").ret(SeccompAction.errno(SeccompAction.ENOSYS));
        return asm.assemble();
    }
}
