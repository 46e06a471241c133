package dev.warden.sandbox.mounts;

import java.nio.file.Path;

/**
 * Another Warden process for {@link MountPlaceholdersTest}: takes {@code mounts.lock} the way a sandbox
 * ({@code -s}) or a sweep ({@code -x}) does, says {@code held} on stdout, and keeps the lock until its
 * stdin closes. Arguments: the lock file, then {@code -s} or {@code -x}.
 */
public final class LockHolder {
    private LockHolder() {}

    public static void main(String[] args) throws Exception {
        MountLock lock = MountLock.open(Path.of(args[0]));
        boolean held = args[1].equals("-x") ? lock.tryExclusive() : lock.tryShared();
        System.out.println(held ? "held" : "busy");
        System.out.flush();
        System.in.transferTo(java.io.OutputStream.nullOutputStream());
        lock.close();
    }
}
