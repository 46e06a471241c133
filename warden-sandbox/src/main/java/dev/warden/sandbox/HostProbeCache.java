package dev.warden.sandbox;

import dev.warden.core.json.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * {@link HostProbe}'s answer, kept for as long as it can only be the same: until the machine reboots,
 * the kernel changes, or the bubblewrap binary on PATH is replaced. Probing runs bwrap once and asks the
 * kernel about Landlock and seccomp, about a tenth of a cold {@code warden exec}; what the host can
 * enforce does not change between two commands.
 *
 * <p>The file lives in Warden's home, which every sandbox keeps read-only, so the agent cannot plant an
 * answer. A stale or forged answer still cannot run anything unconfined: the backends it names fail
 * closed when the kernel refuses them. Anything unreadable, foreign or from another boot is probed
 * again; a cache that cannot be written only costs the next command a probe. A change the key cannot
 * see (a sysctl, an AppArmor profile) is picked up by {@code warden doctor}, which always probes afresh.
 */
public final class HostProbeCache {
    private static final String FORMAT = "warden-host-probe 1";

    private HostProbeCache() {}

    /** Probes once per boot, keeping the answer in {@code wardenHome}'s {@code cache/host-probe}. */
    public static Supplier<HostCapabilities> in(Path wardenHome) {
        return () -> probe(file(wardenHome));
    }

    /**
     * Probes now and keeps the answer: what {@code warden doctor} does, so a host whose settings changed
     * without a reboot (a sysctl allowing user namespaces, an AppArmor profile) is seen by the next command.
     */
    public static HostCapabilities refresh(Path wardenHome) {
        Optional<Path> bwrap = BwrapBackend.findOnPath("bwrap");
        HostCapabilities fresh = HostProbe.probe(bwrap, new LandlockBackend());
        write(file(wardenHome), key(bwrap), fresh);
        return fresh;
    }

    private static Path file(Path wardenHome) {
        return wardenHome.resolve("cache").resolve("host-probe");
    }

    /** The host's capabilities: from {@code file} when it was written this boot for this bwrap, else probed (and saved). */
    public static HostCapabilities probe(Path file) {
        return probe(file, BwrapBackend.findOnPath("bwrap"));
    }

    static HostCapabilities probe(Path file, Optional<Path> bwrap) {
        String key = key(bwrap);
        Optional<HostCapabilities> cached = read(file, key);
        if (cached.isPresent()) {
            return cached.get();
        }
        HostCapabilities fresh = HostProbe.probe(bwrap, new LandlockBackend());
        write(file, key, fresh);
        return fresh;
    }

    /** What must be equal for a saved answer to hold: this boot, this kernel, this user, this bwrap binary. */
    static String key(Optional<Path> bwrap) {
        StringBuilder key = new StringBuilder(FORMAT);
        key.append(" boot=").append(procLine("/proc/sys/kernel/random/boot_id"));
        key.append(" kernel=").append(procLine("/proc/sys/kernel/osrelease"));
        key.append(" user=").append(System.getProperty("user.name"));
        if (bwrap.isPresent()) {
            key.append(" bwrap=").append(bwrap.get());
            try {
                BasicFileAttributes attrs = Files.readAttributes(bwrap.get(), BasicFileAttributes.class);
                key.append(':').append(attrs.fileKey()).append(':').append(attrs.size())
                        .append(':').append(attrs.lastModifiedTime().toMillis());
            } catch (IOException e) {
                key.append(":unreadable");
            }
        } else {
            key.append(" bwrap=none");
        }
        return key.toString();
    }

    private static String procLine(String path) {
        try {
            return Files.readString(Path.of(path)).strip();
        } catch (IOException e) {
            // No boot id (not Linux's procfs): a key that never matches, so every command probes.
            return "unknown-" + System.nanoTime();
        }
    }

    static Optional<HostCapabilities> read(Path file, String key) {
        try {
            if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
                return Optional.empty();
            }
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            if (lines.size() != 2 || !lines.get(0).equals(key)) {
                return Optional.empty();
            }
            return Optional.of(fromJson((Map<?, ?>) Json.parse(lines.get(1))));
        } catch (IOException | RuntimeException e) {
            // Unreadable or not ours: probe again, and the write below replaces it.
            return Optional.empty();
        }
    }

    static void write(Path file, String key, HostCapabilities caps) {
        Path temp = null;
        try {
            Files.createDirectories(file.getParent());
            temp = Files.createTempFile(file.getParent(), ".host-probe", ".tmp");
            Files.writeString(temp, key + "\n" + Json.write(caps.toJson()) + "\n", StandardCharsets.UTF_8);
            try {
                Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
            }
            temp = null;
        } catch (IOException | RuntimeException e) {
            // Not saved: the next command probes again, which is only slower.
        } finally {
            if (temp != null) {
                try {
                    Files.deleteIfExists(temp);
                } catch (IOException ignored) {
                    // a stray temp file in Warden's cache directory is harmless
                }
            }
        }
    }

    private static HostCapabilities fromJson(Map<?, ?> json) {
        Map<?, ?> bwrap = (Map<?, ?>) json.get("bwrap");
        List<String> limits = new ArrayList<>();
        for (Object limit : (List<?>) json.get("limits")) {
            limits.add((String) limit);
        }
        return new HostCapabilities((String) bwrap.get("path"), (Boolean) bwrap.get("works"),
                (String) bwrap.get("problem"), ((Number) json.get("landlock_abi")).intValue(),
                (Boolean) json.get("seccomp"), requireBackend((String) json.get("auto_backend")),
                (String) json.get("reason"), limits);
    }

    private static String requireBackend(String name) {
        return switch (name) {
            case "bwrap", "landlock", "none" -> name;
            default -> throw new IllegalArgumentException("unknown backend " + name);
        };
    }
}
