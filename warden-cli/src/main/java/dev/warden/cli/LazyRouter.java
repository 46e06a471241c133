package dev.warden.cli;

import dev.warden.approvals.ApprovalRouter;
import dev.warden.policy.LoadedPolicy;
import java.util.function.Supplier;

/** The session's approval router, built on the first ask: most commands never need one, and none pays for it. */
final class LazyRouter implements Supplier<ApprovalRouter> {
    private final LoadedPolicy loaded;
    private final WardenPaths paths;
    private final AuditTrail audit;
    private final boolean terminal;
    private ApprovalRouter router;

    LazyRouter(LoadedPolicy loaded, WardenPaths paths, AuditTrail audit) {
        this(loaded, paths, audit, true);
    }

    /** A router that never prompts on the terminal ({@code terminal = false}): for asks while an agent owns it. */
    LazyRouter(LoadedPolicy loaded, WardenPaths paths, AuditTrail audit, boolean terminal) {
        this.loaded = loaded;
        this.paths = paths;
        this.audit = audit;
        this.terminal = terminal;
    }

    @Override
    public synchronized ApprovalRouter get() {
        if (router == null) {
            router = Approvals.router(loaded.config().effective(), paths, audit.recorder(), System.err, terminal);
        }
        return router;
    }
}
