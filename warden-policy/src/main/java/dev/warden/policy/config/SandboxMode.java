package dev.warden.policy.config;

import java.util.List;
import java.util.Optional;

/** How much of the machine the sandbox opens to the agent ({@code sandbox_mode}). */
public enum SandboxMode {
    READ_ONLY("read-only"),
    WORKSPACE_WRITE("workspace-write"),
    DANGER_FULL_ACCESS("danger-full-access");

    private final String wireName;

    SandboxMode(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    static List<String> wireNames() {
        return List.of(READ_ONLY.wireName, WORKSPACE_WRITE.wireName, DANGER_FULL_ACCESS.wireName);
    }

    static Optional<SandboxMode> parse(String text) {
        for (SandboxMode mode : values()) {
            if (mode.wireName.equals(text)) {
                return Optional.of(mode);
            }
        }
        return Optional.empty();
    }
}
