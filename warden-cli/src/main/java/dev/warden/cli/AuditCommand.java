package dev.warden.cli;

import dev.warden.audit.AuditException;
import dev.warden.audit.store.AuditKey;
import java.nio.file.Path;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.ScopeType;

/** {@code warden audit ...}: read, check and export the audit trail. */
@Command(name = "audit", mixinStandardHelpOptions = true,
        description = "Read, verify and export the audit trail: every session, decision, approval and result Warden"
                + " recorded, in a tamper-evident store ([audit] path, default $WARDEN_HOME/audit.db).",
        subcommands = {
            AuditVerifyCommand.class,
            AuditQueryCommand.class,
            AuditTailCommand.class,
            AuditSessionsCommand.class,
            AuditExportCommand.class,
        })
final class AuditCommand implements Runnable {
    @ParentCommand
    WardenCommand root;

    @Option(names = "--path", paramLabel = "FILE", scope = ScopeType.INHERIT,
            description = "The audit store to read (default: [audit] path, else $WARDEN_HOME/audit.db).")
    Path path;

    @Override
    public void run() {
        throw new UserError("missing a subcommand; see 'warden audit --help'");
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
