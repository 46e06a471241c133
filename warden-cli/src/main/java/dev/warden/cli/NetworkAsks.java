package dev.warden.cli;

import dev.warden.agents.session.SandboxSession.NetworkApprovers;
import dev.warden.policy.LoadedPolicy;
import dev.warden.policy.PolicyEngine;

/** The proxy's approvers for one exec or run session, both going through the approval router. */
final class NetworkAsks {
    private NetworkAsks() {}

    static NetworkApprovers approvers(LoadedPolicy loaded, WardenPaths paths, AuditTrail audit, LazyRouter withTerminal) {
        PolicyEngine engine = new PolicyEngine(loaded.policy());
        return new NetworkApprovers(new RoutedNetworkApprover(withTerminal, engine),
                new RoutedNetworkApprover(new LazyRouter(loaded, paths, audit, false), engine));
    }
}
