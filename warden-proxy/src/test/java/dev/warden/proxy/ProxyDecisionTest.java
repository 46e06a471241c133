package dev.warden.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.policy.network.UnknownDomains;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The proxy's decisions as a client sees them over HTTP CONNECT: allowed, denied, unknown, local, asked. */
class ProxyDecisionTest {
    LoopbackServers servers;
    InetSocketAddress echo;
    int port;

    @BeforeEach
    void servers() throws Exception {
        servers = new LoopbackServers();
        echo = servers.echo();
        port = echo.getPort();
    }

    @AfterEach
    void stop() throws Exception {
        servers.close();
    }

    @Test
    void anAllowedNameTunnelsBothWaysAndHalfClosesCleanly() throws Exception {
        try (ProxyFixture f = ProxyFixture.builder().allow("app.test:" + port, "127.0.0.1/32").name("app.test", "127.0.0.1")
                .start(); RawClient c = new RawClient(f.port())) {
            assertThat(c.connect("App.Test.:" + port, f.credential)).startsWith("HTTP/1.1 200 ");
            c.send("ping");
            assertThat(new String(c.read(4), StandardCharsets.US_ASCII)).isEqualTo("ping");
            c.socket.shutdownOutput(); // half-close: the server still answers after our end of stream
            assertThat(c.rest()).isEqualTo("bye");

            NetworkEvent.Decided decided = f.await(NetworkEvent.Decided.class, 1).getFirst();
            assertThat(decided.outcome()).isEqualTo(Outcome.ALLOW);
            assertThat(decided.host()).isEqualTo("app.test");
            assertThat(decided.port()).isEqualTo(port);
            assertThat(decided.protocol()).isEqualTo(Protocol.CONNECT);
            assertThat(decided.rule()).contains("app.test:" + port);
            assertThat(decided.source()).contains("test config.toml:1");
            assertThat(decided.layer()).contains("test");
            assertThat(decided.session()).isEqualTo("session-test");
            assertThat(decided.command()).contains("curl test");
            assertThat(decided.addresses()).containsExactly("127.0.0.1");
            NetworkEvent.Closed closed = f.await(NetworkEvent.Closed.class, 1).getFirst();
            assertThat(closed.connection()).isEqualTo(decided.connection());
            assertThat(closed.bytesOut()).isEqualTo(4);
            assertThat(closed.bytesIn()).isEqualTo(7);
            assertThat(closed.error()).isEmpty();
            assertThat(closed.address()).contains("127.0.0.1");
        }
    }

    /** Escape case 31 over CONNECT: refused, readable, and the name is never even looked up. */
    @Test
    void aDeniedDomainIsRefusedReadablyWithoutALookup() throws Exception {
        try (ProxyFixture f = ProxyFixture.builder().allow("**.test:*", "127.0.0.1/32").deny("gist.test")
                .name("gist.test", "127.0.0.1").start(); RawClient c = new RawClient(f.port())) {
            String head = c.connect("gist.test:443", f.credential);
            String body = c.rest();
            assertThat(head).startsWith("HTTP/1.1 403 ").contains("X-Warden-Error: denied-domain\r\n");
            assertThat(body).contains("gist.test:443", "denied_domains entry \"gist.test:*\"", "test config.toml:1",
                    "To allow it: remove \"gist.test\" from denied_domains");
            assertThat(f.lookups).isEmpty();
            NetworkEvent.Decided decided = f.await(NetworkEvent.Decided.class, 1).getFirst();
            assertThat(decided.outcome()).isEqualTo(Outcome.DENY);
            assertThat(decided.refusal()).contains(Refusal.DENIED_DOMAIN);
            assertThat(f.events(NetworkEvent.Closed.class)).isEmpty();
        }
    }

    @Test
    void anUnknownHostUnderDenyIsNotAllowedAndTheBodySaysWhatToAdd() throws Exception {
        try (ProxyFixture f = ProxyFixture.builder().allow("app.test").unknown(UnknownDomains.DENY).start();
             RawClient c = new RawClient(f.port())) {
            String head = c.connect("other.test:8443", f.credential);
            assertThat(head).startsWith("HTTP/1.1 403 ").contains("X-Warden-Error: not-allowed");
            assertThat(c.rest()).contains("other.test:8443 is not in allowed_domains",
                    "add \"other.test:8443\" to [network] allowed_domains");
            assertThat(f.lookups).isEmpty();
        }
    }

