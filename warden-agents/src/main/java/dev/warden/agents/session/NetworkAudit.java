package dev.warden.agents.session;

import dev.warden.core.Decision;
import dev.warden.core.Reason;
import dev.warden.core.ReasonSource;
import dev.warden.core.event.EventBody;
import dev.warden.proxy.NetworkEvent;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/** The egress proxy's events as audit events: every decision, and how each allowed connection ended. */
public final class NetworkAudit {
    private NetworkAudit() {}

    public static EventBody body(NetworkEvent event) {
        return switch (event) {
            case NetworkEvent.Decided d -> new EventBody.NetworkDecision(d.host(), d.port(), d.protocol().wireName(),
                    d.outcome().allowed() ? Decision.ALLOW : Decision.DENY, List.of(reason(d)),
                    OptionalLong.of(d.connection()), d.command());
            case NetworkEvent.Closed c -> new EventBody.NetworkClose(c.host(), c.port(), c.protocol().wireName(),
                    c.connection(), c.address(), c.bytesOut(), c.bytesIn(), c.duration().toMillis(), c.error(),
                    c.command());
        };
    }

    /**
     * One reason: an asked connection was decided by the person (or the approver standing in for one),
     * every other by the configuration entry named in {@code rule} and {@code layer}.
     */
    private static Reason reason(NetworkEvent.Decided d) {
        boolean asked = switch (d.outcome()) {
            case ASK_APPROVED, ASK_DENIED -> true;
            case ALLOW, DENY -> false;
        };
        Decision decision = d.outcome().allowed() ? Decision.ALLOW : Decision.DENY;
        String message = d.refusal().map(r -> r.wireName() + ": ").orElse("") + d.reason()
                + (asked ? " (asked: " + d.outcome().wireName().replace('_', ' ') + ")" : "");
        Optional<String> layer = d.source().or(d::layer);
        return new Reason(asked ? ReasonSource.USER : ReasonSource.CONFIG, decision, message, d.rule(), layer,
                Optional.empty(), -1);
    }
}
