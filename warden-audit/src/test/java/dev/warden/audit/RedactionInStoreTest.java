package dev.warden.audit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.audit.query.AuditReader;
import dev.warden.audit.query.EventFilter;
import dev.warden.audit.redact.FakeSecrets;
import dev.warden.core.Action;
import dev.warden.core.Decision;
import dev.warden.core.Reason;
import dev.warden.core.ReasonSource;
import dev.warden.core.Verdict;
import dev.warden.core.event.EventBody;
import dev.warden.core.event.SessionRecorder;
import dev.warden.core.json.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Secrets put into every kind of event field never reach a byte of the store's files. */
class RedactionInStoreTest {
    @TempDir
    Path tmp;

    @Test
    void noFixtureSecretAppearsInAnyFileOfTheStore() throws IOException {
        List<FakeSecrets> secrets = FakeSecrets.all(99);
        AuditHome home = new AuditHome(tmp);
        writeEverywhere(home, secrets);

        List<Path> files;
        try (Stream<Path> walk = Files.walk(tmp)) {
            files = walk.filter(Files::isRegularFile).toList();
        }
        assertThat(files).anyMatch(f -> f.getFileName().toString().equals("audit.db"));
        for (Path file : files) {
            byte[] bytes = Files.readAllBytes(file);
            for (FakeSecrets secret : secrets) {
                for (String form : forms(secret)) {
                    assertThat(indexOf(bytes, form.getBytes(StandardCharsets.UTF_8)))
                            .as("%s found in %s", secret.kind(), file.getFileName()).isEqualTo(-1);
                }
            }
        }
        assertThat(home.verify().intact()).isTrue();
    }

    @Test
    void noFixtureSecretAppearsInAnExport() {
        List<FakeSecrets> secrets = FakeSecrets.all(7);
        AuditHome home = new AuditHome(tmp);
        writeEverywhere(home, secrets);
        StringBuilder export = new StringBuilder();
        try (AuditReader reader = AuditReader.open(home.database())) {
            reader.forEach(EventFilter.ALL, 0, 0, e -> export.append(e.record()).append('\n'));
        }
        assertThat(export.toString().lines().count()).isEqualTo(2 + 6L * secrets.size());
        for (FakeSecrets secret : secrets) {
            for (String form : forms(secret)) {
                assertThat(export.toString()).as(secret.kind()).doesNotContain(form);
            }
        }
        assertThat(export.toString()).contains("[REDACTED:github-token]", "[REDACTED:private-key]",
                "[REDACTED:aws-access-key]", "[REDACTED:authorization]", "[REDACTED:url-password]", "[REDACTED:secret-value]");
    }

    /** Puts each secret in a command line, the environment, a prompt, MCP arguments, reasons and warnings. */
    static void writeEverywhere(AuditHome home, List<FakeSecrets> secrets) {
        try (AuditLog log = home.open()) {
            SessionRecorder session = log.startSession("t", new EventBody.SessionStart("exec",
                    List.of("codex", "--api-key", secrets.getFirst().secret()), "ada", "host", "/w", "00".repeat(32),
                    "bwrap", "full"));
            for (FakeSecrets secret : secrets) {
                Map<String, String> env = new LinkedHashMap<>();
                env.put("SERVICE_TOKEN", secret.secret());
                env.put("NOTES", secret.text());
                Action exec = new Action.Exec(List.of("bash", "-lc", secret.text()), Path.of("/w"), env);
                SessionRecorder.Span span = session.span();
                span.emit(EventBody.ToolDecision.of(exec, new Verdict(Decision.ASK, List.of(
                        Reason.of(ReasonSource.HEURISTIC, Decision.ASK, "runs: " + secret.text(), 0)), List.of())));
                span.emit(EventBody.ToolDecision.of(new Action.McpCall("github", "create_issue",
                        Json.write(Map.of("body", secret.text(), "token", secret.secret()))), new Verdict(Decision.ALLOW,
                        List.of(Reason.of(ReasonSource.RULE, Decision.ALLOW, "ok", -1)), List.of())));
                span.emit(new EventBody.McpCall("github", "create_issue", Json.write(Map.of("auth", secret.secret()))));
                session.emit(EventBody.UserPrompt.of("please use " + secret.text(), true));
                session.emit(new EventBody.ConfigWarning("ignored " + secret.text()));
                session.emit(new EventBody.SandboxViolation("network", secret.text(), "blocked"));
            }
            session.end(0, "exited");
        }
    }

    /** The secret as written, as JSON would escape it, and its random heart. */
    static List<String> forms(FakeSecrets secret) {
        List<String> forms = new ArrayList<>();
        forms.add(secret.secret());
        StringBuilder escaped = new StringBuilder();
        Json.quote(escaped, secret.secret());
        forms.add(escaped.substring(1, escaped.length() - 1));
        forms.add(secret.core());
        return forms;
    }

    static int indexOf(byte[] hay, byte[] needle) {
        outer:
        for (int i = 0; i <= hay.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (hay[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
