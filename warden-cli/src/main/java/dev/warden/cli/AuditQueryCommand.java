package dev.warden.cli;

import dev.warden.audit.query.AuditReader;
import dev.warden.audit.query.StoredEvent;
import dev.warden.core.json.Json;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code warden audit query}: the events that match, oldest first. */
@Command(name = "query", mixinStandardHelpOptions = true,
        description = "Print the recorded events that match the filters, oldest first.",
        footer = {"", "Examples:",
            "  warden audit query --decision deny --since 1d",
            "  warden audit query --session 3f2a --type tool_decision,approval",
            "  warden audit query --grep 'git push' --jsonl | jq .data.action.argv"})
final class AuditQueryCommand implements Callable<Integer> {
    @ParentCommand
    AuditCommand audit;

    @Mixin
    AuditFilterOptions filters;

    @ArgGroup(exclusive = true)
    Format format = new Format();

    static final class Format {
        @Option(names = "--json", description = "A JSON array of events.")
        boolean json;

        @Option(names = "--jsonl", description = "One event per line, exactly as stored (canonical JSON).")
        boolean jsonl;
    }

    @Option(names = "--limit", paramLabel = "N", description = "At most N events (default: all).")
    long limit;

    @Option(names = "--wide", description = "Do not shorten the WHAT column.")
    boolean wide;

    @Override
    public Integer call() {
        var filter = filters.filter();
        var database = audit.database();
        PrintStream out = System.out;
        AuditCommand.reading(() -> {
            try (AuditReader reader = AuditReader.open(database)) {
                if (format.json) {
                    List<Object> events = new ArrayList<>();
                    reader.forEach(filter, 0, limit, e -> events.add(e.json()));
                    out.println(Json.pretty(events));
                } else if (format.jsonl) {
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
