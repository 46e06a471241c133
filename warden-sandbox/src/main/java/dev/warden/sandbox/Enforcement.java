package dev.warden.sandbox;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a launched sandbox actually enforces, for the session record and {@code doctor}.
 *
 * @param backend     {@code bwrap} or {@code landlock}
 * @param landlockAbi the Landlock ABI in force, 0 when Landlock was not used
 * @param namespaces  the command runs in its own user, mount, pid, ipc and uts namespaces
 * @param seccomp     Warden's seccomp filter is installed
 * @param limits      what this sandbox does not contain, in words a person can act on
 */
public record Enforcement(String backend, int landlockAbi, boolean namespaces, boolean seccomp, List<String> limits) {
    public Enforcement {
        limits = List.copyOf(limits);
    }

    public Map<String, Object> toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("backend", backend);
        json.put("landlock_abi", landlockAbi);
        json.put("namespaces", namespaces);
        json.put("seccomp", seccomp);
        json.put("limits", limits);
        return json;
    }
}
