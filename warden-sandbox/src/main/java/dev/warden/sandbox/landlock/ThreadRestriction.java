package dev.warden.sandbox.landlock;

import dev.warden.sandbox.NetworkMode;
import dev.warden.sandbox.landlock.LinuxCalls.Nr;
import dev.warden.sandbox.landlock.LinuxCalls.SyscallException;
import dev.warden.sandbox.seccomp.BpfProgram;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.List;
import java.util.OptionalInt;

/**
 * Restricts the calling thread, for good: no_new_privs, capabilities dropped, a Landlock domain and
 * a seccomp filter. Processes the thread spawns inherit all of it. Call only on a thread made for
 * this purpose; it can never be unrestricted again.
 */
public final class ThreadRestriction {
    private static final int PR_SET_NO_NEW_PRIVS = 38;
    private static final int PR_CAPBSET_DROP = 24;
    private static final int PR_CAP_AMBIENT = 47;
    private static final int PR_CAP_AMBIENT_CLEAR_ALL = 4;
    private static final int PR_SET_SECCOMP = 22;
    private static final int SECCOMP_MODE_FILTER = 2;
    private static final int LANDLOCK_CREATE_RULESET_VERSION = 1;
    private static final int LANDLOCK_RULE_PATH_BENEATH = 1;
    private static final int LANDLOCK_RULE_NET_PORT = 2;
    private static final int EINVAL = 22;

    /** What the restriction achieved. */
    public record Achieved(int abi, long handledFs, boolean networkRules, boolean scoped) {}

    private ThreadRestriction() {}

    /** The kernel's Landlock ABI version, 0 when Landlock is unavailable (not built, or not in {@code lsm=}). */
    public static int abi() {
        try {
            return (int) LinuxCalls.call(Nr.LANDLOCK_CREATE_RULESET, 0, 0, LANDLOCK_CREATE_RULESET_VERSION, 0, 0);
        } catch (SyscallException e) {
            return 0;
        }
    }

    public static Achieved apply(int abi, List<AccessPlan.Grant> grants, NetworkMode network, OptionalInt proxyPort,
            BpfProgram filter) throws SyscallException {
        LinuxCalls.prctl(PR_SET_NO_NEW_PRIVS, 1, 0);
        dropCapabilities();
        long handledFs = Access.handledFs(abi);
        boolean netRules = abi >= 4 && network != NetworkMode.FULL;
        long handledNet = netRules ? Access.NET_BIND_TCP | Access.NET_CONNECT_TCP : 0;
        long scoped = abi >= 6 ? Access.SCOPE_ABSTRACT_UNIX_SOCKET | Access.SCOPE_SIGNAL : 0;
        try (Arena arena = Arena.ofConfined()) {
            // struct landlock_ruleset_attr grew with the ABI; pass only the fields this kernel knows.
            int attrSize = abi >= 6 ? 24 : abi >= 4 ? 16 : 8;
            MemorySegment attr = arena.allocate(24, 8);
            attr.set(ValueLayout.JAVA_LONG, 0, handledFs);
            attr.set(ValueLayout.JAVA_LONG, 8, handledNet);
            attr.set(ValueLayout.JAVA_LONG, 16, scoped);
            int ruleset = (int) LinuxCalls.call(Nr.LANDLOCK_CREATE_RULESET, attr.address(), attrSize, 0, 0, 0);
            try {
                // struct landlock_path_beneath_attr is packed: u64 allowed_access, s32 parent_fd.
                MemorySegment beneath = arena.allocate(12, 8);
                for (AccessPlan.Grant grant : grants) {
                    int fd;
                    try {
                        fd = LinuxCalls.openPath(grant.path().toString());
                    } catch (SyscallException e) {
                        continue; // Vanished since planning: nothing to grant.
                    }
                    try {
                        beneath.set(ValueLayout.JAVA_LONG_UNALIGNED, 0, grant.rights() & handledFs);
                        beneath.set(ValueLayout.JAVA_INT_UNALIGNED, 8, fd);
                        LinuxCalls.call(Nr.LANDLOCK_ADD_RULE, ruleset, LANDLOCK_RULE_PATH_BENEATH, beneath.address(), 0, 0);
                    } finally {
                        LinuxCalls.close(fd);
                    }
                }
                if (netRules && network == NetworkMode.PROXIED && proxyPort.isPresent()) {
                    MemorySegment port = arena.allocate(16, 8);
                    port.set(ValueLayout.JAVA_LONG, 0, Access.NET_CONNECT_TCP);
                    port.set(ValueLayout.JAVA_LONG, 8, proxyPort.getAsInt());
                    LinuxCalls.call(Nr.LANDLOCK_ADD_RULE, ruleset, LANDLOCK_RULE_NET_PORT, port.address(), 0, 0);
                }
                LinuxCalls.call(Nr.LANDLOCK_RESTRICT_SELF, ruleset, 0, 0, 0, 0);
            } finally {
                LinuxCalls.close(ruleset);
            }
            installSeccomp(arena, filter);
        }
        return new Achieved(abi, handledFs, netRules, scoped != 0);
    }

    private static void installSeccomp(Arena arena, BpfProgram filter) throws SyscallException {
        byte[] bytes = filter.toBytes();
        MemorySegment program = arena.allocate(bytes.length, 8);
        MemorySegment.copy(bytes, 0, program, ValueLayout.JAVA_BYTE, 0, bytes.length);
        // struct sock_fprog { unsigned short len; struct sock_filter *filter; }
        MemorySegment fprog = arena.allocate(16, 8);
        fprog.set(ValueLayout.JAVA_SHORT, 0, (short) filter.size());
        fprog.set(ValueLayout.JAVA_LONG, 8, program.address());
        LinuxCalls.prctl(PR_SET_SECCOMP, SECCOMP_MODE_FILTER, fprog.address());
    }

    /**
     * A root caller keeps no capability in the sandbox: the bounding set is emptied so the exec'd
     * command gains none, as for any other user. Without CAP_SETPCAP (a normal user) there is nothing
     * to drop and the calls fail harmlessly.
     */
    private static void dropCapabilities() throws SyscallException {
        for (int cap = 0; cap < 64; cap++) {
            try {
                LinuxCalls.prctl(PR_CAPBSET_DROP, cap, 0);
            } catch (SyscallException e) {
                if (e.errno() == EINVAL) {
                    break; // past the last capability this kernel knows
                }
            }
        }
        try {
            LinuxCalls.prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_CLEAR_ALL, 0);
        } catch (SyscallException e) {
            // Kernels without ambient capabilities have none to clear.
        }
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment header = arena.allocate(8, 4);
            header.set(ValueLayout.JAVA_INT, 0, 0x20080522); // _LINUX_CAPABILITY_VERSION_3
            header.set(ValueLayout.JAVA_INT, 4, 0);          // this thread
            MemorySegment data = arena.allocate(24, 4);      // two zeroed __user_cap_data_struct
            LinuxCalls.call(Nr.CAPSET, header.address(), data.address(), 0, 0, 0);
        }
    }
}
