package dev.warden.cli;

import dev.warden.audit.query.EventFilter;
import dev.warden.audit.query.TimeBound;
import dev.warden.cli.line.OptionSpec;
import dev.warden.cli.line.ParsedLine;
import java.time.Instant;
import java.util.List;

/** The filters query, tail, sessions and export share. */
final class AuditFilterOptions {
    static final List<OptionSpec> OPTIONS = List.of(
            OptionSpec.value("ID", "Only this session (an id or a prefix of one).", "--session"),
            OptionSpec.value("TYPE", "Only these event types, e.g. tool_decision,approval (the warden. prefix is"
                    + " optional).", "--type").splitAt(","),
            OptionSpec.value("allow|ask|deny", "Only events with this decision.", "--decision"),
            OptionSpec.value("TIME", "From TIME on: 2026-03-01T09:00:00Z, 2026-03-01, or an age (15m, 2h, 7d).",
                    "--since"),
            OptionSpec.value("TIME", "Before TIME (same forms as --since).", "--until"),
            OptionSpec.value("TEXT", "Only events whose record contains TEXT (case-insensitive).", "--grep"));

    private final String session;
    private final List<String> types;
    private final String decision;
    private final String since;
    private final String until;
    private final String grep;

    AuditFilterOptions(ParsedLine line) {
        session = line.text("--session").orElse(null);
        types = line.texts("--type");
        decision = line.text("--decision").orElse(null);
        since = line.text("--since").orElse(null);
        until = line.text("--until").orElse(null);
        grep = line.text("--grep").orElse(null);
    }

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
