package dev.warden.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.warden.policy.network.UnknownDomains;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * curl, a real client, against real loopback servers through the proxy: plain HTTP, HTTPS via CONNECT,
 * SOCKS5 with names resolved by the proxy; allowed, denied (escape case 31), unknown, rebinding (33),
 * unexpected ports (35) and missing or wrong credentials (36).
 */
class CurlThroughProxyTest {
    @TempDir
    Path temp;
    @TempDir
    static Path certificates;
    LoopbackServers servers;
    InetSocketAddress http;
    InetSocketAddress https;

    @BeforeEach
    void start() throws Exception {
        assumeTrue(Tools.onPath("curl"), "curl is not installed");
        servers = new LoopbackServers();
        http = servers.http();
        https = servers.https(certificates);
    }

    @AfterEach
    void stop() throws Exception {
        if (servers != null) {
            servers.close();
        }
    }

    private ProxyFixture.Builder proxy() {
        return ProxyFixture.builder()
                .allow("app.test:" + http.getPort(), "secure.test:" + https.getPort(), "127.0.0.1/32")
                .deny("gist.app.test", "evil.test")
                .name("app.test", "127.0.0.1").name("secure.test", "127.0.0.1").name("gist.app.test", "127.0.0.1")
                .name("evil.test", "127.0.0.1").name("rebind.test", "127.0.0.1");
    }

    @Test
    void plainHttpIsForwardedWithoutTheCredential() throws Exception {
        try (ProxyFixture f = proxy().start()) {
            Tools.Result r = Tools.curl(temp, "--proxy", f.proxyUrl(), "http://app.test:" + http.getPort() + "/hello?x=1");
            assertThat(r.exit()).as(r.toString()).isZero();
            assertThat(r.out()).isEqualTo("hello from /hello?x=1\n");
            Tools.Result headers = Tools.curl(temp, "--proxy", f.proxyUrl(), "-H", "X-Test: kept",
                    "http://app.test:" + http.getPort() + "/headers");
            assertThat(headers.out()).contains("x-test: kept", "host: app.test:" + http.getPort(), "connection: close")
                    .doesNotContain("proxy-authorization", "warden");
        }
    }

    @Test
    void uploadsReachTheServer() throws Exception {
        Path file = temp.resolve("upload.bin");
        java.nio.file.Files.write(file, new byte[300_000]);
        try (ProxyFixture f = proxy().start()) {
            Tools.Result r = Tools.curl(temp, "--proxy", f.proxyUrl(), "--data-binary", "@" + file,
                    "http://app.test:" + http.getPort() + "/upload");
            assertThat(r.out()).as(r.toString()).isEqualTo("received 300000 bytes\n");
            assertThat(f.await(NetworkEvent.Closed.class, 1).getFirst().bytesOut()).isGreaterThan(300_000);
        }
    }

    @Test
    void httpsGoesThroughAConnectTunnel() throws Exception {
        try (ProxyFixture f = proxy().start()) {
            Tools.Result r = Tools.curl(temp, "-k", "--proxy", f.proxyUrl(), "https://secure.test:" + https.getPort() + "/");
            assertThat(r.exit()).as(r.toString()).isZero();
            assertThat(r.out()).isEqualTo("hello over tls\n");
            NetworkEvent.Decided decided = f.await(NetworkEvent.Decided.class, 1).getFirst();
            assertThat(decided.protocol()).isEqualTo(Protocol.CONNECT);
            assertThat(f.await(NetworkEvent.Closed.class, 1).getFirst().bytesIn()).isGreaterThan(100);
        }
    }

    @Test
    void socks5hResolvesNamesAtTheProxy() throws Exception {
        try (ProxyFixture f = proxy().start()) {
            Tools.Result r = Tools.curl(temp, "--proxy", f.credential.socksUri().toString(),
                    "http://app.test:" + http.getPort() + "/socks");
            assertThat(r.exit()).as(r.toString()).isZero();
            assertThat(r.out()).isEqualTo("hello from /socks\n");
            assertThat(f.lookups).containsExactly("app.test");
            Tools.Result tls = Tools.curl(temp, "-k", "--proxy", f.credential.socksUri().toString(),
                    "https://secure.test:" + https.getPort() + "/");
            assertThat(tls.out()).as(tls.toString()).isEqualTo("hello over tls\n");
            assertThat(f.await(NetworkEvent.Decided.class, 2)).allSatisfy(d -> assertThat(d.protocol()).isEqualTo(Protocol.SOCKS5));
        }
    }

