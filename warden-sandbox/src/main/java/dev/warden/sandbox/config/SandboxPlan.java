package dev.warden.sandbox.config;

import dev.warden.sandbox.SandboxBackend;

import java.util.Objects;

/** How a command will run on this host under the effective configuration, decided before anything starts. */
public sealed interface SandboxPlan {

    /** In the sandbox the configuration asks for. */
    record Confined(SandboxBackend backend, String why) implements SandboxPlan {
        public Confined {
            Objects.requireNonNull(backend, "backend");
            Objects.requireNonNull(why, "why");
        }
    }

    /**
     * In a weaker sandbox than asked for, because the host cannot provide it and requirements allow
     * degradation; {@code warning} says what is not enforced and must be shown.
     */
    record Degraded(SandboxBackend backend, String warning) implements SandboxPlan {
        public Degraded {
            Objects.requireNonNull(backend, "backend");
            Objects.requireNonNull(warning, "warning");
        }
    }

    /**
     * Without any sandbox: {@code danger-full-access}, or a host that can build none while requirements
     * allow degradation. {@code notice} must be shown.
     */
    record Unconfined(String notice, boolean degraded) implements SandboxPlan {
        public Unconfined {
            Objects.requireNonNull(notice, "notice");
        }
    }

    /** Not at all: the host cannot enforce the configuration and degradation is not allowed. */
    record Refused(String reason) implements SandboxPlan {
        public Refused {
            Objects.requireNonNull(reason, "reason");
        }
    }
}
