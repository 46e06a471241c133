package dev.warden.sandbox.landlock;

/** Landlock access rights and the ABI that introduced each (see {@code linux/landlock.h}). */
public final class Access {
    private Access() {}

    public static final long EXECUTE = 1L;
    public static final long WRITE_FILE = 1L << 1;
    public static final long READ_FILE = 1L << 2;
    public static final long READ_DIR = 1L << 3;
    public static final long REMOVE_DIR = 1L << 4;
    public static final long REMOVE_FILE = 1L << 5;
    public static final long MAKE_CHAR = 1L << 6;
    public static final long MAKE_DIR = 1L << 7;
    public static final long MAKE_REG = 1L << 8;
    public static final long MAKE_SOCK = 1L << 9;
    public static final long MAKE_FIFO = 1L << 10;
    public static final long MAKE_BLOCK = 1L << 11;
    public static final long MAKE_SYM = 1L << 12;
    /** ABI 2: link or rename across directories. */
    public static final long REFER = 1L << 13;
    /** ABI 3. */
    public static final long TRUNCATE = 1L << 14;
    /** ABI 5: ioctl on character and block devices. */
    public static final long IOCTL_DEV = 1L << 15;

    /** Rights that make sense on a file (a rule on a file with any other right is EINVAL). */
    public static final long FILE_ONLY = EXECUTE | WRITE_FILE | READ_FILE | TRUNCATE | IOCTL_DEV;

    public static final long READ = EXECUTE | READ_FILE | READ_DIR;
    public static final long WRITE = WRITE_FILE | REMOVE_DIR | REMOVE_FILE | MAKE_DIR | MAKE_REG | MAKE_SOCK
            | MAKE_FIFO | MAKE_SYM | REFER | TRUNCATE;

    public static final long NET_BIND_TCP = 1L;
    public static final long NET_CONNECT_TCP = 1L << 1;

    public static final long SCOPE_ABSTRACT_UNIX_SOCKET = 1L;
    public static final long SCOPE_SIGNAL = 1L << 1;

    /** Every filesystem right the kernel with {@code abi} knows. */
    public static long handledFs(int abi) {
        long all = (1L << 13) - 1;
        if (abi >= 2) {
            all |= REFER;
        }
        if (abi >= 3) {
            all |= TRUNCATE;
        }
        if (abi >= 5) {
            all |= IOCTL_DEV;
        }
        return all;
    }
}
