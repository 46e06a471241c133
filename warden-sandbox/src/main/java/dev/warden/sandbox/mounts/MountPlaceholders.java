package dev.warden.sandbox.mounts;

import dev.warden.sandbox.SandboxException;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SecureDirectoryStream;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The mount points bubblewrap needs to mask missing protected names ({@code .mcp.json}, {@code .vscode},
 * {@code .git/hooks} ...). A mount point inside a writable bind exists on the host, so Warden creates
 * it itself, writes it down in a per-user ledger, and removes it once no Warden sandbox of this user
 * can rely on it.
 *
 * <p>Why "no sandbox at all" and not "not this one": a second sandbox started while the first ran
 * sees the placeholder as an existing protected path and binds it read-only. Removing a directory
 * that is a mount point in another mount namespace succeeds (Linux 3.18+) and detaches the mount
 * there, so the second sandbox's command could then create the name. Hence every sandbox holds a
 * shared lock on {@code mounts.lock} ({@link MountLock}) from before it looks at the filesystem until its last
 * process is gone, and placeholders are removed only under the exclusive lock: by the last sandbox
 * out, or by the next one to start alone (after a crash).
 *
 * <p>Removed placeholders go to a pool in the lock directory (and one in the user's cache directory when that is on
 * another filesystem) and are renamed into place for the next launches ({@link PlaceholderPool}): a rename instead of
 * a {@code mkdir} and an {@code rmdir}, where the filesystem is the same.
 *
 * <p>A long-lived JVM (the daemon, the MCP server) can keep its placeholders standing for a while after its last
 * sandbox ended ({@link #keepBetweenSandboxes}): a sandbox started meanwhile finds them {@link #standing} and masks
 * them as the missing names they stand for, instead of making and recording them again, and they are swept once
 * no sandbox has run for that long (or when the JVM exits).
 *
 * <p>The lock directory is {@code $XDG_RUNTIME_DIR/warden}, else {@code java.io.tmpdir/warden-UID}:
 * a real directory (not a symlink) owned by this user with no group or other access. When it is not,
 * Warden still masks, but never removes anything (the behaviour before placeholders were tracked).
 */
public final class MountPlaceholders {
    /** A sweep takes milliseconds; an exclusive holder for longer is stuck or hostile. */
    static final Duration SHARED_WAIT = Duration.ofSeconds(10);
    private static final String LOCK = "mounts.lock";
    private static final String LEDGER = "placeholders";
    private static final String POOL = "pool";
    private static final AtomicLong SEQUENCE = new AtomicLong();
    /**
     * How long the daemon and the MCP server keep placeholders standing after their last sandbox: a script's or an
     * agent's next command usually comes within seconds, and a workspace is clean again soon after they pause.
     */
    public static final Duration KEPT_BY_SERVERS = Duration.ofSeconds(10);

    private final Path directory;
    private final String unavailable;
    private final Duration sharedWait;
    /** This user's id (the lock directory's owner, checked to be this process's uid); -1 when unavailable. */
    private final int ownerUid;
    /** A second pool's private directory on another filesystem (the home's), or null. */
    private final Path secondPool;
    /** Empty directories for the next mount points, one pool per filesystem; empty when placeholders are not tracked. */
    private final List<PlaceholderPool> pools;
    /** The placeholders this JVM recorded and no sweep has settled yet, with the identity each had when recorded. */
    private final Map<Path, String> standing = new java.util.concurrent.ConcurrentHashMap<>();
    /** How long placeholders stay after the last sandbox of this JVM ended; zero: swept by the last one out. */
    private volatile Duration keep = Duration.ZERO;
    /** Claims of this JVM not closed yet, and a count of claims ever made that tells a later one from a timer's. */
    private int liveClaims;
    private long claimsMade;
    private boolean exitHookInstalled;

    private MountPlaceholders(Path directory, String unavailable, int ownerUid) {
        this(directory, unavailable, ownerUid, SHARED_WAIT, null);
    }

    private MountPlaceholders(Path directory, String unavailable, int ownerUid, Duration sharedWait, Path secondPool) {
        this.directory = directory;
        this.unavailable = unavailable;
        this.ownerUid = ownerUid;
        this.sharedWait = sharedWait;
        this.secondPool = unavailable == null ? secondPool : null;
        this.pools = unavailable != null ? List.of()
                : this.secondPool == null ? List.of(new PlaceholderPool(directory.resolve(POOL)))
                : List.of(new PlaceholderPool(directory.resolve(POOL)), new PlaceholderPool(this.secondPool));
    }

    /** The same registry giving up on an exclusive holder after {@code wait} (tests). */
    MountPlaceholders withSharedWait(Duration wait) {
        return new MountPlaceholders(directory, unavailable, ownerUid, wait, secondPool);
    }

    /**
     * The same registry keeping mount points for reuse in {@code privateDirectory} too (created 0700), for workspaces on
     * its filesystem: a pool works only within one. Ignored when that directory is not private to this user.
     */
    MountPlaceholders withSecondPool(Path privateDirectory) {
        if (unavailable != null) {
            return this;
        }
        Path dir = privateDirectory.toAbsolutePath().normalize();
        try {
            Files.createDirectories(dir.getParent());
            Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        } catch (FileAlreadyExistsException e) {
            // checked below
        } catch (IOException | RuntimeException e) {
            return this;
        }
        return privateDirectoryProblem(dir, ownerUid).isPresent() ? this
                : new MountPlaceholders(directory, unavailable, ownerUid, sharedWait, dir);
    }

    private static final class ForCurrentUser {
        static final MountPlaceholders INSTANCE = withHomePool(at(defaultDirectory()));
    }

    /**
     * A desktop session's runtime directory is a tmpfs and its workspaces are under the home: a pool in the lock
     * directory would never be on their filesystem, so one more is kept in the user's cache directory
     * ({@code $XDG_CACHE_HOME/warden/mount-points}, else {@code ~/.cache/...}), hidden from every sandbox like the lock
     * directory. Only when the two are on different filesystems: otherwise the first pool serves both.
     */
    private static MountPlaceholders withHomePool(MountPlaceholders registry) {
        String cache = System.getenv("XDG_CACHE_HOME");
        String home = System.getProperty("user.home");
        Path base = cache != null && !cache.isBlank() && Path.of(cache).isAbsolute() ? Path.of(cache)
                : home != null && Path.of(home).isAbsolute() ? Path.of(home, ".cache") : null;
        if (base == null || registry.unavailable != null) {
            return registry;
        }
        try {
            Path existing = base;
            while (existing != null && !Files.isDirectory(existing)) {
                existing = existing.getParent();
            }
            if (existing == null || Files.getAttribute(existing, "unix:dev").equals(
                    Files.getAttribute(registry.directory, "unix:dev"))) {
                return registry;
            }
        } catch (IOException | RuntimeException e) {
            return registry;
        }
        return registry.withSecondPool(base.resolve("warden").resolve("mount-points"));
    }

    /**
     * Keeps placeholders standing until no sandbox of this JVM has run for {@code keep} (zero, the default: the last
     * sandbox out sweeps them). For servers that start one sandbox after another: a fresh repository has 19 missing
     * protected names, whose making, recording and sweeping cost about 1.8 ms of each warm spawn here. They are empty
     * directories in the workspace for that long, as they are while any sandbox runs; the JVM's exit sweeps them.
     */
    public void keepBetweenSandboxes(Duration keep) {
        if (keep.isNegative()) {
            throw new IllegalArgumentException("keep must not be negative: " + keep);
        }
        this.keep = keep;
    }

    /**
     * Whether {@code path} is a placeholder this JVM made that still stands as it was made (same directory, nothing
     * created or removed in it since): a launch masks it as the missing name it stands for rather than binding it as
     * an existing protected directory. False for anything else, also for a placeholder written into from the host.
     */
    public boolean standing(Path path) {
        String key = standing.get(path);
        if (key == null) {
            return false;
        }
        try {
            var attrs = Files.readAttributes(path, java.nio.file.attribute.BasicFileAttributes.class,
                    LinkOption.NOFOLLOW_LINKS);
            if (attrs.isDirectory() && identity(attrs).equals(key)) {
                return true;
            }
        } catch (IOException e) {
            // gone: swept by another process, or removed from the host
        }
        standing.remove(path, key);
        return false;
    }

    /** This user's registry, shared by every Warden process the user runs. */
    public static MountPlaceholders forCurrentUser() {
        return ForCurrentUser.INSTANCE;
    }

    /** A registry in {@code directory} (created 0700 if missing); tests use one of their own. */
    public static MountPlaceholders at(Path directory) {
        Path dir = directory.toAbsolutePath().normalize();
        int uid;
        try {
            uid = (Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid");
        } catch (IOException | RuntimeException e) {
            return new MountPlaceholders(dir, "cannot tell this process's user id: " + e.getMessage(), -1);
        }
        try {
            Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        } catch (FileAlreadyExistsException e) {
            // checked below, whoever made it
        } catch (IOException e) {
            return new MountPlaceholders(dir, "cannot create " + dir + ": " + e.getMessage(), -1);
        }
        Optional<String> problem = privateDirectoryProblem(dir, uid);
        if (problem.isPresent()) {
            return new MountPlaceholders(dir, problem.get(), -1);
        }
        return new MountPlaceholders(dir, null, uid);
    }

    static Path defaultDirectory() {
        String runtime = System.getenv("XDG_RUNTIME_DIR");
        if (runtime != null && !runtime.isBlank() && Path.of(runtime).isAbsolute() && Files.isDirectory(Path.of(runtime))) {
            return Path.of(runtime, "warden");
        }
        String user;
        try {
            user = String.valueOf(Files.getAttribute(Path.of("/proc/self"), "unix:uid"));
        } catch (IOException | RuntimeException e) {
            user = System.getProperty("user.name", "unknown");
        }
        return Path.of(System.getProperty("java.io.tmpdir"), "warden-" + user);
    }

    /** Another user, or a group, that can write here could swap the lock file or forge ledger entries. */
    private static Optional<String> privateDirectoryProblem(Path dir, int uid) {
        try {
            Map<String, Object> attrs = Files.readAttributes(dir, "unix:mode,uid", LinkOption.NOFOLLOW_LINKS);
            int mode = (Integer) attrs.get("mode");
            int owner = (Integer) attrs.get("uid");
            boolean directory = (mode & 0170000) == 0040000;
            if (!directory || owner != uid || (mode & 077) != 0) {
                return Optional.of(dir + " is not a private directory of uid " + uid + " (owner " + owner + ", mode "
                        + Integer.toOctalString(mode) + "); remove it so Warden can recreate it with mode 0700");
            }
            return Optional.empty();
        } catch (IOException | RuntimeException e) {
            return Optional.of("cannot inspect " + dir + ": " + e.getMessage());
        }
    }

    public Path directory() {
        return directory;
    }

    /** Why placeholders will not be removed, when they will not. */
    public Optional<String> unavailable() {
        return Optional.ofNullable(unavailable);
    }

    /** What no sandbox may see: a command that could open the lock could block launches, one that could write here could forge the ledger. */
    public List<Path> hidden() {
        return unavailable != null ? List.of() : secondPool == null ? List.of(directory) : List.of(directory, secondPool);
    }

    /**
     * Joins the sandboxes that may rely on placeholders: takes the shared lock, after sweeping what
     * earlier sessions left if no other sandbox is running. Call it before resolving the policy against
     * the filesystem, and close the claim only when every process of the sandbox is gone.
     */
    public Claim claim() throws SandboxException {
        if (unavailable != null) {
            return new Claim(null, unavailable);
        }
        MountLock lock;
        try {
            lock = MountLock.open(directory.resolve(LOCK));
        } catch (IOException e) {
            return new Claim(null, e.getMessage());
        }
        synchronized (this) {
            liveClaims++;
            claimsMade++;
        }
        boolean joined = false;
        try {
            // Placeholders this JVM keeps standing are for this claim to use, not to sweep.
            if ((keep.isZero() || standing.isEmpty()) && lock.tryExclusive()) {
                sweep(null, List.of());
            }
            // From exclusive, this converts; otherwise it waits for a sweeper to finish.
            long deadline = System.nanoTime() + sharedWait.toNanos();
            while (!lock.tryShared()) {
                if (System.nanoTime() > deadline) {
                    throw new SandboxException("another process has held Warden's mount lock " + directory.resolve(LOCK)
                            + " exclusively for " + sharedWait.toMillis() + " ms (a sweep takes milliseconds); find it"
                            + " with 'fuser -v " + directory.resolve(LOCK) + "' and end it");
                }
                Thread.sleep(5);
            }
            joined = true;
            return new Claim(lock, null);
        } catch (IOException e) {
            lock.close();
            throw new SandboxException("cannot lock " + directory.resolve(LOCK) + ": " + e.getMessage()
                    + "; remove " + directory + " so Warden can recreate it");
        } catch (InterruptedException e) {
            lock.close();
            Thread.currentThread().interrupt();
            throw new SandboxException("interrupted while waiting for Warden's mount lock " + directory.resolve(LOCK));
        } catch (SandboxException | RuntimeException e) {
            lock.close();
            throw e;
        } finally {
            if (!joined) {
                synchronized (this) {
                    liveClaims--;
                }
            }
        }
    }

    /**
     * A claim of this JVM has let go of its lock, having swept or not ({@code kept}). With placeholders kept, the
     * last claim out arms a sweep for when {@link #keep} has passed with no claim made meanwhile.
     */
    private void claimClosed(boolean kept) {
        long made;
        synchronized (this) {
            liveClaims--;
            if (!kept || liveClaims > 0) {
                return;
            }
            made = claimsMade;
            if (!exitHookInstalled) {
                exitHookInstalled = true;
                Runtime.getRuntime().addShutdownHook(new Thread(this::sweepKept, "warden-placeholders-exit"));
            }
        }
        Duration wait = keep;
        Thread.ofVirtual().name("warden-placeholders-keep").start(() -> {
            try {
                Thread.sleep(wait);
            } catch (InterruptedException e) {
                return;
            }
            synchronized (this) {
                if (claimsMade != made || liveClaims > 0) {
                    return; // a later claim arms its own
                }
            }
            sweepKept();
        });
    }

    /** Sweeps now if no sandbox anywhere holds the lock (else the last one out does, or the next one alone). */
    private void sweepKept() {
        if (standing.isEmpty()) {
            return;
        }
        try {
            MountLock lock = MountLock.open(directory.resolve(LOCK));
            try {
                if (lock.tryExclusive()) {
                    sweep(null, List.of());
                }
            } finally {
                lock.close();
            }
        } catch (IOException e) {
            // left for the next sweep
        }
    }

    /**
     * Removes every recorded placeholder that is still the very empty directory Warden made. Exclusive lock held.
     * {@code own} is the calling claim's ledger file (or null), whose {@code ownEntries} are known without reading it.
     */
    private void sweep(Path own, List<Placeholder> ownEntries) {
        Path ledger = directory.resolve(LEDGER);
        // Under the exclusive lock no sandbox runs: whatever this sweep leaves is no longer Warden's to mask.
        standing.clear();
        if (!Files.isDirectory(ledger, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(ledger)) {
            for (Path file : files) {
                if (file.equals(own)) {
                    removeAll(ownEntries);
                } else if (Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
                    removeAll(Placeholder.parse(Files.readAllBytes(file)));
                }
                // Every entry is settled: removed, gone, or no longer Warden's to remove.
                Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            // Best effort: what stays is an empty directory, swept by a later session.
        }
    }

    /** {@link #remove} for each, opening and checking each parent directory once for all its placeholders. */
    private void removeAll(List<Placeholder> placeholders) {
        Map<Path, List<Placeholder>> byParent = new java.util.LinkedHashMap<>();
        for (Placeholder placeholder : placeholders) {
            byParent.computeIfAbsent(placeholder.path().getParent(), parent -> new ArrayList<>()).add(placeholder);
        }
        byParent.forEach(this::remove);
    }

    /**
     * Back to the pool ({@link PlaceholderPool#give}), else rmdir through a descriptor of the recorded parent
     * ({@code unlinkat}), so a path redirected through a symlink after the checks cannot aim the removal elsewhere;
     * rmdir itself refuses a non-empty directory, and the pool sends one back where it stood, so nothing anyone wrote
     * is ever deleted or moved away. {@code children} all name {@code parent} as theirs.
     */
    private void remove(Path parent, List<Placeholder> children) {
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(parent)) {
            if (!(stream instanceof SecureDirectoryStream<Path> dir)) {
                return;
            }
            // The very parent recorded, owned by this user, and writable by no one else: only then can no
            // other user's sandbox rely on the mount point (with POSIX ACLs the group bits are the mask,
            // so a named user or group with write shows here too). Owner and mode are read by path, and count
            // only if the path still names the very directory opened: numbers, without the user-name lookup
            // (a read of /etc/passwd) that the opened directory's attributes would make for its owner.
            var parentAttrs = dir.getFileAttributeView(BasicFileAttributeView.class).readAttributes();
            Map<String, Object> byPath = Files.readAttributes(parent, "unix:fileKey,uid,mode", LinkOption.NOFOLLOW_LINKS);
            if (!parentAttrs.fileKey().equals(byPath.get("fileKey")) || (Integer) byPath.get("uid") != ownerUid
                    || ((Integer) byPath.get("mode") & 0022) != 0) {
                return;
            }
            String parentKey = String.valueOf(parentAttrs.fileKey());
            for (Placeholder placeholder : children) {
                if (!parentKey.equals(placeholder.parentKey())) {
                    continue;
                }
                try {
                    Path name = placeholder.path().getFileName();
                    var view = dir.getFileAttributeView(name, BasicFileAttributeView.class, LinkOption.NOFOLLOW_LINKS);
                    var attrs = view.readAttributes();
                    if (attrs.isDirectory() && identity(attrs).equals(placeholder.key())
                            && !give(placeholder.path())) {
                        dir.deleteDirectory(name);
                    }
                } catch (IOException | RuntimeException e) {
                    // Not empty, gone, busy, or unreadable: left alone.
                }
            }
        } catch (IOException | RuntimeException e) {
            // The parent is gone or unreadable: its placeholders are left alone.
        }
    }

    /** Whether a pooled directory now stands at {@code mask}; FileAlreadyExistsException when the name exists. */
    private boolean take(Path mask) throws FileAlreadyExistsException {
        for (PlaceholderPool pool : pools) {
            if (pool.take(mask)) {
                return true;
            }
        }
        return false;
    }

    /** Whether a pool took the checked placeholder at {@code path}. */
    private boolean give(Path path) {
        for (PlaceholderPool pool : pools) {
            if (pool.give(path)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Device and inode are not enough: a directory removed and made again often gets the same inode back.
     * The modification and birth times (nanoseconds) of a mount point never change while it is one —
     * writes inside land on the tmpfs over it — and differ for any directory made later.
     */
    private static String identity(java.nio.file.attribute.BasicFileAttributes attrs) {
        return attrs.fileKey() + "@" + attrs.lastModifiedTime().toInstant() + "/" + attrs.creationTime().toInstant();
    }

    /** One sandbox's membership: its shared lock and the placeholders it created. */
    public final class Claim implements AutoCloseable {
        private MountLock lock;
        private final String untracked;
        private final List<Path> created = new ArrayList<>();
        private Path ledgerFile;
        /** What this claim wrote to its ledger file, so that its own sweep need not read the file back. */
        private final List<Placeholder> recorded = new ArrayList<>();

        private Claim(MountLock lock, String untracked) {
            this.lock = lock;
            this.untracked = untracked;
        }

        /**
         * Makes sure the mount point for {@code mask} exists, creating it (an empty directory) when it
         * does not. A directory masks a file name too: nothing can be created where it stands.
         *
         * @return whether this claim created it (then it is recorded for removal)
         */
        public boolean prepare(Path mask) throws SandboxException {
            return !prepare(List.of(mask)).isEmpty();
        }

        /**
         * {@link #prepare(Path)} for every mask of a launch, recorded in the ledger with one write (a launch in a
         * fresh repository has 19 of them).
         *
         * @return the mount points this call created, in order
         */
        public List<Path> prepare(List<Path> masks) throws SandboxException {
            List<Path> made = new ArrayList<>(masks.size());
            for (Path mask : masks) {
                if (standing(mask)) {
                    continue; // kept standing from an earlier sandbox of this JVM, recorded then
                }
                try {
                    // Only a tracked claim takes from the pool: what it takes goes back when the last claim is out.
                    if (lock == null || !take(mask)) {
                        Files.createDirectory(mask);
                    }
                } catch (FileAlreadyExistsException e) {
                    continue;
                } catch (IOException e) {
                    forget(made);
                    throw new SandboxException("cannot create the mount point " + mask + " that keeps this missing"
                            + " protected name from being created: " + e.getMessage()
                            + "; create it yourself or make its parent writable");
                }
                made.add(mask);
            }
            if (lock != null && !made.isEmpty()) {
                try {
                    record(made);
                } catch (IOException e) {
                    forget(made);
                    throw new SandboxException("cannot record the mount points " + made + " in "
                            + directory.resolve(LEDGER) + ": " + e.getMessage() + "; check that filesystem has space");
                }
            }
            created.addAll(made);
            return made;
        }

        /** Removes what this claim just made and could not record; what cannot go stays, empty, as before placeholders were tracked. */
        private void forget(List<Path> made) {
            for (Path mask : made) {
                try {
                    Files.deleteIfExists(mask);
                } catch (IOException ignored) {
                    // then it stays
                }
            }
        }

        private void record(List<Path> masks) throws IOException {
            java.io.ByteArrayOutputStream entries = new java.io.ByteArrayOutputStream(masks.size() * 160);
            List<Placeholder> placeholders = new ArrayList<>(masks.size());
            // Siblings share a parent (a workspace's protected names all do): its identity is read once.
            Map<Path, String> parentKeys = new java.util.HashMap<>();
            for (Path mask : masks) {
                var attrs = Files.readAttributes(mask, java.nio.file.attribute.BasicFileAttributes.class,
                        LinkOption.NOFOLLOW_LINKS);
                String parentKey = parentKeys.get(mask.getParent());
                if (parentKey == null) {
                    parentKey = String.valueOf(Files.readAttributes(mask.getParent(),
                            java.nio.file.attribute.BasicFileAttributes.class).fileKey());
                    parentKeys.put(mask.getParent(), parentKey);
                }
                Placeholder placeholder = new Placeholder(mask, identity(attrs), parentKey);
                entries.writeBytes(placeholder.toBytes());
                placeholders.add(placeholder);
            }
            byte[] entry = entries.toByteArray();
            if (ledgerFile == null) {
                Path ledger = directory.resolve(LEDGER);
                try {
                    Files.createDirectory(ledger, PosixFilePermissions.asFileAttribute(
                            PosixFilePermissions.fromString("rwx------")));
                } catch (FileAlreadyExistsException e) {
                    // shared by every session
                }
                ledgerFile = ledger.resolve(ProcessHandle.current().pid() + "-" + SEQUENCE.incrementAndGet() + "-"
                        + System.nanoTime());
                Files.write(ledgerFile, entry, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE,
                        LinkOption.NOFOLLOW_LINKS);
            } else {
                Files.write(ledgerFile, entry, StandardOpenOption.APPEND, LinkOption.NOFOLLOW_LINKS);
            }
            recorded.addAll(placeholders);
            for (Placeholder placeholder : placeholders) {
                standing.put(placeholder.path(), placeholder.key());
            }
        }

        /** The mount points this claim created. */
        public List<Path> created() {
            return List.copyOf(created);
        }

        /** Why what this claim created will stay, when it will. */
        public Optional<String> untracked() {
            return Optional.ofNullable(untracked);
        }

        /**
         * Leaves: when no other sandbox holds the shared lock, removes every recorded placeholder that is
         * still empty (this claim's and any an earlier session left). Idempotent.
         */
        @Override
        public synchronized void close() {
            if (lock == null) {
                return;
            }
            boolean kept = !keep.isZero() && !standing.isEmpty();
            try {
                // A failed conversion drops this claim's shared lock, which is being released anyway.
                if (!kept && lock.tryExclusive()) {
                    sweep(ledgerFile, recorded);
                }
            } catch (IOException e) {
                // left for the next one out
            } finally {
                lock.close();
                lock = null;
                claimClosed(kept);
            }
        }
    }
}
