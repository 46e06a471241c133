package dev.warden.cli.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.sun.net.httpserver.HttpServer;
import dev.warden.cli.it.Machine.Result;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code warden run}: a whole agent in the sandbox, on a real pseudo-terminal when there is one. */
class RunIT {

    /** Drives {@code warden run ARGS} from a real pty (tests/resources/pty_driver.py) through {@code steps}. */
    private static Result onTerminal(Machine m, List<String> steps, String... args) {
        List<String> command = new ArrayList<>(List.of("python3", Machine.resource("pty_driver.py").toString(), "30", "100"));
        command.addAll(steps);
        command.add("--");
        command.addAll(Machine.warden(args));
        return m.exec(command, Map.of(), "");
    }

    @ParameterizedTest(name = "sandbox_backend={0}")
    @ValueSource(strings = {"auto", "landlock"})
    void anInteractiveShellRunsOnARealTerminalInsideTheSandbox(String backend) {
        assumeBackend(backend);
        Machine m = Machine.create("run-pty");
        Result r = onTerminal(m, List.of(
                "expect:bash-",
                "send:echo sandbox=$WARDEN_SANDBOX; tty; stty size\\n",
                "expect:30 100",
                "resize:40,120",
                "sleep:0.3",
                "send:stty size\\n",
                "expect:40 120",
                "send:sleep 30\\n",
                "sleep:0.5",
                "send:\\x03",
                "send:echo after-$?\\n",
                "expect:after-130",
                "send:exit 3\\n"),
                "-c", "sandbox_backend=" + backend, "run", "--", "bash", "--norc", "--noprofile", "-i");
        assertThat(r.exit()).as(r.toString()).isEqualTo(3);
        assertThat(r.out()).contains("sandbox=1").containsPattern("\\n/dev/(console|pts/\\d+)\\r?\\n")
                .doesNotContain("no job control").doesNotContain("not a tty");
    }

    @Test
    void aHangupSentToWardenReachesTheAgentOnItsTerminal() {
        Machine m = Machine.create("run-pty-hup");
        Result r = onTerminal(m, List.of("expect:bash-", "send:echo ready\\n", "expect:ready", "signal:HUP"),
                "run", "--", "bash", "--norc", "--noprofile", "-i");
        assertThat(r.exit()).as(r.toString()).isEqualTo(128 + 1);
    }

    /** Landlock is not on every kernel (or container); the escape suite covers the backend itself. */
    private static void assumeBackend(String backend) {
        if (backend.equals("landlock")) {
            assumeTrue(Machine.landlockAbi() > 0, "this kernel has no Landlock");
        }
    }

    @Test
    void withoutATerminalTheAgentUsesPlainStreams() {
        Machine m = Machine.create("run-pipes");
        Result r = m.exec(Machine.warden("run", "--", "sh", "-c", "read line; echo got-$line; test -t 0 || echo no-tty"),
                Map.of(), "hello\n");
        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(r.out()).isEqualTo("got-hello\nno-tty\n");
    }

    @Test
    void setupHasTheNetworkAndTheAgentDoesNot() throws Exception {
        Machine m = Machine.create("run-setup");
        Map<String, AtomicInteger> hits = new ConcurrentHashMap<>();
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            hits.computeIfAbsent(exchange.getRequestURI().getPath(), k -> new AtomicInteger()).incrementAndGet();
            byte[] body = "pong\n".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        try {
            String url = "http://127.0.0.1:" + server.getAddress().getPort();
            Result r = m.run("run", "--setup", "curl -sf -m 5 " + url + "/setup", "--",
                    "sh", "-c", "curl -sf -m 3 " + url + "/agent && echo reached || echo unreachable");
            assertThat(r.exit()).as(r.toString()).isZero();
            assertThat(r.out()).isEqualTo("pong\nunreachable\n");
            assertThat(hits.keySet()).containsExactly("/setup");
        } finally {
            server.stop(0);
        }
    }

    @Test
    void aFailedSetupStopsTheAgent() {
        Machine m = Machine.create("run-setup-fails");
        Result r = m.run("run", "--setup", "exit 5", "--", "touch", "marker");
        assertThat(r.exit()).as(r.toString()).isEqualTo(5);
        assertThat(r.err()).contains("warden: setup failed with exit status 5; the agent was not started");
        assertThat(m.workspace.resolve("marker")).doesNotExist();
    }

    @Test
    void whatTheAgentLeavesBehindDiesWithIt() throws Exception {
        Machine m = Machine.create("run-leftovers");
        Path sub = Files.createDirectories(m.workspace.resolve("sub"));
        Result r = m.run("run", "--", "sh", "-c", "(sleep 0.5; touch '" + sub.resolve("late") + "') & echo started");
        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(r.out()).isEqualTo("started\n");
        Thread.sleep(1500);
        assertThat(sub.resolve("late")).doesNotExist();
    }

    @Test
    void aDeniedAgentDoesNotStart() {
        Machine m = Machine.create("run-denied");
        Result r = m.run("-c", "approval_policy=never", "run", "--", "sh", "-c", "touch marker; rm -rf /");
        assertThat(r.exit()).as(r.toString()).isEqualTo(1);
        assertThat(r.err()).startsWith("warden: denied: ");
        assertThat(m.workspace.resolve("marker")).doesNotExist();
    }
}
