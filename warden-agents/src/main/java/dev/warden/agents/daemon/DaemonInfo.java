package dev.warden.agents.daemon;

import dev.warden.core.json.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * {@code $WARDEN_HOME/daemon.json}: how to reach the running daemon over HTTP ({@code url}, bearer {@code token})
 * and which process it is ({@code pid}). A file whose process is gone is stale and ignored.
 */
public record DaemonInfo(String url, String token, long pid) {
    public DaemonInfo {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(token, "token");
    }

    public String toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("url", url);
        json.put("token", token);
        json.put("pid", pid);
        return Json.write(json) + "\n";
    }

    /** The daemon described by {@code file}, if the file is well-formed and its process still runs. */
    public static Optional<DaemonInfo> readLive(Path file) {
        try {
            if (Json.parse(Files.readString(file)) instanceof Map<?, ?> map && map.get("url") instanceof String url
                    && map.get("token") instanceof String token && map.get("pid") instanceof Long pid
                    && ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
                return Optional.of(new DaemonInfo(url, token, pid));
            }
        } catch (IOException | RuntimeException e) {
            // Missing, unreadable or half-written: no daemon to talk to.
        }
        return Optional.empty();
    }
}
