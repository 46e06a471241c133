package dev.warden.cli;

import dev.warden.agents.daemon.DaemonFiles;
import dev.warden.agents.daemon.DaemonInfo;
import java.io.File;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Starts the daemon in the background after a {@code warden exec -- CMD} or a {@code warden hook claude-code} that a
 * daemon could have served, so that the next one goes to the daemon (docs/DAEMON.md) instead of paying a JVM start: a
 * standalone {@code exec} costs about 0.4 s, one through the exec door about 0.09 s; a hook 0.35 s against 0.04 s
 * through the launcher's python client. The daemon stops by itself after {@value #IDLE_EXIT_SECONDS} s without a
 * request.
 *
 * <p>Started only when all of these hold, and silently skipped otherwise (the command's own outcome never depends on
 * it):
 * <ul>
 *   <li>the command line was exactly {@code exec -- CMD...} or {@code hook claude-code}, the forms the launcher hands
 *       to a daemon;</li>
 *   <li>the launcher ran this JVM ({@code WARDEN_LAUNCHER}: the door serves only the launcher's own build);</li>
 *   <li>this is not inside a Warden sandbox ({@code WARDEN_SANDBOX}), and {@code WARDEN_DAEMON_AUTOSTART} is not
 *       {@code 0}, {@code off}, {@code false} or {@code no};</li>
 *   <li>for {@code exec}, the door could have served this command (allowed, bubblewrap, network off or full, no
 *       OpenTelemetry export);</li>
 *   <li>no daemon runs or is starting for this {@code $WARDEN_HOME} (its lock is free).</li>
 * </ul>
 */
final class DaemonAutostart {
    static final long IDLE_EXIT_SECONDS = 1800;
    static final String SWITCH = "WARDEN_DAEMON_AUTOSTART";
    private static final Set<String> OFF = Set.of("0", "off", "false", "no");

    private DaemonAutostart() {}

    /** Why no daemon is to be started for this environment, if none is. */
    static Optional<String> refusal(Map<String, String> environment) {
        String choice = environment.getOrDefault(SWITCH, "").strip().toLowerCase(Locale.ROOT);
        if (OFF.contains(choice)) {
            return Optional.of(SWITCH + "=" + choice);
        }
        if (environment.containsKey("WARDEN_SANDBOX")) {
            return Optional.of("inside a Warden sandbox");
        }
        String launcher = environment.get("WARDEN_LAUNCHER");
        if (launcher == null || !Path.of(launcher).isAbsolute() || !Files.isExecutable(Path.of(launcher))) {
            return Optional.of("not started by the launcher");
        }
        return Optional.empty();
    }

    /**
     * {@link #start} with this process's environment, for a command that has already done its own work: only the speed
     * of the next command is at stake, so a daemon that cannot start is left to {@code warden daemon start} to explain.
     */
    static void startQuietly(Path home) {
        try {
            start(home, System.getenv());
        } catch (IOException | RuntimeException e) {
            // Nothing the caller's outcome depends on.
        }
    }

    /**
     * Starts {@code $WARDEN_LAUNCHER daemon --idle-exit 1800} in a session of its own ({@code setsid}), in
     * {@code home}, its output appended to {@code daemon.log}, unless a daemon runs or is starting. Returns without
     * waiting for it.
     */
    static boolean start(Path home, Map<String, String> environment) throws IOException {
        if (refusal(environment).isPresent()) {
            return false;
        }
        DaemonFiles files = new DaemonFiles(home);
        if (DaemonInfo.readLive(files.info()).isPresent() || lockHeld(files)) {
            return false;
        }
        Path setsid = Path.of("/usr/bin/setsid");
        if (!Files.isExecutable(setsid)) {
            return false; // a daemon in the caller's process group would die with its Ctrl-C
        }
        Files.createDirectories(home);
        // --fork: setsid forks the daemon off and exits at once. A JVM waits up to 0.3 s at exit for each thread
        // still in native code, and the thread that reaps a child it started is one until that child exits; so the
        // daemon must not be this JVM's child, and the one child it had is reaped before this returns.
        ProcessBuilder builder = new ProcessBuilder(setsid.toString(), "--fork", environment.get("WARDEN_LAUNCHER"),
                "daemon", "--idle-exit", Long.toString(IDLE_EXIT_SECONDS))
                .directory(home.toFile()) // holds no project directory busy
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectOutput(ProcessBuilder.Redirect.appendTo(files.log().toFile()))
                .redirectErrorStream(true);
        builder.environment().remove("WARDEN_DAEMON_HOOK_FALLBACK"); // the hook client's note to the launcher
        Process intermediate = builder.start();
        try {
            if (!intermediate.waitFor(2, TimeUnit.SECONDS)) {
                intermediate.destroy();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return true;
    }

    /** True when a daemon holds its lock: it runs, or it is starting and has not written {@code daemon.json} yet. */
    static boolean lockHeld(DaemonFiles files) throws IOException {
        if (!Files.isRegularFile(files.lock())) {
            return false;
        }
        try (FileChannel channel = FileChannel.open(files.lock(), StandardOpenOption.WRITE);
                FileLock lock = channel.tryLock()) {
            return lock == null;
        } catch (OverlappingFileLockException e) {
            return true;
        }
    }
}
