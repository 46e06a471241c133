package dev.warden.policy.network;

import java.util.Objects;

/** The domain policy's answer for a host and port as the client named them, before any DNS lookup. */
public sealed interface HostVerdict permits HostVerdict.Allowed, HostVerdict.Denied, HostVerdict.Ask, HostVerdict.NotAllowed {

    /** An allowed pattern matched and no denied one did. */
    record Allowed(DomainRule rule) implements HostVerdict {
        public Allowed {
            Objects.requireNonNull(rule, "rule");
        }
    }

    /** A denied pattern matched: deny wins over allow. */
    record Denied(DomainRule rule) implements HostVerdict {
        public Denied {
            Objects.requireNonNull(rule, "rule");
        }
    }

    /** On neither list, and {@code unknown = "ask"}. */
    record Ask(String unknownSource) implements HostVerdict {
        public Ask {
            Objects.requireNonNull(unknownSource, "unknownSource");
        }
    }

    /** On neither list, and {@code unknown = "deny"} (or the administrator allows only managed domains). */
    record NotAllowed(String unknownSource) implements HostVerdict {
        public NotAllowed {
            Objects.requireNonNull(unknownSource, "unknownSource");
        }
    }
}
