package dev.warden.cli;

import dev.warden.approvals.ApprovalRequest;
import dev.warden.approvals.ApprovalRouter;
import dev.warden.core.Action;
import dev.warden.core.Decision;
import dev.warden.core.Reason;
import dev.warden.core.ReasonSource;
import dev.warden.core.Verdict;
import dev.warden.policy.PolicyEngine;
import dev.warden.proxy.NetworkApprover;
import dev.warden.proxy.NetworkRequest;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * The egress proxy's questions about hosts on neither {@code [network]} list, sent down the one approval
 * path: session grants and "always" network rules, the automatic reviewer, then the person — like every
 * other {@code ask}. The proxy holds the connection while this answers, and its own timeout still denies.
 */
final class RoutedNetworkApprover implements NetworkApprover {
    private final Supplier<ApprovalRouter> router;
    private final PolicyEngine engine;

    RoutedNetworkApprover(Supplier<ApprovalRouter> router, PolicyEngine engine) {
        this.router = router;
        this.engine = engine;
    }

    @Override
    public CompletableFuture<Boolean> ask(NetworkRequest request) {
        CompletableFuture<Boolean> answer = new CompletableFuture<>();
        Thread.ofVirtual().name("warden-network-ask").start(() -> {
            try {
                Action.NetworkConnect action = new Action.NetworkConnect(request.host(), request.port(),
                        request.protocol().wireName());
                // The proxy's domain policy asked; the engine's verdict on the same action carries the risk.
                Verdict verdict = new Verdict(Decision.ASK, List.of(Reason.of(ReasonSource.CONFIG, Decision.ASK,
                        request.reason(), -1)), List.of(), engine.evaluate(action).risk());
                String context = request.command().map(c -> "the connection comes from: " + c).orElse("");
                answer.complete(router.get().resolve(ApprovalRequest.of(request.session(), action, verdict, context))
                        .allowed());
            } catch (RuntimeException e) {
                answer.complete(false); // fail closed; the router records its own errors
            }
        });
        return answer;
    }
}
