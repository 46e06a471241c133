package dev.warden.cli;

import dev.warden.audit.query.AuditReader;
import dev.warden.audit.query.SessionSummary;
import dev.warden.cli.line.CommandSpec;
import dev.warden.cli.line.OptionSpec;
import dev.warden.cli.line.ParsedLine;
import dev.warden.core.json.Json;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code warden audit sessions}: one line per session. */
final class AuditSessionsCommand implements Callable<Integer> {
    static CommandSpec spec() {
        return CommandSpec.named("sessions")
                .description("One line per session: agent, front door, start, duration, and how many actions were"
                        + " allowed, asked, denied, and how many sandbox violations were seen.")
                .options(AuditFilterOptions.OPTIONS)
                .option(OptionSpec.flag("A JSON array of sessions.", "--json"))
                .footer("", "Examples:", "  warden audit sessions --since 7d", "  warden audit sessions --json")
                .runs(line -> new AuditSessionsCommand(line).call());
    }

    private final AuditCommand audit;
    private final AuditFilterOptions filters;
    private final boolean json;

    private AuditSessionsCommand(ParsedLine line) {
        audit = new AuditCommand(line);
        filters = new AuditFilterOptions(line);
        json = line.flag("--json");
    }

    @Override
    public Integer call() {
        var filter = filters.filter();
        var database = audit.database();
        List<SessionSummary> sessions = AuditCommand.reading(() -> {
            try (AuditReader reader = AuditReader.open(database)) {
                return reader.sessions(filter);
            }
        });
        if (json) {
            List<Object> out = new ArrayList<>();
            for (SessionSummary s : sessions) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("session_id", s.sessionId());
                m.put("agent", s.agent());
                m.put("front_door", s.frontDoor());
                m.put("started", s.started());
                m.put("last_seen", s.lastSeen());
                m.put("duration_ms", s.durationMillis());
                m.put("exit_status", s.exitStatus());
                m.put("allowed", s.allowed());
                m.put("asked", s.asked());
                m.put("denied", s.denied());
                m.put("violations", s.violations());
                m.put("events", s.events());
                out.add(m);
            }
            System.out.println(Json.pretty(out));
        } else {
            System.out.print(AuditTable.sessions(sessions));
        }
        return ExitCodes.OK;
    }
}
