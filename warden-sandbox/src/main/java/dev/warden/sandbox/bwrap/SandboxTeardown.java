package dev.warden.sandbox.bwrap;

import dev.warden.sandbox.mounts.MountPlaceholders;
import dev.warden.sandbox.spawn.SpawnedProcess;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * What happens after a bubblewrap sandbox's command ends, in the order safety needs: the launcher's
 * own leftovers go, then — once nothing of the sandbox can act any more — its claim on the mount
 * points is released, which removes them when no other sandbox relies on them.
 */
public final class SandboxTeardown {
    /** bwrap's monitor forks the namespace's init within milliseconds; far longer means it is failing. */
    private static final long INIT_WAIT_MILLIS = 5_000;
    /** Without a known init, long enough for a parent-death SIGKILL already sent to take the namespace down. */
    private static final long GRACE_MILLIS = 1_000;

    private SandboxTeardown() {}

    /**
     * @param monitor  bwrap, as spawned
     * @param claim    the sandbox's claim on mount points, released last
     * @param leftovers what to clean first (process limit, option file)
     * @param descriptors wait for the namespace's init on a process descriptor ({@link NamespaceInit#awaitEnd}):
     *                  for a JVM that binds native functions anyway (posix_spawn, a server), not for a one-shot
     *                  command that started bwrap through the shell trampoline to bind none
     * @return the process to hand to the caller: its {@code waitFor()} returns after the teardown
     */
    public static Process watch(Process monitor, MountPlaceholders.Claim claim, Runnable leftovers,
            boolean descriptors) {
        CompletableFuture<Optional<NamespaceInit>> init = CompletableFuture.supplyAsync(
                () -> NamespaceInit.of(monitor, INIT_WAIT_MILLIS), Thread::startVirtualThread);
        AtomicBoolean destroyed = new AtomicBoolean();
        CompletableFuture<Void> tornDown = monitor.onExit().thenCombine(init, (exited, found) -> found)
                .thenAcceptAsync(found -> {
                    try {
                        awaitInitAfterMonitor(found, exitedByItself(monitor, destroyed.get()), descriptors);
                        leftovers.run();
                    } finally {
                        release(claim, found, exitedByItself(monitor, destroyed.get()), descriptors);
                    }
                    // On the thread that saw the exit when that is Warden's own waiter (posix_spawn): it is there for
                    // this process alone, and a virtual thread would be one more wake-up (0.15 ms at the median of a
                    // warm spawn, against 0.04). Not on the JDK's process reaper (the trampoline), nor a daemon client's.
                }, monitor instanceof SpawnedProcess ? Runnable::run : Thread::startVirtualThread);
        return new TornDownProcess(monitor, tornDown, () -> destroyed.set(true));
    }

    /**
     * A process whose {@code waitFor()} and {@code onExit()} complete only after {@code cleanup} has run, once it
     * exited: for a sandbox without a mount namespace (Landlock), whose leftovers are its session's processes, its
     * process limit and its private temporary directory. Without the wait, a {@code warden exec} that exits right
     * after its command would leave them all behind.
     */
    public static Process afterExit(Process process, Runnable cleanup) {
        CompletableFuture<Void> cleaned = process.onExit().thenAcceptAsync(exited -> cleanup.run(),
                Thread::startVirtualThread);
        return new TornDownProcess(process, cleaned, () -> { });
    }

    /**
     * bwrap's monitor exits on the status its init reports, often a moment before the init itself has exited (it
     * then shows with parent 1, running or a zombie). Waiting for the init here, on a process descriptor that wakes
     * the moment it exits, is cheaper than having the leftovers' cleanup find it in the process limit's cgroup and
     * kill it and look again. Bounded: the cleanup deals with whatever is still there after a second.
     */
    private static void awaitInitAfterMonitor(Optional<NamespaceInit> init, boolean exitedByItself,
            boolean descriptors) {
        if (init.isEmpty() || !exitedByItself) {
            return;
        }
        try {
            init.get().awaitEnd(GRACE_MILLIS, descriptors);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * bwrap's monitor exits by itself once its init has reported the command's status, and the init is then on its
     * way out, taking every other process of the namespace with it: the leftovers' cleanup empties the process limit's
     * cgroup before the claim is released, so there is no grace to wait, even when the command was too quick for the
     * init to be seen (a {@code true} is gone in a millisecond, and a second of grace would triple its cost).
     * A monitor that Warden destroyed, or that a signal ended (status 128+N), may have left the init behind.
     */
    private static boolean exitedByItself(Process monitor, boolean destroyed) {
        return !destroyed && monitor.exitValue() < 128;
    }

    /**
     * Leaves the claim once the namespace's init has ended, and with it every process of the sandbox.
     * Normally that is already so (bwrap's monitor exits after its init); when the monitor was killed
     * first, the init is still on its way out.
     */
    private static void release(MountPlaceholders.Claim claim, Optional<NamespaceInit> init, boolean exitedByItself,
            boolean descriptors) {
        try {
            if (exitedByItself) {
                // Nothing of the sandbox is left (see exitedByItself).
            } else if (init.isPresent()) {
                // A process stuck in the kernel can delay its death; the claim is held for as long as it takes.
                while (!init.get().awaitEnd(60_000, descriptors)) {
                    Thread.onSpinWait();
                }
            } else {
                Thread.sleep(GRACE_MILLIS);
            }
        } catch (InterruptedException e) {
            // Not released: the lock goes with this JVM, and its placeholders to a later sweep.
            Thread.currentThread().interrupt();
            return;
        }
        claim.close();
    }
}
