package dev.warden.cli;

import dev.warden.approvals.ApprovalChannel;
import dev.warden.approvals.ApprovalRouter;
import dev.warden.policy.LoadedPolicy;
import java.util.List;
import java.util.function.Supplier;

/** The session's approval router, built on the first ask: most commands never need one, and none pays for it. */
final class LazyRouter implements Supplier<ApprovalRouter> {
    private final LoadedPolicy loaded;
    private final WardenPaths paths;
    private final AuditTrail audit;
    private final Supplier<List<ApprovalChannel>> person;
    private ApprovalRouter router;

    /** A router that asks the person on the controlling terminal, when there is one. */
    LazyRouter(LoadedPolicy loaded, WardenPaths paths, AuditTrail audit) {
        this(loaded, paths, audit, Approvals::terminal);
    }

    /** A router that asks the person on {@code person}'s channels (none: only grants, rules and the reviewer can say yes). */
    LazyRouter(LoadedPolicy loaded, WardenPaths paths, AuditTrail audit, Supplier<List<ApprovalChannel>> person) {
        this.loaded = loaded;
        this.paths = paths;
        this.audit = audit;
        this.person = person;
    }

    @Override
    public synchronized ApprovalRouter get() {
        if (router == null) {
            router = Approvals.router(loaded.config().effective(), paths, audit.recorder(), System.err, person.get());
        }
        return router;
    }
}
