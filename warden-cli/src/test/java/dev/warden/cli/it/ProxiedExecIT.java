package dev.warden.cli.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.sun.net.httpserver.HttpServer;
import dev.warden.cli.it.Machine.Result;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code [network] mode = "proxied"} end to end: real clients in a real sandbox, through Warden's proxy, to
 * a real server on this machine's loopback (ESCAPES.md cases 31–33, 35, 36). The machine has no DNS:
 * {@code WARDEN_TEST_HOSTS} maps the test names to loopback addresses, which the configuration must still
 * allow ({@code 127.0.0.1/32}); {@code rebind.test} points at {@code 127.0.0.2}, which nothing allows.
 * Every case runs under bubblewrap and, where the kernel has Landlock ABI 4 or later, under Landlock.
 */
class ProxiedExecIT {
    private static final String CONFIG = """
            sandbox_mode = "workspace-write"
            [network]
            mode = "proxied"
            allowed_domains = ["app.test:*", "rebind.test:*", "127.0.0.1/32"]
            denied_domains = ["denied.test"]
            unknown = "deny"
            """;
    private static final Map<String, String> HOSTS = Map.of("WARDEN_TEST_HOSTS",
            "app.test=127.0.0.1,rebind.test=127.0.0.2,denied.test=127.0.0.1");

    private static HttpServer server;
    private static Path repository;
    private static int port;

