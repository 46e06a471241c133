package dev.warden.cli;

import dev.warden.audit.query.AuditReader;
import dev.warden.audit.query.EventFilter;
import dev.warden.audit.query.StoredEvent;
import dev.warden.cli.line.CommandSpec;
import dev.warden.cli.line.OptionSpec;
import dev.warden.cli.line.ParsedLine;
import dev.warden.cli.line.ValueType;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code warden audit tail [-f]}: the newest events, and with -f every new one as it is committed. */
final class AuditTailCommand implements Callable<Integer> {
    static CommandSpec spec() {
        return CommandSpec.named("tail")
                .description("Print the newest events; with -f, keep printing new ones as they are recorded (Ctrl-C"
                        + " stops).")
                .options(AuditFilterOptions.OPTIONS)
                .option(OptionSpec.value("N", "How many of the newest events to print first (default 20).",
                        "-n", "--lines").as(ValueType.INT))
                .option(OptionSpec.flag("Keep printing new events.", "-f", "--follow"))
                .option(OptionSpec.flag("One event per line, exactly as stored.", "--jsonl"))
                .option(OptionSpec.flag("Do not shorten the WHAT column.", "--wide"))
                .option(OptionSpec.value("MS", "How often -f looks for new events (default 500 ms).", "--interval")
                        .as(ValueType.LONG))
                .footer("", "Examples:",
                        "  warden audit tail -n 50",
                        "  warden audit tail -f --decision deny",
                        "  warden audit tail -f --jsonl > events.jsonl")
                .runs(line -> new AuditTailCommand(line).call());
    }

    private final AuditCommand audit;
    private final AuditFilterOptions filters;
    private final int lines;
    private final boolean follow;
    private final boolean jsonl;
    private final boolean wide;
    private final long intervalMillis;

    private AuditTailCommand(ParsedLine line) {
        audit = new AuditCommand(line);
        filters = new AuditFilterOptions(line);
        lines = line.integer("--lines", 20);
        follow = line.flag("--follow");
        jsonl = line.flag("--jsonl");
        wide = line.flag("--wide");
        intervalMillis = line.longInteger("--interval", 500);
    }

    @Override
    public Integer call() throws InterruptedException {
        EventFilter filter = filters.filter();
        Path database = audit.database();
        PrintStream out = System.out;
        long last = AuditCommand.reading(() -> {
            try (AuditReader reader = AuditReader.open(database)) {
                if (!jsonl) {
                    out.println(AuditTable.EVENT_HEADER);
                }
                long head = reader.lastSeq(); // read first: what is committed meanwhile is printed by the next poll
                List<StoredEvent> events = reader.last(filter, head, lines);
                events.forEach(e -> AuditQueryCommand.print(out, e, jsonl, wide));
                out.flush();
                return head;
            }
        });
        while (follow) {
            Thread.sleep(Math.max(50, intervalMillis));
            long from = last;
            last = AuditCommand.reading(() -> {
                // A fresh connection each time sees what other processes committed since.
                try (AuditReader reader = AuditReader.open(database)) {
                    long head = Math.max(from, reader.lastSeq());
                    reader.forEach(filter, from, head, 0, e -> AuditQueryCommand.print(out, e, jsonl, wide));
                    return head;
                }
            });
            out.flush();
        }
        return ExitCodes.OK;
    }
}