    /** Escape case 31 over HTTP, HTTPS (CONNECT) and SOCKS5. */
    @Test
    void aDeniedDomainIsRefusedOverEveryProtocol() throws Exception {
        try (ProxyFixture f = proxy().start()) {
            Tools.Result plain = Tools.curl(temp, "-i", "--proxy", f.proxyUrl(), "http://gist.app.test:" + http.getPort() + "/");
            assertThat(plain.out()).as(plain.toString()).startsWith("HTTP/1.1 403").contains("X-Warden-Error: denied-domain",
                    "gist.app.test", "To allow it");
            Tools.Result tls = Tools.curl(temp, "-k", "-v", "--proxy", f.proxyUrl(), "https://evil.test:" + https.getPort() + "/");
            assertThat(tls.exit()).as(tls.toString()).isEqualTo(56);
            assertThat(tls.err()).contains("403", "X-Warden-Error: denied-domain");
            Tools.Result socks = Tools.curl(temp, "--proxy", f.credential.socksUri().toString(),
                    "http://evil.test:" + http.getPort() + "/");
            assertThat(socks.exit()).as(socks.toString()).isEqualTo(97);
            assertThat(socks.err()).as("reply 2: connection not allowed by ruleset").contains("evil.test. (2)");
            assertThat(f.lookups).isEmpty();
        }
    }

    @Test
    void anUnknownHostIsAskedAndTheAnswerDecides() throws Exception {
        try (ProxyFixture f = proxy().unknown(UnknownDomains.ASK)
                .approver(request -> CompletableFuture.completedFuture(request.host().equals("yes.test")))
                .name("yes.test", "127.0.0.1").name("no.test", "127.0.0.1").start()) {
            Tools.Result yes = Tools.curl(temp, "--proxy", f.proxyUrl(), "http://yes.test:" + http.getPort() + "/ok");
            assertThat(yes.out()).as(yes.toString()).isEqualTo("hello from /ok\n");
            Tools.Result no = Tools.curl(temp, "-i", "--proxy", f.proxyUrl(), "http://no.test:" + http.getPort() + "/");
            assertThat(no.out()).contains("403", "X-Warden-Error: ask-denied");
        }
    }

    /** Escape case 33: an allowed name resolving to 127.0.0.1 without an address entry that allows it. */
    @Test
    void rebindingToLoopbackIsRefused() throws Exception {
        try (ProxyFixture f = ProxyFixture.builder().allow("rebind.test:*").name("rebind.test", "127.0.0.1").start()) {
            Tools.Result r = Tools.curl(temp, "-i", "--proxy", f.proxyUrl(), "http://rebind.test:" + http.getPort() + "/");
            assertThat(r.out()).as(r.toString()).contains("403", "X-Warden-Error: local-address", "127.0.0.1/32");
            Tools.Result socks = Tools.curl(temp, "--proxy", f.credential.socksUri().toString(),
                    "http://rebind.test:" + http.getPort() + "/");
            assertThat(socks.exit()).isEqualTo(97);
        }
    }

    /** Escape case 35. */
    @Test
    void anAllowedNameOnAnotherPortIsRefused() throws Exception {
        try (ProxyFixture f = proxy().start()) {
            Tools.Result r = Tools.curl(temp, "-k", "-v", "--proxy", f.proxyUrl(), "https://secure.test:22/");
            assertThat(r.exit()).as(r.toString()).isEqualTo(56);
            assertThat(r.err()).contains("X-Warden-Error: not-allowed");
        }
    }

    /** Escape case 36: no credential, a wrong one, another session's, a revoked one. */
    @Test
    void withoutThisSessionsCredentialNothingGoesThrough() throws Exception {
        String target = "http://app.test:" + http.getPort() + "/";
        try (ProxyFixture f = proxy().start(); ProxyFixture other = proxy().start()) {
            String base = "http://127.0.0.1:" + f.port();
            Tools.Result none = Tools.curl(temp, "-i", "--proxy", base, target);
            assertThat(none.out()).as(none.toString()).startsWith("HTTP/1.1 407").contains("Proxy-Authenticate: Basic");
            Tools.Result wrong = Tools.curl(temp, "-i", "--proxy", "http://warden:nottoken@127.0.0.1:" + f.port(), target);
            assertThat(wrong.out()).startsWith("HTTP/1.1 407");
            Tools.Result foreign = Tools.curl(temp, "-i", "--proxy", other.credential.httpUri().toString()
                    .replace(":" + other.port(), ":" + f.port()), target);
            assertThat(foreign.out()).startsWith("HTTP/1.1 407");
            Tools.Result tunnel = Tools.curl(temp, "-k", "--proxy", base, "https://secure.test:" + https.getPort() + "/");
            assertThat(tunnel.exit()).isEqualTo(56);
            Tools.Result socks = Tools.curl(temp, "--proxy", "socks5h://warden:nottoken@127.0.0.1:" + f.port(), target);
            assertThat(socks.exit()).as(socks.toString()).isNotZero();
            Tools.Result socksNone = Tools.curl(temp, "--proxy", "socks5h://127.0.0.1:" + f.port(), target);
            assertThat(socksNone.exit()).as(socksNone.toString()).isNotZero();

            f.proxy.revoke(f.credential);
            Tools.Result revoked = Tools.curl(temp, "-i", "--proxy", f.proxyUrl(), target);
            assertThat(revoked.out()).startsWith("HTTP/1.1 407");
            assertThat(f.events(NetworkEvent.Decided.class)).allSatisfy(d -> assertThat(d.refusal())
                    .contains(Refusal.UNAUTHENTICATED));
            assertThat(f.lookups).isEmpty();
        }
    }
}
