package dev.warden.cli;

import dev.warden.audit.query.AuditReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code warden audit export}: the events for another system (a SIEM, a ticket, an archive). */
@Command(name = "export", mixinStandardHelpOptions = true,
        description = {"Write the matching events for another system (a SIEM, an archive), oldest first.",
            "jsonl is one event per line exactly as stored, secrets already masked."},
        footer = {"", "Examples:", "  warden audit export --since 2026-03-01 > march.jsonl",
            "  warden audit export --session 3f2a --output session.jsonl"})
final class AuditExportCommand implements Callable<Integer> {
    @ParentCommand
    AuditCommand audit;

    @Mixin
    AuditFilterOptions filters;

    @Option(names = "--format", paramLabel = "jsonl", description = "Output format (default jsonl).")
    String format = "jsonl";

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Write to FILE instead of standard output.")
    Path output;

    @Override
    public Integer call() throws IOException {
        if (!format.equals("jsonl")) {
            throw new UserError("--format " + format + ": unknown format; use jsonl");
        }
        var filter = filters.filter();
        var database = audit.database();
        Writer out = output == null
                ? new BufferedWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8))
                : Files.newBufferedWriter(output, StandardCharsets.UTF_8);
        try {
            AuditCommand.reading(() -> {
                try (AuditReader reader = AuditReader.open(database)) {
                    reader.forEach(filter, 0, 0, e -> {
                        try {
                            out.write(e.record());
                            out.write('\n');
                        } catch (IOException ex) {
                            throw new UncheckedIOException(ex);
                        }
                    });
                }
                return null;
            });
        } catch (UncheckedIOException e) {
            throw new UserError("cannot write the export" + (output == null ? "" : " to " + output) + ": "
                    + e.getCause().getMessage());
        } finally {
            if (output == null) {
                out.flush(); // standard output stays open
            } else {
                out.close();
            }
        }
        return ExitCodes.OK;
    }
}