    @BeforeAll
    static void startServer() throws Exception {
        Machine setup = Machine.create("proxied-server");
        Path source = Files.createDirectories(setup.base.resolve("source"));
        git(setup, source, "init", "-q", "-b", "main");
        Files.writeString(source.resolve("README"), "cloned through the proxy\n");
        git(setup, source, "add", "README");
        git(setup, source, "commit", "-q", "-m", "first");
        repository = setup.base.resolve("repo.git");
        git(setup, setup.base, "clone", "-q", "--bare", source.toString(), repository.toString());
        git(setup, repository, "update-server-info");
        server = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 50);
        server.createContext("/", exchange -> {
            String path = exchange.getRequestURI().getPath();
            byte[] body;
            int status = 200;
            if (path.startsWith("/repo.git/")) {
                // A dumb HTTP git server: the bare repository's files as they are.
                Path file = repository.resolve(path.substring("/repo.git/".length())).normalize();
                if (file.startsWith(repository) && Files.isRegularFile(file)) {
                    body = Files.readAllBytes(file);
                } else {
                    status = 404;
                    body = new byte[0];
                }
            } else {
                body = ("hello from " + path + "\n").getBytes(StandardCharsets.UTF_8);
            }
            exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.start();
        port = server.getAddress().getPort();
    }

    @AfterAll
    static void stopServer() {
        if (server != null) {
            server.stop(0);
        }
    }

    private static Machine machine(String name) {
        Machine m = Machine.create(name);
        m.userConfig(CONFIG);
        return m;
    }

    private static Result exec(Machine m, String backend, String script) {
        if (backend.equals("landlock")) {
            assumeTrue(Machine.landlockAbi() >= 4, "Landlock ABI " + Machine.landlockAbi()
                    + " < 4 on this kernel: network = proxied is refused under Landlock (LandlockBackendTest)");
        }
        return m.runWith(HOSTS, "-c", "sandbox_backend=" + backend, "exec", "--", "bash", "-c", script);
    }

    @ParameterizedTest
    @ValueSource(strings = {"bwrap", "landlock"})
    void case31_allowedOverHttpConnectAndSocks5h(String backend) {
        Machine m = machine("proxied-allowed-" + backend);
        String url = "http://app.test:" + port;
        Result r = exec(m, backend, "curl -sS " + url + "/plain; curl -sS -p " + url + "/tunnel;"
                + " curl -sS -x \"socks5h://${HTTP_PROXY#http://}\" " + url + "/socks");
        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(r.out()).isEqualTo("hello from /plain\nhello from /tunnel\nhello from /socks\n");
    }

    @ParameterizedTest
    @ValueSource(strings = {"bwrap", "landlock"})
    void case31_aDeniedDomainIsRefusedWithAReadableReason(String backend) {
        Machine m = machine("proxied-denied-" + backend);
        Result r = exec(m, backend, "curl -sS -i http://denied.test:" + port + "/; curl -sS -p http://denied.test:"
                + port + "/ ; echo connect=$?; curl -sS -x \"socks5h://${HTTP_PROXY#http://}\" http://denied.test:"
                + port + "/; echo socks=$?");
        assertThat(r.out()).as(r.toString()).startsWith("HTTP/1.1 403").contains("X-Warden-Error: denied-domain")
                .contains("matches denied_domains entry \"denied.test:*\"")
                .contains(m.wardenHome.resolve("config.toml") + ":5")
                .contains("connect=56").contains("socks=97").doesNotContain("hello from");
    }

    @ParameterizedTest
    @ValueSource(strings = {"bwrap", "landlock"})
    void case32_nothingGoesAroundTheProxy(String backend) throws IOException {
        Machine m = machine("proxied-bypass-" + backend);
        // In a file: the policy rightly asks before running a command line that opens /dev/tcp.
        m.write(m.workspace.resolve("raw.sh"), "(echo x > /dev/tcp/127.0.0.1/" + port + ") 2>/dev/null; echo devtcp=$?\n");
        StringBuilder script = new StringBuilder("curl -sS --max-time 5 --noproxy '*' http://127.0.0.1:" + port
                + "/direct; echo noproxy=$?; bash raw.sh;");
        String hostAddress = hostAddress();
        if (hostAddress != null) {
            script.append(" curl -sS --max-time 5 --noproxy '*' http://").append(hostAddress).append(':').append(port)
                    .append("/direct; echo hostip=$?;");
        }
        Result r = exec(m, backend, script.toString());
        assertThat(r.out()).as(r.toString()).doesNotContain("hello from").contains("noproxy=7").contains("devtcp=1");
        if (hostAddress != null) {
            assertThat(r.out()).doesNotContain("hostip=0");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"bwrap", "landlock"})
    void case33_anAllowedNameThatResolvesToALocalAddressIsRefused(String backend) {
        Machine m = machine("proxied-rebind-" + backend);
        Result r = exec(m, backend, "curl -sS -i http://rebind.test:" + port + "/");
        assertThat(r.out()).as(r.toString()).startsWith("HTTP/1.1 403").contains("X-Warden-Error: local-address")
                .contains("127.0.0.2");
    }

    @ParameterizedTest
    @ValueSource(strings = {"bwrap", "landlock"})
    void case35and36_anUnexpectedPortAndAMissingCredentialAreRefused(String backend) {
        Machine m = machine("proxied-credential-" + backend);
        Result r = exec(m, backend, "anonymous=\"http://${HTTP_PROXY##*@}\"; curl -sS -o /dev/null -w 'anon=%{http_code}\\n'"
                + " -x \"$anonymous\" http://app.test:" + port + "/; curl -sS -o /dev/null -w 'wrong=%{http_code}\\n'"
                + " -x \"http://warden:wrong@${HTTP_PROXY##*@}\" http://app.test:" + port + "/;"
                + " curl -sS -o /dev/null -w 'ip-port=%{http_code}\\n' http://127.0.0.1:" + port + "/");
        assertThat(r.out()).as(r.toString()).contains("anon=407").contains("wrong=407").contains("ip-port=403");
    }

    @ParameterizedTest
    @ValueSource(strings = {"bwrap", "landlock"})
    void gitClonesOverHttpThroughTheProxy(String backend) throws IOException {
        Machine m = machine("proxied-git-" + backend);
        Files.createDirectories(m.workspace.resolve("sub"));
        Result r = exec(m, backend, "git clone -q http://app.test:" + port + "/repo.git sub/clone && cat sub/clone/README");
        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(r.out()).isEqualTo("cloned through the proxy\n");
    }

    @Test
    void networkRulesInRulesFilesJoinTheDomainLists() {
        Machine m = machine("proxied-network-rule");
        m.write(m.wardenHome.resolve("rules/net.rules"), """
                network_rule(host = "app.test", protocol = "https", decision = "forbidden",
                             justification = "the app is off limits in this test")
                """);
        Result r = exec(m, "bwrap", "curl -sS -i http://app.test:" + port + "/");
        assertThat(r.out()).as(r.toString()).startsWith("HTTP/1.1 403").contains("X-Warden-Error: denied-domain")
                .contains("net.rules:1");
    }

    @Test
    void anUnknownHostWithNobodyToAskIsRefused() {
        assumeTrue(!controllingTerminal(), "a terminal is attached: the proxy would ask on it");
        Machine m = Machine.create("proxied-ask");
        m.userConfig(CONFIG.replace("unknown = \"deny\"", "unknown = \"ask\""));
        Result r = m.runWith(Map.of("WARDEN_TEST_HOSTS", "unknown.test=127.0.0.1"), "exec", "--", "curl", "-sS", "-i",
                "http://unknown.test:" + port + "/");
        assertThat(r.out()).as(r.toString()).startsWith("HTTP/1.1 403").contains("X-Warden-Error: ask-denied")
                .contains("add \"unknown.test:" + port + "\" to [network] allowed_domains");
    }

    /** The proxy's asks go down the one approval path: here the automatic reviewer says yes, and the trail says so. */
    @Test
    void anUnknownHostIsDecidedByTheApprovalRouter() {
        assumeTrue(!controllingTerminal(), "a terminal is attached: the router would ask on it");
        Machine m = Machine.create("proxied-auto-review");
        m.userConfig("approvals_reviewer = \"auto_review\"\n" + CONFIG.replace("unknown = \"deny\"", "unknown = \"ask\""));
        Result r = m.runWith(Map.of("WARDEN_TEST_HOSTS", "docs.test=127.0.0.1"), "exec", "--", "curl", "-sS", "-i",
                "http://docs.test:" + port + "/");
        assertThat(r.out()).as(r.toString()).startsWith("HTTP/1.1 200");
        Result approvals = m.run("audit", "query", "--type", "warden.approval", "--jsonl");
        assertThat(approvals.out()).as(approvals.toString()).contains("\"allow\"", "auto");
    }

    private static boolean controllingTerminal() {
        try {
            new java.io.FileInputStream("/dev/tty").close();
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    @Test
    void everyDecisionAndCloseIsInTheAuditTrail() {
        Machine m = machine("proxied-audit");
        Result run = exec(m, "bwrap", "curl -sS http://app.test:" + port + "/audited; curl -sS http://denied.test/ >/dev/null");
        assertThat(run.exit()).as(run.toString()).isZero();
        Result audit = m.run("audit", "query", "--type", "network_decision,network_close", "--jsonl");
        assertThat(audit.exit()).as(audit.toString()).isZero();
        // A connection's close may be recorded after the next one's decision: find each by what it says.
        List<String> lines = audit.out().lines().toList();
        assertThat(lines).as(audit.out()).hasSize(3);
        assertThat(lines).anySatisfy(line -> assertThat(line).contains("\"type\":\"warden.network_decision\"")
                .contains("\"decision\":\"allow\"").contains("\"host\":\"app.test\"").contains("\"connection\":")
                .contains("\"command\":\"bash -c"));
        assertThat(lines).anySatisfy(line -> assertThat(line).contains("\"type\":\"warden.network_close\"")
                .contains("\"bytes_in\":").contains("\"address\":\"127.0.0.1\"").contains("\"host\":\"app.test\""));
        assertThat(lines).anySatisfy(line -> assertThat(line).contains("\"decision\":\"deny\"")
                .contains("denied-domain").contains("\"host\":\"denied.test\""));
    }

    @Test
    void aCommandThatDoesNotExistFailsAsWithoutTheProxy() {
        Machine m = machine("proxied-missing");
        Result r = m.runWith(HOSTS, "exec", "--", "no-such-command-anywhere");
        assertThat(r.exit()).as(r.toString()).isEqualTo(1);
        assertThat(r.err()).contains("execvp no-such-command-anywhere: No such file or directory");
    }

    private static String hostAddress() throws IOException {
        return NetworkInterface.networkInterfaces().filter(i -> {
            try {
                return i.isUp() && !i.isLoopback();
            } catch (IOException e) {
                return false;
            }
        }).flatMap(NetworkInterface::inetAddresses).filter(a -> a instanceof java.net.Inet4Address)
                .map(InetAddress::getHostAddress).findFirst().orElse(null);
    }

    private static void git(Machine m, Path dir, String... args) {
        List<String> command = new java.util.ArrayList<>(List.of("git", "-C", dir.toString(), "-c", "user.name=t",
                "-c", "user.email=t@example.com"));
        command.addAll(List.of(args));
        Result r = m.exec(command, Map.of(), "");
        if (r.exit() != 0) {
            throw new IllegalStateException("git " + String.join(" ", args) + " failed: " + r);
        }
    }
}
