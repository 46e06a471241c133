package dev.warden.cli.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.cli.it.Machine.Result;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Approvals end to end: the packaged {@code warden exec} on a real pseudo-terminal (tests/resources/pty_driver.py
 * plays the person), asking on the terminal and acting on the answer.
 */
class ApprovalIT {
    /** Every command that is not known-safe asks, so {@code touch} is a harmless command that needs approval. */
    private static Machine untrusted(String name) {
        Machine m = Machine.create(name);
        m.userConfig("sandbox_mode = \"workspace-write\"\napproval_policy = \"untrusted\"\n");
        return m;
    }

    /** Runs {@code command} as the session leader of a fresh pty and plays {@code steps} against it. */
    private static Result onTerminal(Machine m, List<String> steps, List<String> command) {
        List<String> driver = new ArrayList<>(List.of("python3", Machine.resource("pty_driver.py").toString(), "30", "120"));
        driver.addAll(steps);
        driver.add("--");
        driver.addAll(command);
        return m.exec(driver, Map.of(), "");
    }

    /**
     * {@code warden exec ARGS} with stdin from /dev/null and stdout/stderr into {@code log}: whatever shows on the
     * terminal, and whatever is typed there, went through /dev/tty, never through the command's own streams.
     */
    private static List<String> wardenOffItsStreams(Path log, String... args) {
        List<String> command = new ArrayList<>(List.of("sh", "-c", "exec \"$@\" </dev/null >'" + log + "' 2>&1", "sh"));
        command.addAll(Machine.warden(args));
        return command;
    }

    @Test
    void onceRunsTheCommandAndThePromptUsesTheTerminalNotStdin() throws Exception {
        Machine m = untrusted("approve-once");
        Path log = m.base.resolve("once.log");
        Result r = onTerminal(m, List.of("expect:approval needed", "expect:command: touch marker",
                "expect:prefix:  touch marker", "expect:> ", "send:y\\n"),
                wardenOffItsStreams(log, "exec", "--", "touch", "marker"));
        assertThat(r.exit()).as(r + "\n--- log\n" + java.nio.file.Files.readString(log)).isZero();
        assertThat(r.out()).contains("risk:").contains("[y] once  [s] this session  [a] always");
        assertThat(m.workspace.resolve("marker")).exists();
        assertThat(java.nio.file.Files.readString(log)).doesNotContain("approval needed");

        Result audit = m.run("audit", "query", "--type", "warden.approval", "--jsonl");
        assertThat(audit.out()).as(audit.toString()).contains("\"channel\":\"terminal\"").contains("\"scope\":\"once\"")
                .contains("\"decision\":\"allow\"");
    }

    @Test
    void noRefusesTheCommand() {
        Machine m = untrusted("approve-no");
        Result r = onTerminal(m, List.of("expect:> ", "send:n\\n"), Machine.warden("exec", "--", "touch", "marker"));
        assertThat(r.exit()).as(r.toString()).isEqualTo(1);
        assertThat(r.out()).contains("warden: denied: denied by ");
        assertThat(m.workspace.resolve("marker")).doesNotExist();
    }

    @Test
    void alwaysWritesARuleAndTheNextExecRunsWithoutAsking() throws Exception {
        Machine m = untrusted("approve-always");
        Result r = onTerminal(m, List.of("expect:> ", "send:a\\n", "expect:prefix always [touch marker]: ",
                "send:\\n"), Machine.warden("exec", "--", "touch", "marker"));
        assertThat(r.exit()).as(r.toString()).isZero();
        Path rules = m.wardenHome.resolve("rules/default.rules");
        assertThat(rules).content().contains("prefix_rule(pattern=[\"touch\", \"marker\"], decision=\"allow\"");
        java.nio.file.Files.delete(m.workspace.resolve("marker"));

        // No terminal at all now: had it asked, it would have been refused.
        List<String> again = new ArrayList<>(List.of("setsid", "-w"));
        again.addAll(Machine.warden("exec", "--", "touch", "marker"));
        Result second = m.exec(again, Map.of(), "");
        assertThat(second.exit()).as(second.toString()).isZero();
        assertThat(m.workspace.resolve("marker")).exists();
        assertThat(m.run("check", "--", "touch", "other").out()).startsWith("ask:");
    }

