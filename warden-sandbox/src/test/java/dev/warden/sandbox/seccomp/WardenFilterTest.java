package dev.warden.sandbox.seccomp;

import dev.warden.sandbox.NetworkMode;
import dev.warden.sandbox.seccomp.WardenFilter.UnixSockets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Random;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static dev.warden.sandbox.seccomp.SeccompAction.ALLOW;
import static dev.warden.sandbox.seccomp.SeccompAction.EAFNOSUPPORT;
import static dev.warden.sandbox.seccomp.SeccompAction.EPERM;
import static dev.warden.sandbox.seccomp.SeccompAction.KILL_PROCESS;
import static dev.warden.sandbox.seccomp.SeccompAction.errno;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class WardenFilterTest {
    private static final int I386 = 0x40000003;

    private static int run(BpfProgram p, Arch arch, Syscall call, long... args) {
        return BpfInterpreter.run(p, arch.auditArch(), call.number(arch), args);
    }

    @ParameterizedTest
    @EnumSource(Arch.class)
    void killsForeignArchitecturesAndX32(Arch arch) {
        BpfProgram p = WardenFilter.build(arch, NetworkMode.FULL, UnixSockets.ALLOWED);
        assertThat(BpfInterpreter.run(p, I386, 102 /* socketcall */)).isEqualTo(KILL_PROCESS);
        int other = arch == Arch.X86_64 ? Arch.AARCH64.auditArch() : Arch.X86_64.auditArch();
        assertThat(BpfInterpreter.run(p, other, 0)).isEqualTo(KILL_PROCESS);
        if (arch == Arch.X86_64) {
            // x32 read (0x40000000 | 0) and x32 socket.
            assertThat(BpfInterpreter.run(p, arch.auditArch(), 0x40000000)).isEqualTo(KILL_PROCESS);
            assertThat(BpfInterpreter.run(p, arch.auditArch(), 0x40000000 | 41, 2)).isEqualTo(KILL_PROCESS);
        }
    }

    @ParameterizedTest
    @EnumSource(Arch.class)
    void deniesEveryListedCallWithEpermAndAllowsOrdinaryOnes(Arch arch) {
        BpfProgram p = WardenFilter.build(arch, NetworkMode.OFF, UnixSockets.ALLOWED);
        for (Syscall call : WardenFilter.DENIED) {
            if (call.number(arch) >= 0) {
                assertThat(run(p, arch, call)).as(call.name()).isEqualTo(errno(EPERM));
            }
        }
        Set<Integer> named = new java.util.HashSet<>();
        for (Syscall s : Syscall.values()) {
            named.add(s.number(arch));
        }
        for (int nr = 0; nr < 470; nr++) {
            if (!named.contains(nr)) {
                assertThat(BpfInterpreter.run(p, arch.auditArch(), nr, 1, 2, 3)).as("nr %d", nr).isEqualTo(ALLOW);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Arch.class)
    void ioctlComparesOnlyTheLowWordOfTheRequest(Arch arch) {
        BpfProgram p = WardenFilter.build(arch, NetworkMode.FULL, UnixSockets.ALLOWED);
        Random random = new Random(42);
        for (int i = 0; i < 2000; i++) {
            long high = ((long) random.nextInt()) << 32;
            assertThat(run(p, arch, Syscall.IOCTL, 0, high | WardenFilter.TIOCSTI)).isEqualTo(errno(EPERM));
            assertThat(run(p, arch, Syscall.IOCTL, 0, high | WardenFilter.TIOCLINUX)).isEqualTo(errno(EPERM));
            int request = random.nextInt();
            if (request != WardenFilter.TIOCSTI && request != WardenFilter.TIOCLINUX) {
                assertThat(run(p, arch, Syscall.IOCTL, 0, high | (request & 0xFFFFFFFFL))).isEqualTo(ALLOW);
            }
        }
        assertThat(run(p, arch, Syscall.IOCTL, 0, 0x5413 /* TIOCGWINSZ */)).isEqualTo(ALLOW);
    }

    @ParameterizedTest
    @EnumSource(Arch.class)
    void socketFamiliesFollowTheNetworkMode(Arch arch) {
        for (NetworkMode mode : NetworkMode.values()) {
            for (UnixSockets unix : UnixSockets.values()) {
                BpfProgram p = WardenFilter.build(arch, mode, unix);
                Set<Integer> allowedFamilies = switch (mode) {
                    case OFF -> Set.of(1);
                    case PROXIED -> Set.of(1, 2, 10);
                    case FULL -> Set.of();
                };
                for (int family = 0; family < 46; family++) {
                    int socket = run(p, arch, Syscall.SOCKET, family | (7L << 32), 1, 0);
                    int pair = run(p, arch, Syscall.SOCKETPAIR, family, 1, 0);
                    String where = mode + "/" + unix + " family " + family;
                    if (mode == NetworkMode.FULL) {
                        assertThat(socket).as(where).isEqualTo(ALLOW);
                        assertThat(pair).as(where).isEqualTo(ALLOW);
                    } else if (family == 1) {
                        assertThat(socket).as(where).isEqualTo(unix == UnixSockets.ALLOWED ? ALLOW : errno(EPERM));
                        assertThat(pair).as(where).isEqualTo(ALLOW);
                    } else {
                        assertThat(socket).as(where)
                                .isEqualTo(allowedFamilies.contains(family) ? ALLOW : errno(EAFNOSUPPORT));
                        assertThat(pair).as(where).isEqualTo(errno(EAFNOSUPPORT));
                    }
                }
            }
        }
    }

    /** Proxied: TCP only. UDP would carry DNS to any resolver; SCTP and MPTCP escape Landlock's TCP rules. */
    @ParameterizedTest
    @EnumSource(Arch.class)
    void proxiedAllowsTcpStreamsOnly(Arch arch) {
        BpfProgram p = WardenFilter.build(arch, NetworkMode.PROXIED, UnixSockets.PAIRS_ONLY);
        int nonblock = 0x800;
        int cloexec = 0x80000;
        for (int family : new int[] {2, 10}) {
            for (int flags : new int[] {0, nonblock, cloexec, nonblock | cloexec}) {
                assertThat(run(p, arch, Syscall.SOCKET, family, 1 | flags, 0)).isEqualTo(ALLOW);
                assertThat(run(p, arch, Syscall.SOCKET, family, 1 | flags | (5L << 32), 6L | (9L << 32)))
                        .as("only the low words count, as in the kernel's int arguments").isEqualTo(ALLOW);
                for (int type : new int[] {2 /* DGRAM */, 3 /* RAW */, 4, 5 /* SEQPACKET */, 6, 10 /* PACKET */}) {
                    assertThat(run(p, arch, Syscall.SOCKET, family, type | flags, 0)).as("type " + type)
                            .isEqualTo(errno(EPERM));
                }
                for (int protocol : new int[] {1 /* ICMP */, 17 /* UDP */, 132 /* SCTP */, 262 /* MPTCP */, 255}) {
                    assertThat(run(p, arch, Syscall.SOCKET, family, 1 | flags, protocol)).as("protocol " + protocol)
                            .isEqualTo(errno(EPERM));
                }
            }
            assertThat(run(p, arch, Syscall.SOCKET, family, 1 | 0x40000 /* not a flag */, 0)).isEqualTo(errno(EPERM));
        }
    }

    @ParameterizedTest
    @EnumSource(Arch.class)
    void cloneMayNotCreateNamespacesAndClone3FallsBack(Arch arch) {
        BpfProgram p = WardenFilter.build(arch, NetworkMode.FULL, UnixSockets.ALLOWED);
        assertThat(run(p, arch, Syscall.CLONE, 0x01200011L /* fork() */)).isEqualTo(ALLOW);
        assertThat(run(p, arch, Syscall.CLONE, 0x003D0F00L /* pthread_create */)).isEqualTo(ALLOW);
        for (int flag : new int[] {0x00020000, 0x02000000, 0x04000000, 0x08000000, 0x10000000, 0x20000000, 0x40000000}) {
            assertThat(run(p, arch, Syscall.CLONE, 0x11L | flag)).isEqualTo(errno(EPERM));
        }
        assertThat(run(p, arch, Syscall.CLONE3, 0)).isEqualTo(errno(SeccompAction.ENOSYS));
    }

    /** The syscall table against the kernel headers, where the build host has them. */
    @Test
    void numbersMatchTheKernelHeaders() throws IOException {
        checkHeader(Path.of("/usr/include/x86_64-linux-gnu/asm/unistd_64.h"), Arch.X86_64);
        checkHeader(Path.of("/usr/include/asm-generic/unistd.h"), Arch.AARCH64);
    }

    private static void checkHeader(Path header, Arch arch) throws IOException {
        assumeTrue(Files.isReadable(header), "kernel headers not installed");
        String text = Files.readString(header);
        int checked = 0;
        for (Syscall call : EnumSet.allOf(Syscall.class)) {
            Matcher m = Pattern.compile("#define __NR(?:3264)?_" + call.name().toLowerCase() + "\\s+(\\d+)").matcher(text);
            if (m.find()) {
                assertThat(call.number(arch)).as(call + " on " + arch).isEqualTo(Integer.parseInt(m.group(1)));
                checked++;
            }
        }
        assertThat(checked).isGreaterThan(40);
    }
}
