package dev.warden.agents.session;

import dev.warden.policy.network.NetworkPolicy;
import dev.warden.proxy.EgressProxy;
import dev.warden.proxy.NetworkApprover;
import dev.warden.proxy.NetworkDecisionListener;
import dev.warden.proxy.ProxyCredential;
import dev.warden.proxy.ProxyEnvironment;
import dev.warden.proxy.ProxySettings;
import dev.warden.proxy.Resolver;
import dev.warden.proxy.UnixBridge;
import dev.warden.sandbox.ProxyEndpoint;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The egress proxy of one sandboxed command ({@code [network] mode = "proxied"}): the proxy on a loopback
 * port, the unix-socket bridge that bubblewrap binds into its network namespace, and the credential the
 * command's proxy variables carry. Closing it ends every connection and revokes the credential: nothing
 * the command left behind keeps a way out.
 */
public final class ProxiedNetwork implements AutoCloseable {
    private final EgressProxy proxy;
    private final UnixBridge bridge;
    private final ProxyCredential credential;

    private ProxiedNetwork(EgressProxy proxy, UnixBridge bridge, ProxyCredential credential) {
        this.proxy = proxy;
        this.bridge = bridge;
        this.credential = credential;
    }

    /**
     * Starts the proxy for {@code argv}.
     *
     * @param session  the audit session's id, carried by every network event
     * @param approver who answers for hosts on neither list
     * @param resolver how allowed names become addresses ({@link TestHosts#resolver} in tests)
     */
    public static ProxiedNetwork start(NetworkPolicy policy, String session, List<String> argv, NetworkApprover approver,
            NetworkDecisionListener listener, Resolver resolver) throws IOException {
        EgressProxy proxy = EgressProxy.start(ProxySettings.of(session, policy).withApprover(approver)
                .withListener(listener).withResolver(resolver));
        UnixBridge bridge;
        try {
            bridge = UnixBridge.open(Path.of(System.getProperty("java.io.tmpdir")), proxy.address());
        } catch (IOException | RuntimeException e) {
            proxy.close();
            throw e;
        }
        return new ProxiedNetwork(proxy, bridge, proxy.issue(String.join(" ", argv)));
    }

    /** Where the sandbox reaches the proxy. */
    public ProxyEndpoint endpoint() {
        return new ProxyEndpoint(proxy.port(), bridge.socket());
    }

    /** The variables that point the command's tools at the proxy (docs/NETWORK.md lists them). */
    public Map<String, String> environment() {
        return ProxyEnvironment.variables(credential.httpUri());
    }

    @Override
    public void close() {
        proxy.revoke(credential);
        bridge.close();
        proxy.close();
    }
}
