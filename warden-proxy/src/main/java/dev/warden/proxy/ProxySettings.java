package dev.warden.proxy;

import dev.warden.policy.network.NetworkPolicy;
import java.util.Objects;

/**
 * Everything one session's proxy runs with.
 *
 * @param session   the session id every event carries
 * @param policy    the effective network policy (its mode is not consulted: a proxy exists for {@code proxied})
 * @param resolver  how allowed names become addresses
 * @param approver  who answers for hosts on neither list
 * @param listener  where events go
 * @param limits    size and time bounds
 */
public record ProxySettings(String session, NetworkPolicy policy, Resolver resolver, NetworkApprover approver,
                            NetworkDecisionListener listener, ProxyLimits limits) {

    public ProxySettings {
        Objects.requireNonNull(session, "session");
        Objects.requireNonNull(policy, "policy");
        Objects.requireNonNull(resolver, "resolver");
        Objects.requireNonNull(approver, "approver");
        Objects.requireNonNull(listener, "listener");
        Objects.requireNonNull(limits, "limits");
    }

    /** The system resolver, the terminal (or a denial when none is attached), no listener, default limits. */
    public static ProxySettings of(String session, NetworkPolicy policy) {
        return new ProxySettings(session, policy, Resolver.system(), dev.warden.proxy.approval.TerminalApprover.ifAttached(),
                NetworkDecisionListener.none(), ProxyLimits.defaults());
    }

    public ProxySettings withResolver(Resolver r) {
        return new ProxySettings(session, policy, r, approver, listener, limits);
    }

    public ProxySettings withApprover(NetworkApprover a) {
        return new ProxySettings(session, policy, resolver, a, listener, limits);
    }

    public ProxySettings withListener(NetworkDecisionListener l) {
        return new ProxySettings(session, policy, resolver, approver, l, limits);
    }

    public ProxySettings withLimits(ProxyLimits l) {
        return new ProxySettings(session, policy, resolver, approver, listener, l);
    }
}
