package dev.warden.cli;

import dev.warden.audit.query.AuditReader;
import dev.warden.audit.query.EventFilter;
import dev.warden.audit.query.StoredEvent;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code warden audit tail [-f]}: the newest events, and with -f every new one as it is committed. */
@Command(name = "tail", mixinStandardHelpOptions = true,
        description = "Print the newest events; with -f, keep printing new ones as they are recorded (Ctrl-C stops).",
        footer = {"", "Examples:",
            "  warden audit tail -n 50",
            "  warden audit tail -f --decision deny",
            "  warden audit tail -f --jsonl > events.jsonl"})
final class AuditTailCommand implements Callable<Integer> {
    @ParentCommand
    AuditCommand audit;

    @Mixin
    AuditFilterOptions filters;

    @Option(names = {"-n", "--lines"}, paramLabel = "N", description = "How many of the newest events to print first (default 20).")
    int lines = 20;

    @Option(names = {"-f", "--follow"}, description = "Keep printing new events.")
    boolean follow;

    @Option(names = "--jsonl", description = "One event per line, exactly as stored.")
    boolean jsonl;

    @Option(names = "--wide", description = "Do not shorten the WHAT column.")
    boolean wide;

    @Option(names = "--interval", paramLabel = "MS", description = "How often -f looks for new events (default 500 ms).")
    long intervalMillis = 500;

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
