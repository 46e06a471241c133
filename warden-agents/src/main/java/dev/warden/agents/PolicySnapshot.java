package dev.warden.agents;

import dev.warden.policy.LoadedPolicy;
import dev.warden.policy.PolicyEngine;
import dev.warden.policy.PolicyLoader;
import dev.warden.policy.config.ConfigException;
import dev.warden.policy.config.ConfigRequest;
import java.nio.file.Path;
import java.util.Objects;

/**
 * The configuration a front door decides with, loaded once: the layers as loaded (for warnings, digest and
 * the audit settings), the engine compiled from them, and where Warden keeps its per-user state.
 */
public record PolicySnapshot(Path wardenHome, LoadedPolicy loaded, PolicyEngine engine) {
    public PolicySnapshot {
        Objects.requireNonNull(wardenHome, "wardenHome");
        Objects.requireNonNull(loaded, "loaded");
        Objects.requireNonNull(engine, "engine");
    }

    /** Loads every layer for {@code request}; a broken file fails the load (never an empty policy). */
    public static PolicySnapshot load(ConfigRequest request) throws ConfigException {
        LoadedPolicy loaded = PolicyLoader.load(request);
        return new PolicySnapshot(request.wardenHome(), loaded, new PolicyEngine(loaded.policy()));
    }

    /** {@code [otel] log_user_prompt = true}: prompts may be recorded with their text, not only their length. */
    public boolean logsPromptText() {
        return Boolean.TRUE.equals(loaded.config().effective().otel().get("log_user_prompt"));
    }
}
