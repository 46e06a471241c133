package dev.warden.policy.fs;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What {@code :minimal} grants: the read-only system trees a dynamically linked program needs to start
 * and behave (binaries, shared libraries, the loader cache, {@code /etc} for users, name resolution,
 * time zones and CA certificates) and the harmless character devices. Home directories, {@code /root},
 * {@code /var}, {@code /srv}, {@code /opt} and {@code /mnt} are deliberately absent. {@code /proc},
 * {@code /sys} and {@code /dev/pts} are the sandbox's business (it mounts fresh ones), not a policy's.
 */
public final class MinimalPaths {
    private MinimalPaths() {}

    /** The candidates, before the ones missing on this host are dropped. */
    public static final List<Path> CANDIDATES = List.of(
            Path.of("/usr"),
            Path.of("/bin"),
            Path.of("/sbin"),
            Path.of("/lib"),
            Path.of("/lib32"),
            Path.of("/lib64"),
            Path.of("/libx32"),
            Path.of("/etc"),
            Path.of("/dev/null"),
            Path.of("/dev/zero"),
            Path.of("/dev/full"),
            Path.of("/dev/random"),
            Path.of("/dev/urandom"),
            Path.of("/dev/tty"));

    /** The candidates present on this host, canonical ({@code /bin} is {@code /usr/bin} on merged-usr systems). */
    public static List<Path> present() {
        List<Path> present = new ArrayList<>();
        for (Path candidate : CANDIDATES) {
            if (Files.exists(candidate)) {
                present.add(CanonicalPath.of(candidate));
            }
        }
        return present;
    }
}
