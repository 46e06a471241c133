package dev.warden.policy.network;

import java.util.Objects;
import java.util.Optional;

/** The policy's answer for one resolved address: the check that makes DNS rebinding useless. */
public sealed interface AddressVerdict permits AddressVerdict.Permitted, AddressVerdict.Denied, AddressVerdict.Local {

    /**
     * The address may be connected to: it is public, or {@code exemption} (an address or network entry of
     * {@code allowed_domains}) covers it, or {@code allow_local_binding} is on (exemption empty).
     */
    record Permitted(AddressClass kind, Optional<DomainRule> exemption) implements AddressVerdict {
        public Permitted {
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(exemption, "exemption");
        }
    }

    /** An address or network entry of {@code denied_domains} covers it. */
    record Denied(DomainRule rule) implements AddressVerdict {
        public Denied {
            Objects.requireNonNull(rule, "rule");
        }
    }

    /** Loopback, private, link-local... and nothing allows it. */
    record Local(AddressClass kind) implements AddressVerdict {
        public Local {
            Objects.requireNonNull(kind, "kind");
        }
    }
}
