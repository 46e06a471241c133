package dev.warden.cli;

import dev.warden.audit.query.AuditReader;
import dev.warden.audit.query.StoredEvent;
import dev.warden.cli.line.CommandSpec;
import dev.warden.cli.line.OptionSpec;
import dev.warden.cli.line.ParsedLine;
import dev.warden.cli.line.ValueType;
import dev.warden.core.json.Json;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code warden audit query}: the events that match, oldest first. */
final class AuditQueryCommand implements Callable<Integer> {
    static CommandSpec spec() {
        return CommandSpec.named("query")
                .description("Print the recorded events that match the filters, oldest first.")
                .options(AuditFilterOptions.OPTIONS)
                .exclusive(OptionSpec.flag("A JSON array of events.", "--json"),
                        OptionSpec.flag("One event per line, exactly as stored (canonical JSON).", "--jsonl"))
                .option(OptionSpec.value("N", "At most N events (default: all).", "--limit").as(ValueType.LONG))
                .option(OptionSpec.flag("Do not shorten the WHAT column.", "--wide"))
                .footer("", "Examples:",
                        "  warden audit query --decision deny --since 1d",
                        "  warden audit query --session 3f2a --type tool_decision,approval",
                        "  warden audit query --grep 'git push' --jsonl | jq .data.action.argv")
                .runs(line -> new AuditQueryCommand(line).call());
    }

    private final AuditCommand audit;
    private final AuditFilterOptions filters;
    private final boolean json;
    private final boolean jsonl;
    private final long limit;
    private final boolean wide;

    private AuditQueryCommand(ParsedLine line) {
        audit = new AuditCommand(line);
        filters = new AuditFilterOptions(line);
        json = line.flag("--json");
        jsonl = line.flag("--jsonl");
        limit = line.longInteger("--limit", 0);
        wide = line.flag("--wide");
    }

    @Override
    public Integer call() {
        var filter = filters.filter();
        var database = audit.database();
        PrintStream out = System.out;
        AuditCommand.reading(() -> {
            try (AuditReader reader = AuditReader.open(database)) {
                if (json) {
                    List<Object> events = new ArrayList<>();
                    reader.forEach(filter, 0, limit, e -> events.add(e.json()));
                    out.println(Json.pretty(events));
                } else if (jsonl) {
                    reader.forEach(filter, 0, limit, e -> out.println(e.record()));
                } else {
                    out.println(AuditTable.EVENT_HEADER);
                    reader.forEach(filter, 0, limit, e -> out.println(AuditTable.event(e, wide)));
                }
            }
            return null;
        });
        out.flush();
        return ExitCodes.OK;
    }

    static void print(PrintStream out, StoredEvent event, boolean jsonl, boolean wide) {
        out.println(jsonl ? event.record() : AuditTable.event(event, wide));
    }
}
