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

    /** On neither list, and {@code unknown = "ask"} ({@code source}: where that was set). */
    record Ask(String source) implements HostVerdict {
        public Ask {
            Objects.requireNonNull(source, "source");
        }

        public String rule() {
            return "unknown = \"ask\"";
        }
    }

    /**
     * On neither list, and {@code rule} says the rest is refused: {@code unknown = "deny"}, or the
     * administrator's {@code managed_allowed_domains_only = true}; {@code source} says where it was set.
     */
    record NotAllowed(String rule, String source) implements HostVerdict {
        public NotAllowed {
            Objects.requireNonNull(rule, "rule");
            Objects.requireNonNull(source, "source");
        }

        /** Whether only the administrator can allow more. */
        public boolean managed() {
            return rule.startsWith("managed_allowed_domains_only");
        }
    }
}
