package dev.warden.sandbox.seccomp;

/** The {@code SECCOMP_RET_*} values a filter returns (see {@code linux/seccomp.h}). */
public final class SeccompAction {
    private SeccompAction() {}

    public static final int KILL_PROCESS = 0x80000000;
    public static final int ALLOW = 0x7FFF0000;
    private static final int ERRNO = 0x00050000;

    public static final int EPERM = 1;
    public static final int ENOSYS = 38;
    public static final int EAFNOSUPPORT = 97;

    /** Fail the call with {@code errno}, the process carries on. */
    public static int errno(int errno) {
        if (errno <= 0 || errno > 0xFFF) {
            throw new IllegalArgumentException("errno out of range: " + errno);
        }
        return ERRNO | errno;
    }
}