    @Test
    void alwaysForABroadPrefixIsRefusedOnTheSpotAndTheSessionOffered() {
        Machine m = untrusted("approve-broad");
        Result r = onTerminal(m, List.of("expect:> ", "send:a\\n", "expect:prefix always", "send:env\\n",
                "expect:for this session instead? [y/N] ", "send:y\\n"),
                Machine.warden("exec", "--", "env", "touch", "marker"));
        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(r.out()).contains("runs whatever command follows it");
        assertThat(m.workspace.resolve("marker")).exists();
        assertThat(m.wardenHome.resolve("rules/default.rules")).doesNotExist();
    }

    private static Result withoutTerminal(Machine m, Map<String, String> env, String... args) {
        List<String> command = new ArrayList<>(List.of("setsid", "-w"));
        command.addAll(Machine.warden(args));
        return m.exec(command, env, "");
    }

    @Test
    void theAutomaticReviewerApprovesALowRiskAskWithoutAnyone() {
        Machine m = untrusted("auto-review");
        Result r = withoutTerminal(m, Map.of(), "-c", "approvals_reviewer=auto_review", "exec", "--", "touch", "marker");
        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(m.workspace.resolve("marker")).exists();
        assertThat(m.run("audit", "query", "--type", "warden.approval", "--jsonl").out())
                .contains("\"channel\":\"auto-review\"").contains("\"decided_by\":\"reviewer:deterministic\"");
    }

    @Test
    void aModelReviewerIsAskedOverHttpWithItsKeyAndItsDeferralReachesAPerson() throws Exception {
        Machine m = untrusted("model-review");
        com.sun.net.httpserver.HttpServer server = com.sun.net.httpserver.HttpServer.create(
                new java.net.InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), 0), 0);
        List<String> keys = new java.util.concurrent.CopyOnWriteArrayList<>();
        String[] outcome = {"allow"};
        server.createContext("/v1/chat/completions", exchange -> {
            exchange.getRequestBody().readAllBytes();
            keys.add(String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")));
            String content = dev.warden.core.json.Json.write(Map.of("risk_level", "low", "user_authorization",
                    "unknown", "outcome", outcome[0], "rationale", "creates an empty file in the workspace"));
            byte[] body = dev.warden.core.json.Json.write(Map.of("choices", List.of(Map.of("message",
                    Map.of("role", "assistant", "content", content))))).getBytes(java.nio.charset.StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        try {
            m.userConfig("sandbox_mode = \"workspace-write\"\napproval_policy = \"untrusted\"\n"
                    + "approvals_reviewer = \"auto_review\"\n[auto_review]\nendpoint = \"http://127.0.0.1:"
                    + server.getAddress().getPort() + "/v1/chat/completions\"\nmodel = \"reviewer\"\n"
                    + "api_key_env = \"WARDEN_IT_REVIEW_KEY\"\n");
            Map<String, String> env = Map.of("WARDEN_IT_REVIEW_KEY", "it-key-123");
            Result approved = withoutTerminal(m, env, "exec", "--", "touch", "marker");
            assertThat(approved.exit()).as(approved.toString()).isZero();
            assertThat(m.workspace.resolve("marker")).exists();
            assertThat(keys).containsExactly("Bearer it-key-123");

            outcome[0] = "ask";
            Result deferred = withoutTerminal(m, env, "exec", "--", "touch", "second");
            assertThat(deferred.exit()).as(deferred.toString()).isEqualTo(1);
            assertThat(deferred.err()).contains("no way to ask a person here")
                    .contains("the automatic reviewer deferred to a person");
            assertThat(m.workspace.resolve("second")).doesNotExist();
            assertThat(m.run("audit", "query", "--jsonl").out()).doesNotContain("it-key-123");
        } finally {
            server.stop(0);
        }
    }
}
