package dev.warden.proxy;

import java.util.concurrent.CompletableFuture;

/**
 * Decides connections to hosts on neither list. The proxy waits for the answer up to its ask timeout;
 * no answer in time, an exception or a cancelled future is a denial. Answers are remembered for the
 * session per host and port, so a person is asked once.
 */
@FunctionalInterface
public interface NetworkApprover {

    CompletableFuture<Boolean> ask(NetworkRequest request);

    /** Says no to everything: the approver when nobody can be asked. */
    static NetworkApprover denyAll() {
        return request -> CompletableFuture.completedFuture(false);
    }
}
