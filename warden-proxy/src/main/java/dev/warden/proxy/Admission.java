package dev.warden.proxy;

import dev.warden.policy.network.CanonicalHost;
import java.net.InetAddress;
import java.util.List;
import java.util.Optional;

/** What the {@link Gatekeeper} concluded for one destination. */
sealed interface Admission permits Admission.Admitted, Admission.Refused, Admission.Unresolvable {

    String host();

    int port();

    /** Allowed (by a rule or a person), resolved, and every address checked. */
    record Admitted(CanonicalHost canonical, int port, List<InetAddress> addresses, Outcome outcome,
                    Optional<String> rule, Optional<String> source, String reason) implements Admission {
        @Override
        public String host() {
            return canonical.text();
        }
    }

    /** Allowed, but the name has no address. */
    record Unresolvable(CanonicalHost canonical, int port, Outcome outcome, Optional<String> rule,
                        Optional<String> source, String reason, String error) implements Admission {
        @Override
        public String host() {
            return canonical.text();
        }
    }

    /**
     * Refused. {@code advice} says what would allow it (the config line), when anything can.
     */
    record Refused(String host, int port, Refusal refusal, Outcome outcome, Optional<String> rule,
                   Optional<String> source, String reason, Optional<String> advice, List<InetAddress> addresses)
            implements Admission {}
}
