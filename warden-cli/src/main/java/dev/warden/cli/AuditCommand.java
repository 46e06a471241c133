package dev.warden.cli;

import dev.warden.audit.AuditException;
import dev.warden.audit.store.AuditKey;
import dev.warden.cli.line.CommandSpec;
import dev.warden.cli.line.OptionSpec;
import dev.warden.cli.line.ParsedLine;
import dev.warden.cli.line.ValueType;
import java.nio.file.Path;
import java.util.function.Supplier;

/** {@code warden audit ...}: read, check and export the audit trail. */
final class AuditCommand {
    static CommandSpec spec() {
        return CommandSpec.named("audit")
                .description("Read, verify and export the audit trail: every session, decision, approval and result"
                        + " Warden recorded, in a tamper-evident store ([audit] path, default $WARDEN_HOME/audit.db).")
                .option(OptionSpec.value("FILE", "The audit store to read (default: [audit] path, else"
                        + " $WARDEN_HOME/audit.db).", "--path").as(ValueType.PATH).inherited())
                .subcommands(AuditCommand::subcommand, "verify", "query", "tail", "sessions", "export")
                .runs(line -> {
                    throw new UserError("missing a subcommand; see 'warden audit --help'");
                });
    }

    private static CommandSpec subcommand(String name) {
        return switch (name) {
            case "verify" -> AuditVerifyCommand.spec();
            case "query" -> AuditQueryCommand.spec();
            case "tail" -> AuditTailCommand.spec();
            case "sessions" -> AuditSessionsCommand.spec();
            case "export" -> AuditExportCommand.spec();
            default -> throw new IllegalArgumentException(name);
        };
    }

    final WardenCommand root;
    private final Path path;

    AuditCommand(ParsedLine line) {
        root = new WardenCommand(line);
        path = line.path("--path").orElse(null);
    }

    /** The store: --path, else the configured [audit] path, else $WARDEN_HOME/audit.db. */
    Path database() {
        if (path != null) {
            return path.toAbsolutePath().normalize();
        }
        return AuditStoreConfig.of(root.paths, root.loadPolicy().config().effective()).database();
    }

    /** The public key checkpoints are checked against: --key, else $WARDEN_HOME/keys. */
    AuditKey publicKey(Path keyFile) {
        return keyFile == null ? AuditKey.loadPublic(root.paths.home().resolve("keys")) : AuditKey.publicKeyFile(keyFile);
    }

    /** Runs {@code action}, turning the store's errors into one-line user errors (exit 2). */
    static <T> T reading(Supplier<T> action) {
        try {
            return action.get();
        } catch (AuditException | IllegalArgumentException e) {
            throw new UserError(e.getMessage());
        }
    }
}
