package dev.warden.cli;

import dev.warden.agents.session.SandboxSession.NetworkApprovers;
import dev.warden.policy.LoadedPolicy;
import dev.warden.policy.PolicyEngine;
import java.util.List;

/** The proxy's approvers for one exec or run session, both going through the approval router. */
final class NetworkAsks {
    private NetworkAsks() {}

    /**
     * {@code withTerminal} for a command that shares Warden's terminal; for an agent on a pass-through pty (which
     * {@code exec} never starts), a router nobody is asked by: only grants, rules and the reviewer can say yes.
     */
    static NetworkApprovers approvers(LoadedPolicy loaded, WardenPaths paths, AuditTrail audit, LazyRouter withTerminal) {
        return approvers(loaded, withTerminal, new LazyRouter(loaded, paths, audit, List::of));
    }

    /** {@code whenShared} for a command sharing the terminal, {@code whenAgentOwnsIt} under a pass-through. */
    static NetworkApprovers approvers(LoadedPolicy loaded, LazyRouter whenShared, LazyRouter whenAgentOwnsIt) {
        PolicyEngine engine = new PolicyEngine(loaded.policy());
        return new NetworkApprovers(new RoutedNetworkApprover(whenShared, engine),
                new RoutedNetworkApprover(whenAgentOwnsIt, engine));
    }
}
