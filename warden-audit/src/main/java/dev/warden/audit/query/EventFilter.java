package dev.warden.audit.query;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * Which events a query returns; every filter is optional and they combine with AND.
 *
 * @param session  a session id or a prefix of one (hex)
 * @param types    event types, with or without the {@code warden.} prefix; empty means all
 * @param decision {@code allow}, {@code ask} or {@code deny} (decisions, approvals, network decisions)
 * @param since    from this time on (inclusive)
 * @param until    before this time (exclusive)
 * @param grep     text the stored record contains (case-insensitive for ASCII)
 */
public record EventFilter(Optional<String> session, List<String> types, Optional<String> decision,
                          Optional<Instant> since, Optional<Instant> until, Optional<String> grep) {

    public static final EventFilter ALL = new EventFilter(Optional.empty(), List.of(), Optional.empty(),
            Optional.empty(), Optional.empty(), Optional.empty());

    public EventFilter {
        Objects.requireNonNull(session, "session");
        types = List.copyOf(types);
        Objects.requireNonNull(decision, "decision");
        Objects.requireNonNull(since, "since");
        Objects.requireNonNull(until, "until");
        Objects.requireNonNull(grep, "grep");
        session = session.map(s -> s.toLowerCase(Locale.ROOT));
        if (session.isPresent() && !session.get().matches("[0-9a-f]{1,32}")) {
            throw new IllegalArgumentException("a session id is up to 32 hex digits, got \"" + session.get() + "\"");
        }
        List<String> full = new ArrayList<>();
        for (String type : types) {
            full.add(type.startsWith("warden.") ? type : "warden." + type);
        }
        types = List.copyOf(full);
        decision = decision.map(d -> d.toLowerCase(Locale.ROOT));
        if (decision.isPresent() && !List.of("allow", "ask", "deny").contains(decision.get())) {
            throw new IllegalArgumentException("a decision is allow, ask or deny, got \"" + decision.get() + "\"");
        }
    }

    public EventFilter withSession(String id) {
        return new EventFilter(Optional.of(id), types, decision, since, until, grep);
    }

    public EventFilter withTypes(List<String> newTypes) {
        return new EventFilter(session, newTypes, decision, since, until, grep);
    }

    public EventFilter withDecision(String newDecision) {
        return new EventFilter(session, types, Optional.of(newDecision), since, until, grep);
    }

    public EventFilter withSince(Instant instant) {
        return new EventFilter(session, types, decision, Optional.of(instant), until, grep);
    }

    public EventFilter withUntil(Instant instant) {
        return new EventFilter(session, types, decision, since, Optional.of(instant), grep);
    }

    public EventFilter withGrep(String text) {
        return new EventFilter(session, types, decision, since, until, Optional.of(text));
    }
}
