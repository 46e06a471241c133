package dev.warden.agents.hook;

import dev.warden.core.json.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The {@code warden run} sessions alive on this machine, as files {@code $WARDEN_HOME/sessions/ID.json}
 * (0600, in a 0700 directory) holding the id and the pid of the Warden process that runs the agent.
 * {@code warden run} exports {@code WARDEN_SESSION=ID} to the agent; a hook (or the daemon, for it) treats the
 * session as sandboxed only when that file exists and its Warden is still running. A stale file (Warden died)
 * and an id that was never registered both mean "not under warden run".
 */
public final class RunSessions {
    /** The environment variable {@code warden run} sets for the agent. */
    public static final String ENVIRONMENT = "WARDEN_SESSION";
    private static final Pattern ID = Pattern.compile("[0-9a-f]{32}");

    private final Path directory;

    public RunSessions(Path wardenHome) {
        this.directory = wardenHome.resolve("sessions");
    }

    /** How the hook should treat the session named by {@code WARDEN_SESSION} (empty when the variable is unset). */
    public Containment containment(Optional<String> sessionVariable) {
        if (sessionVariable.isEmpty() || sessionVariable.get().isBlank()) {
            return Containment.unsandboxed("Claude Code is not running under `warden run` (no " + ENVIRONMENT
                    + "), so nothing it runs is sandboxed");
        }
        String id = sessionVariable.get();
        if (!ID.matcher(id).matches()) {
            return Containment.unsandboxed(ENVIRONMENT + " is not a Warden session id");
        }
        Optional<Long> pid = registeredPid(id);
        if (pid.isEmpty()) {
            return Containment.unsandboxed("session " + id + " is not a live `warden run` session");
        }
        return new Containment(true, "Claude Code runs inside the sandbox of `warden run` session " + id);
    }

    /** Records a live session; {@code warden run} calls this before starting the agent. */
    public void register(String id, long pid) throws IOException {
        requireId(id);
        Files.createDirectories(directory);
        Files.setPosixFilePermissions(directory, PosixFilePermissions.fromString("rwx------"));
        Path temporary = Files.createTempFile(directory, id, ".tmp",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(temporary, Json.write(Map.of("id", id, "pid", pid)));
        Files.move(temporary, directory.resolve(id + ".json"), StandardCopyOption.ATOMIC_MOVE,
                StandardCopyOption.REPLACE_EXISTING);
    }

    /** Forgets a session; {@code warden run} calls this when the agent has exited. */
    public void unregister(String id) throws IOException {
        requireId(id);
        Files.deleteIfExists(directory.resolve(id + ".json"));
    }

    private Optional<Long> registeredPid(String id) {
        try {
            Object json = Json.parse(Files.readString(directory.resolve(id + ".json")));
            if (json instanceof Map<?, ?> map && id.equals(map.get("id")) && map.get("pid") instanceof Long pid
                    && ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
                return Optional.of(pid);
            }
            return Optional.empty();
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private static void requireId(String id) {
        if (!ID.matcher(id).matches()) {
            throw new IllegalArgumentException("not a session id: " + id);
        }
    }
}
