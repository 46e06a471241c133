package dev.warden.sandbox.seccomp;

import java.util.Locale;

/**
 * The native architectures Warden filters for, with their {@code AUDIT_ARCH_*} value as the kernel
 * writes it into {@code seccomp_data.arch}. Anything else (i386 via {@code int 0x80}, arm32 compat)
 * is killed by the filter, because a 64-bit syscall table check says nothing about another table.
 */
public enum Arch {
    X86_64(0xC000003E),
    AARCH64(0xC00000B7);

    private final int auditArch;

    Arch(int auditArch) {
        this.auditArch = auditArch;
    }

    public int auditArch() {
        return auditArch;
    }

    /** The architecture this JVM runs on; fails for one Warden has no syscall table for. */
    public static Arch current() {
        String arch = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
        return switch (arch) {
            case "amd64", "x86_64" -> X86_64;
            case "aarch64", "arm64" -> AARCH64;
            default -> throw new IllegalStateException(
                    "no seccomp syscall table for architecture '" + arch + "': Warden supports x86_64 and aarch64");
        };
    }
}
