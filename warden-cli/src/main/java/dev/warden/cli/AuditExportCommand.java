package dev.warden.cli;

import dev.warden.audit.otel.OtelSettings;
import dev.warden.audit.otel.OtlpJson;
import dev.warden.audit.query.AuditReader;
import dev.warden.audit.query.StoredEvent;
import dev.warden.cli.line.CommandSpec;
import dev.warden.cli.line.OptionSpec;
import dev.warden.cli.line.ParsedLine;
import dev.warden.cli.line.ValueType;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code warden audit export}: the events for another system (a SIEM, a ticket, an archive). */
final class AuditExportCommand implements Callable<Integer> {
    static CommandSpec spec() {
        return CommandSpec.named("export")
                .description("Write the matching events for another system (a SIEM, an archive), oldest first.",
                        "jsonl is one event per line exactly as stored, secrets already masked; otlp-json is OTLP/JSON",
                        "ExportLogsServiceRequest documents, one per line (the Collector's otlpjsonfile receiver reads them),",
                        "with the attributes the live OpenTelemetry export sends and [otel] environment and log_user_prompt.")
                .options(AuditFilterOptions.OPTIONS)
                .option(OptionSpec.value("jsonl|otlp-json", "Output format (default jsonl).", "--format"))
                .option(OptionSpec.value("FILE", "Write to FILE instead of standard output.", "-o", "--output")
                        .as(ValueType.PATH))
                .footer("", "Examples:", "  warden audit export --since 2026-03-01 > march.jsonl",
                        "  warden audit export --session 3f2a --output session.jsonl",
                        "  warden audit export --format otlp-json --since 7d -o week.otlp.jsonl")
                .runs(line -> new AuditExportCommand(line).call());
    }

    private final AuditCommand audit;
    private final AuditFilterOptions filters;
    private final String format;
    private final Path output;

    private AuditExportCommand(ParsedLine line) {
        audit = new AuditCommand(line);
        filters = new AuditFilterOptions(line);
        format = line.text("--format", "jsonl");
        output = line.path("--output").orElse(null);
    }

    static final int OTLP_BATCH = 512;

    @Override
    public Integer call() throws IOException {
        if (!format.equals("jsonl") && !format.equals("otlp-json")) {
            throw new UserError("--format " + format + ": unknown format; use jsonl or otlp-json");
        }
        boolean otlp = format.equals("otlp-json");
        OtelSettings otel = otlp ? otelSettings() : OtelSettings.NONE;
        var filter = filters.filter();
        var database = audit.database();
        Writer out = output == null
                ? new BufferedWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8))
                : Files.newBufferedWriter(output, StandardCharsets.UTF_8);
        try {
            AuditCommand.reading(() -> {
                try (AuditReader reader = AuditReader.open(database)) {
                    List<StoredEvent> batch = new ArrayList<>();
                    reader.forEach(filter, 0, 0, e -> {
                        if (!otlp) {
                            line(out, e.record());
                        } else if (batch.add(e) && batch.size() == OTLP_BATCH) {
                            line(out, OtlpJson.logsRequest(batch, otel.environment(), otel.logUserPrompt()));
                            batch.clear();
                        }
                    });
                    if (!batch.isEmpty()) {
                        line(out, OtlpJson.logsRequest(batch, otel.environment(), otel.logUserPrompt()));
                    }
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

    private OtelSettings otelSettings() {
        try {
            return OtelSettings.parse(audit.root.loadPolicy().config().effective().otel());
        } catch (IllegalArgumentException e) {
            throw new UserError(e.getMessage());
        }
    }

    private static void line(Writer out, String text) {
        try {
            out.write(text);
            out.write('\n');
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
