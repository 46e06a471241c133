package dev.warden.proxy;

/**
 * Receives every {@link NetworkEvent} the proxy produces, on the connection's thread. The session
 * bridges this to the audit log; an implementation must be quick and must not throw (an exception is
 * caught and dropped so that recording can never break a connection or hide a refusal).
 */
@FunctionalInterface
public interface NetworkDecisionListener {

    void onEvent(NetworkEvent event);

    static NetworkDecisionListener none() {
        return event -> { };
    }
}
