package dev.warden.sandbox.landlock;

/** Whether this kernel has seccomp filtering, asked without changing anything. */
public final class SeccompSupport {
    private static final int PR_GET_SECCOMP = 21;

    private SeccompSupport() {}

    /** {@code prctl(PR_GET_SECCOMP)} fails with EINVAL on kernels built without seccomp. */
    public static boolean available() {
        try {
            LinuxCalls.prctl(PR_GET_SECCOMP, 0, 0);
            return true;
        } catch (LinuxCalls.SyscallException e) {
            return false;
        }
    }
}
