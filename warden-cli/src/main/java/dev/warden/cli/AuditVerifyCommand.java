package dev.warden.cli;

import dev.warden.audit.store.Verifier;
import dev.warden.audit.store.VerifyReport;
import dev.warden.cli.line.CommandSpec;
import dev.warden.cli.line.OptionSpec;
import dev.warden.cli.line.ParsedLine;
import dev.warden.cli.line.ValueType;
import dev.warden.core.json.Json;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code warden audit verify}: recompute the chain, check every signature, report the first bad record. */
final class AuditVerifyCommand implements Callable<Integer> {
    static CommandSpec spec() {
        return CommandSpec.named("verify")
                .description(
                        "Check that the audit trail was not altered, and name the first bad record.",
                        "Recomputes the hash chain, checks every signed checkpoint and each session's numbering, and compares",
                        "the end of the store with the newest signed head: finds modified, deleted, inserted, reordered,",
                        "rewritten and truncated records, and forged checkpoints.")
                .option(OptionSpec.value("FILE", "Check signatures with this public key (default"
                        + " $WARDEN_HOME/keys/audit-signing.pub).", "--key").as(ValueType.PATH))
                .option(OptionSpec.flag("Print the report as JSON.", "--json"))
                .footer("", "Exit codes: 0 intact, 1 damaged (the first bad record is named), 2 cannot read the store"
                                + " or key.",
                        "", "Examples:",
                        "  warden audit verify",
                        "  warden audit verify --path /backup/audit.db --key /secure/audit-signing.pub --json")
                .runs(line -> new AuditVerifyCommand(line).call());
    }

    private final AuditCommand audit;
    private final Path key;
    private final boolean json;

    private AuditVerifyCommand(ParsedLine line) {
        audit = new AuditCommand(line);
        key = line.path("--key").orElse(null);
        json = line.flag("--json");
    }

    @Override
    public Integer call() {
        Path database = audit.database();
        VerifyReport report = AuditCommand.reading(() -> Verifier.verify(database, audit.publicKey(key)));
        if (json) {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("database", database.toString());
            out.put("intact", report.intact());
            out.put("records", report.records());
            out.put("first_seq", report.firstSeq());
            out.put("last_seq", report.lastSeq());
            out.put("checkpoints", report.checkpoints());
            out.put("last_signed_seq", report.lastSignedSeq());
            out.put("unsigned_tail", report.unsignedTail());
            report.problem().ifPresent(p -> out.put("problem", Map.of("seq", p.seq(),
                    "kind", p.kind().name().toLowerCase(java.util.Locale.ROOT), "message", p.message())));
            System.out.println(Json.pretty(out));
        } else {
            System.out.print(text(database, report));
        }
        return report.intact() ? ExitCodes.OK : ExitCodes.REFUSED;
    }

    static String text(Path database, VerifyReport r) {
        StringBuilder out = new StringBuilder();
        if (r.problem().isPresent()) {
            VerifyReport.Problem p = r.problem().get();
            out.append("audit store ").append(database).append(": NOT INTACT\n");
            out.append("  first bad record  ").append(p.seq()).append(" (").append(p.kind().name().toLowerCase(java.util.Locale.ROOT)
                    .replace('_', ' ')).append(")\n");
            out.append("  what              ").append(p.message()).append('\n');
        } else {
            out.append("audit store ").append(database).append(": intact\n");
        }
        out.append("  records           ").append(r.records() == 0 ? "none" : r.firstSeq() + " to " + r.lastSeq()
                + " (" + r.records() + ")").append(r.firstSeq() > 1 ? ", older ones removed by retention" : "").append('\n');
        out.append("  checkpoints       ").append(r.checkpoints()).append(r.lastSignedSeq() > 0
                ? ", newest valid one signs record " + r.lastSignedSeq() : "").append('\n');
        if (r.intact() && r.unsignedTail() > 0) {
            out.append("  not yet signed    ").append(r.unsignedTail())
                    .append(" record(s) after the last checkpoint (a writer may still be running)\n");
        }
        return out.toString();
    }
}
