package dev.warden.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Package managers' own HTTP stacks through the proxy, configured only by {@link ProxyEnvironment}: npm
 * reading a package document from a local registry, and Python's urllib (what pip's requests honours
 * too) reading a simple index. Denied registries are refused for both.
 */
class RegistryFetchThroughProxyTest {
    @TempDir
    Path temp;
    LoopbackServers servers;
    InetSocketAddress registry;

    @BeforeEach
    void start() throws Exception {
        servers = new LoopbackServers();
        registry = servers.bodies(Map.of(
                "/left-pad", "{\"name\":\"left-pad\",\"dist-tags\":{\"latest\":\"1.3.0\"},\"versions\":{\"1.3.0\":"
                        + "{\"name\":\"left-pad\",\"version\":\"1.3.0\",\"dist\":{\"tarball\":\"http://registry.test/left-pad.tgz\"}}},"
                        + "\"time\":{\"1.3.0\":\"2018-04-09T00:00:00.000Z\"}}",
                "/simple/requests/", "<html><body><a href=\"requests-2.32.3.tar.gz\">requests-2.32.3.tar.gz</a></body></html>"));
    }

    @AfterEach
    void stop() throws Exception {
        servers.close();
    }

    private ProxyFixture proxy(boolean denyRegistry) throws Exception {
        ProxyFixture.Builder builder = ProxyFixture.builder().name("registry.test", "127.0.0.1");
        if (denyRegistry) {
            builder.allow("**.test:*", "127.0.0.1/32").deny("registry.test");
        } else {
            builder.allow("registry.test:" + registry.getPort(), "127.0.0.1/32");
        }
        return builder.start();
    }

    private Map<String, String> env(ProxyFixture f) {
        Map<String, String> env = new HashMap<>(ProxyEnvironment.variables(f.credential.httpUri()));
        env.put("npm_config_cache", temp.resolve("npm-cache").toString());
        env.put("npm_config_update_notifier", "false");
        return env;
    }

    @Test
    void npmReadsAPackageDocumentThroughTheProxy() throws Exception {
        assumeTrue(Tools.onPath("npm"), "npm is not installed");
        try (ProxyFixture f = proxy(false)) {
            Tools.Result r = Tools.run(temp, env(f), "npm", "view", "left-pad", "version",
                    "--registry", "http://registry.test:" + registry.getPort() + "/");
            assertThat(r.exit()).as(r.toString()).isZero();
            assertThat(r.out().strip()).isEqualTo("1.3.0");
            assertThat(f.events(NetworkEvent.Decided.class)).anySatisfy(d -> assertThat(d.outcome()).isEqualTo(Outcome.ALLOW));
        }
        try (ProxyFixture f = proxy(true)) {
            Tools.Result r = Tools.run(temp, env(f), "npm", "view", "left-pad", "version", "--fetch-retries", "0",
                    "--registry", "http://registry.test:" + registry.getPort() + "/");
            assertThat(r.exit()).as(r.toString()).isNotZero();
            assertThat(r.out() + r.err()).contains("403");
        }
    }

    @Test
    void pythonReadsASimpleIndexThroughTheProxy() throws Exception {
        assumeTrue(Tools.onPath("python3"), "python3 is not installed");
        String script = "import urllib.request, sys\n"
                + "try:\n"
                + "    print(urllib.request.urlopen(sys.argv[1], timeout=20).read().decode())\n"
                + "except urllib.error.HTTPError as e:\n"
                + "    print(e.code, e.headers.get('X-Warden-Error')); sys.exit(3)\n";
        String url = "http://registry.test:" + registry.getPort() + "/simple/requests/";
        try (ProxyFixture f = proxy(false)) {
            Tools.Result r = Tools.run(temp, env(f), "python3", "-c", script, url);
            assertThat(r.exit()).as(r.toString()).isZero();
            assertThat(r.out()).contains("requests-2.32.3.tar.gz");
        }
        try (ProxyFixture f = proxy(true)) {
            Tools.Result r = Tools.run(temp, env(f), "python3", "-c", script, url);
            assertThat(r.exit()).as(r.toString()).isEqualTo(3);
            assertThat(r.out()).contains("403 denied-domain");
        }
    }
}
