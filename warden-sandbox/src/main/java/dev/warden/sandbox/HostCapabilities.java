package dev.warden.sandbox;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What this host can enforce, as {@code warden doctor} reports it.
 *
 * @param bwrapPath   bubblewrap's path, or null when it is not on PATH
 * @param bwrapWorks  bubblewrap created the namespaces Warden uses (user, pid, net, ...)
 * @param bwrapProblem why it did not, in bwrap's own words; null when it works
 * @param landlockAbi the Landlock ABI version, 0 when unavailable
 * @param seccomp     the kernel filters syscalls with seccomp
 * @param autoBackend what {@code sandbox_backend = "auto"} picks: {@code bwrap}, {@code landlock} or {@code none}
 * @param reason      why, in one sentence
 * @param limits      what the picked backend cannot contain (empty for none)
 */
public record HostCapabilities(String bwrapPath, boolean bwrapWorks, String bwrapProblem, int landlockAbi,
        boolean seccomp, String autoBackend, String reason, List<String> limits) {
    public HostCapabilities {
        limits = List.copyOf(limits);
    }

    public Map<String, Object> toJson() {
        Map<String, Object> bwrap = new LinkedHashMap<>();
        bwrap.put("path", bwrapPath);
        bwrap.put("works", bwrapWorks);
        bwrap.put("problem", bwrapProblem);
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("bwrap", bwrap);
        json.put("landlock_abi", landlockAbi);
        json.put("seccomp", seccomp);
        json.put("auto_backend", autoBackend);
        json.put("reason", reason);
        json.put("limits", limits);
        return json;
    }
}
