package dev.warden.sandbox.spawn;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;

/**
 * {@code kill(2)} for callers that forward signals to a sandboxed command: Java can only terminate a
 * process, not deliver SIGINT or SIGHUP to it. Numbers are Linux's on x86_64 and aarch64.
 */
public final class Signals {
    public static final int SIGHUP = 1;
    public static final int SIGINT = 2;
    public static final int SIGQUIT = 3;
    public static final int SIGKILL = 9;
    public static final int SIGTERM = 15;
    public static final int SIGWINCH = 28;

    private Signals() {}

    /**
     * kill(2) alone, bound on first use: a command started without {@link PosixSpawn} (a one-shot
     * {@code warden exec}) pays for binding this one function only if a signal has to be forwarded.
     */
    private static final class Kill {
        static final MethodHandle HANDLE;

        static {
            Linker linker = Linker.nativeLinker();
            HANDLE = linker.downcallHandle(linker.defaultLookup().find("kill").orElseThrow(),
                    FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_INT));
        }
    }

    /** Sends {@code signal} to process {@code pid}; false when it does not exist (or may not be signalled). */
    public static boolean send(long pid, int signal) {
        return kill(Math.toIntExact(pid), signal);
    }

    /** Sends {@code signal} to every process of group {@code pgid}, as a terminal does for ^C. */
    public static boolean sendToGroup(long pgid, int signal) {
        if (pgid <= 1) {
            throw new IllegalArgumentException("refusing to signal process group " + pgid);
        }
        return kill(-Math.toIntExact(pgid), signal);
    }

    private static boolean kill(int target, int signal) {
        try {
            return (int) Kill.HANDLE.invokeExact(target, signal) == 0;
        } catch (Throwable t) {
            throw new IllegalStateException("kill(" + target + ", " + signal + ") failed", t);
        }
    }
}
