package dev.warden.policy;

import dev.warden.policy.config.LoadedConfig;

/** The effective configuration as loaded (with provenance, for explaining) and the policy compiled from it. */
public record LoadedPolicy(LoadedConfig config, Policy policy) {}
