package dev.warden.cli;

import dev.warden.audit.query.EventFilter;
import dev.warden.audit.query.TimeBound;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** The filters query, tail, sessions and export share. */
final class AuditFilterOptions {
    @Option(names = "--session", paramLabel = "ID", description = "Only this session (an id or a prefix of one).")
    String session;

    @Option(names = "--type", paramLabel = "TYPE", split = ",",
            description = "Only these event types, e.g. tool_decision,approval (the warden. prefix is optional).")
    List<String> types = new ArrayList<>();

    @Option(names = "--decision", paramLabel = "allow|ask|deny", description = "Only events with this decision.")
    String decision;

    @Option(names = "--since", paramLabel = "TIME", description = "From TIME on: 2026-03-01T09:00:00Z, 2026-03-01, or an age (15m, 2h, 7d).")
    String since;

    @Option(names = "--until", paramLabel = "TIME", description = "Before TIME (same forms as --since).")
    String until;

    @Option(names = "--grep", paramLabel = "TEXT", description = "Only events whose record contains TEXT (case-insensitive).")
    String grep;

    EventFilter filter() {
        return AuditCommand.reading(() -> {
            Instant now = Instant.now();
            EventFilter f = EventFilter.ALL.withTypes(types);
            if (session != null) {
                f = f.withSession(session);
            }
            if (decision != null) {
                f = f.withDecision(decision);
            }
            if (since != null) {
                f = f.withSince(TimeBound.parse(since, now));
            }
            if (until != null) {
                f = f.withUntil(TimeBound.parse(until, now));
            }
            if (grep != null) {
                f = f.withGrep(grep);
            }
            return f;
        });
    }
}