    /** Escape case 35: an allowed name on a port its rule does not name. */
    @ParameterizedTest
    @ValueSource(ints = {22, 25, 8443, 6379})
    void anAllowedNameOnAnUnexpectedPortIsRefused(int unexpected) throws Exception {
        try (ProxyFixture f = ProxyFixture.builder().allow("app.test", "127.0.0.1/32").name("app.test", "127.0.0.1").start();
             RawClient c = new RawClient(f.port())) {
            assertThat(c.connect("app.test:" + unexpected, f.credential)).startsWith("HTTP/1.1 403 ")
                    .contains("X-Warden-Error: not-allowed");
            assertThat(c.rest()).contains("add \"app.test:" + unexpected + "\"");
        }
        try (ProxyFixture f = ProxyFixture.builder().allow("app.test:" + unexpected).unknown(UnknownDomains.DENY).start();
             RawClient c = new RawClient(f.port())) {
            assertThat(c.connect("app.test:443", f.credential)).as("a port rule allows that port only")
                    .startsWith("HTTP/1.1 403 ");
        }
    }

    /** Escape case 33: an allowed name resolving somewhere local is refused, before any connection. */
    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "10.0.0.5", "169.254.169.254", "100.64.1.1", "192.168.1.1", "0.0.0.0", "::1",
            "fd00::1", "fe80::1", "::ffff:10.1.2.3"})
    void anAllowedNameThatResolvesToALocalAddressIsRefused(String address) throws Exception {
        try (ProxyFixture f = ProxyFixture.builder().allow("rebind.test:*").name("rebind.test", address).start();
             RawClient c = new RawClient(f.port())) {
            assertThat(c.connect("rebind.test:" + port, f.credential)).startsWith("HTTP/1.1 403 ")
                    .contains("X-Warden-Error: local-address");
            assertThat(c.rest()).contains("rebind.test resolved to", "allow_local_binding = true");
            assertThat(f.await(NetworkEvent.Decided.class, 1).getFirst().refusal()).contains(Refusal.LOCAL_ADDRESS);
        }
    }

    @Test
    void oneLocalAddressAmongPublicOnesIsEnough() throws Exception {
        // 203.0.113.9 is documentation space: checked, refused with the rest, never connected to.
        try (ProxyFixture f = ProxyFixture.builder().allow("mixed.test").name("mixed.test", "203.0.113.9", "10.0.0.1").start();
             RawClient c = new RawClient(f.port())) {
            assertThat(c.connect("mixed.test:443", f.credential)).contains("X-Warden-Error: local-address");
        }
    }

    @Test
    void anExplicitAddressEntryOrLocalBindingAllowsTheLoopbackServer() throws Exception {
        try (ProxyFixture f = ProxyFixture.builder().allow("app.test:*").allowLocalBinding().name("app.test", "127.0.0.1")
                .start(); RawClient c = new RawClient(f.port())) {
            assertThat(c.connect("app.test:" + port, f.credential)).startsWith("HTTP/1.1 200 ");
        }
    }

    @Test
    void deniedAddressesApplyToResolvedNames() throws Exception {
        try (ProxyFixture f = ProxyFixture.builder().allow("app.test:*", "127.0.0.0/8").deny("127.0.0.1/32")
                .name("app.test", "127.0.0.1").start(); RawClient c = new RawClient(f.port())) {
            assertThat(c.connect("app.test:" + port, f.credential)).contains("X-Warden-Error: denied-domain");
            assertThat(c.rest()).contains("app.test resolved to 127.0.0.1, which denied_domains entry \"127.0.0.1/32:*\"");
        }
    }

    /** Escape case 34 at the proxy: address literals in any notation are one address. */
    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "2130706433", "0x7f.1", "0177.0.0.1", "127.1", "[::ffff:127.0.0.1]", "0x7f000001"})
    void addressLiteralsInEveryNotationAreDecidedAsOne(String spelling) throws Exception {
        try (ProxyFixture f = ProxyFixture.builder().allow("127.0.0.1:" + port).start(); RawClient c = new RawClient(f.port())) {
            assertThat(c.connect(spelling + ":" + port, f.credential)).startsWith("HTTP/1.1 200 ");
        }
        try (ProxyFixture f = ProxyFixture.builder().allow("127.0.0.1/32:*").deny("127.0.0.1").start();
             RawClient c = new RawClient(f.port())) {
            assertThat(c.connect(spelling + ":" + port, f.credential)).contains("X-Warden-Error: denied-domain");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"exa%00mple.test:443", "a..b:443", "1.2.3.4.5:443", "x:0", "app.test", "app.test:99999",
            "[::1:443", "user@app.test:443", "%0d%0a.test:443"})
    void unreadableDestinationsAreBadRequests(String authority) throws Exception {
        try (ProxyFixture f = ProxyFixture.builder().allow("**.test:*").start(); RawClient c = new RawClient(f.port())) {
            assertThat(c.connect(authority, f.credential)).startsWith("HTTP/1.1 400 ").contains("X-Warden-Error: bad-request");
            assertThat(f.lookups).isEmpty();
        }
    }

    @Test
    void askApprovedOnceIsRememberedForTheSessionPerHostAndPort() throws Exception {
        AtomicInteger asked = new AtomicInteger();
        NetworkApprover yes = request -> {
            asked.incrementAndGet();
            assertThat(request.host()).isEqualTo("new.test");
            assertThat(request.command()).contains("curl test");
            return CompletableFuture.completedFuture(true);
        };
        try (ProxyFixture f = ProxyFixture.builder().allow("127.0.0.1/32").unknown(UnknownDomains.ASK).approver(yes)
                .name("new.test", "127.0.0.1").start()) {
            for (int i = 0; i < 3; i++) {
                try (RawClient c = new RawClient(f.port())) {
                    assertThat(c.connect("new.test:" + port, f.credential)).startsWith("HTTP/1.1 200 ");
                }
            }
            assertThat(asked).hasValue(1);
            assertThat(f.await(NetworkEvent.Decided.class, 3)).allSatisfy(d -> assertThat(d.outcome())
                    .isEqualTo(Outcome.ASK_APPROVED));
            try (RawClient c = new RawClient(f.port())) {
                assertThat(c.connect("new.test:" + (port == 65535 ? 1 : port + 1), f.credential)).as("another port is another question")
                        .isNotEmpty();
            }
            assertThat(asked).hasValue(2);
        }
    }

    @Test
    void askDeniedIsRefusedAndRemembered() throws Exception {
        AtomicInteger asked = new AtomicInteger();
        NetworkApprover no = request -> {
            asked.incrementAndGet();
            return CompletableFuture.completedFuture(false);
        };
        try (ProxyFixture f = ProxyFixture.builder().unknown(UnknownDomains.ASK).approver(no).name("new.test", "127.0.0.1")
                .start()) {
            for (int i = 0; i < 2; i++) {
                try (RawClient c = new RawClient(f.port())) {
                    assertThat(c.connect("new.test:443", f.credential)).contains("X-Warden-Error: ask-denied");
                    assertThat(c.rest()).contains("the request was denied");
                }
            }
            assertThat(asked).hasValue(1);
            assertThat(f.lookups).as("a denied name is never resolved").isEmpty();
            assertThat(f.await(NetworkEvent.Decided.class, 2)).allSatisfy(d -> assertThat(d.outcome())
                    .isEqualTo(Outcome.ASK_DENIED));
        }
    }

    @Test
    void anUnansweredAskTimesOutAsADenialAndIsAskedAgainLater() throws Exception {
        AtomicInteger asked = new AtomicInteger();
        List<CompletableFuture<Boolean>> pending = new java.util.concurrent.CopyOnWriteArrayList<>();
        NetworkApprover silent = request -> {
            asked.incrementAndGet();
            CompletableFuture<Boolean> never = new CompletableFuture<>();
            pending.add(never);
            return never;
        };
        ProxyLimits limits = ProxyLimits.defaults().withAskTimeout(Duration.ofMillis(300));
        try (ProxyFixture f = ProxyFixture.builder().unknown(UnknownDomains.ASK).approver(silent).limits(limits).start()) {
            for (int i = 0; i < 2; i++) {
                try (RawClient c = new RawClient(f.port())) {
                    assertThat(c.connect("slow.test:443", f.credential)).contains("X-Warden-Error: ask-denied");
                    assertThat(c.rest()).contains("nobody answered");
                }
            }
            assertThat(asked).hasValue(2);
            assertThat(pending).allSatisfy(p -> assertThat(p).isCancelled());
        }
    }

    @Test
    void anApproverThatThrowsDenies() throws Exception {
        NetworkApprover broken = request -> {
            throw new IllegalStateException("approval channel down");
        };
        try (ProxyFixture f = ProxyFixture.builder().unknown(UnknownDomains.ASK).approver(broken).start();
             RawClient c = new RawClient(f.port())) {
            assertThat(c.connect("any.test:443", f.credential)).contains("X-Warden-Error: ask-denied");
        }
    }

    @Test
    void anAllowedNameThatDoesNotResolveIsABadGateway() throws Exception {
        try (ProxyFixture f = ProxyFixture.builder().allow("nowhere.test").start(); RawClient c = new RawClient(f.port())) {
            assertThat(c.connect("nowhere.test:443", f.credential)).startsWith("HTTP/1.1 502 ");
            assertThat(f.await(NetworkEvent.Closed.class, 1).getFirst().error().orElseThrow()).contains("cannot resolve");
        }
    }
}
