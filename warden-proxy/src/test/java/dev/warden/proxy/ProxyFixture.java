package dev.warden.proxy;

import dev.warden.policy.network.NetworkPolicy;
import dev.warden.policy.network.UnknownDomains;
import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A running proxy for one test: a policy, a resolver mapping test names to loopback (this machine has no
 * DNS, and nothing may leave 127.0.0.0/8), an approver, and every event collected in a list.
 */
final class ProxyFixture implements AutoCloseable {
    final EgressProxy proxy;
    final ProxyCredential credential;
    final List<NetworkEvent> events = Collections.synchronizedList(new ArrayList<>());
    final Map<String, List<InetAddress>> names;
    final List<String> lookups = Collections.synchronizedList(new ArrayList<>());

    private ProxyFixture(NetworkPolicy policy, Map<String, List<InetAddress>> names, NetworkApprover approver,
                         ProxyLimits limits) throws IOException {
        this.names = names;
        Resolver resolver = name -> {
            lookups.add(name);
            List<InetAddress> found = names.get(name);
            if (found == null) {
                throw new UnknownHostException(name + " (test resolver)");
            }
            return found;
        };
        ProxySettings settings = new ProxySettings("session-test", policy, resolver, approver, events::add, limits);
        this.proxy = EgressProxy.start(settings);
        this.credential = proxy.issue("curl test");
    }

    static Builder builder() {
        return new Builder();
    }

    static final class Builder {
        private List<String> allowed = List.of();
        private List<String> denied = List.of();
        private UnknownDomains unknown = UnknownDomains.DENY;
        private boolean local;
        private final Map<String, List<InetAddress>> names = new HashMap<>();
        private NetworkApprover approver = NetworkApprover.denyAll();
        private ProxyLimits limits = ProxyLimits.defaults().withHandshakeTimeout(Duration.ofSeconds(5))
                .withAskTimeout(Duration.ofSeconds(5));

        Builder allow(String... patterns) {
            allowed = List.of(patterns);
            return this;
        }

        Builder deny(String... patterns) {
            denied = List.of(patterns);
            return this;
        }

        Builder unknown(UnknownDomains value) {
            unknown = value;
            return this;
        }

        Builder allowLocalBinding() {
            local = true;
            return this;
        }

        /** Maps a test name to addresses (always loopback or addresses that are never connected to). */
        Builder name(String name, String... addresses) {
            List<InetAddress> list = new ArrayList<>();
            for (String address : addresses) {
                try {
                    list.add(InetAddress.getByAddress(name, InetAddress.ofLiteral(address).getAddress()));
                } catch (UnknownHostException e) {
                    throw new IllegalArgumentException(e);
                }
            }
            names.put(name, list);
            return this;
        }

        Builder approver(NetworkApprover value) {
            approver = value;
            return this;
        }

        Builder limits(ProxyLimits value) {
            limits = value;
            return this;
        }

        ProxyFixture start() throws Exception {
            NetworkPolicy policy = NetworkPolicy.proxied(allowed, denied, unknown, local, "test config.toml:1");
            return new ProxyFixture(policy, names, approver, limits);
        }
    }

    int port() {
        return proxy.port();
    }

    String proxyUrl() {
        return credential.httpUri().toString();
    }

    <T extends NetworkEvent> List<T> events(Class<T> type) {
        synchronized (events) {
            return events.stream().filter(type::isInstance).map(type::cast).toList();
        }
    }

    /** Waits until {@code count} events of {@code type} arrived (Closed events come after the client is done). */
    <T extends NetworkEvent> List<T> await(Class<T> type, int count) throws InterruptedException {
        long end = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (events(type).size() < count && System.nanoTime() < end) {
            Thread.sleep(10);
        }
        return events(type);
    }

    @Override
    public void close() {
        proxy.close();
    }
}
