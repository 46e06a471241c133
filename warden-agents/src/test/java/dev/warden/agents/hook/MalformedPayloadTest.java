package dev.warden.agents.hook;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Whatever is wrong with the input, the hook exits 2 with a reason: Claude Code would treat anything else as "proceed". */
class MalformedPayloadTest {
    @TempDir
    Path root;

    HookFixture fx;

    @BeforeEach
    void setUp() throws IOException {
        fx = new HookFixture(root);
    }

    static Stream<Arguments> malformed() {
        String cwd = "\"cwd\":\"/tmp\"";
        String base = "\"session_id\":\"s\"," + cwd + ",\"hook_event_name\":\"PreToolUse\"";
        return Stream.of(
                Arguments.of("", "no hook payload"),
                Arguments.of("   \n", "no hook payload"),
                Arguments.of("not json", "not JSON"),
                Arguments.of("[]", "must be a JSON object"),
                Arguments.of("\"PreToolUse\"", "must be a JSON object"),
                Arguments.of("{" + base + ",\"tool_name\":\"Bash\",\"tool_input\":{\"command\":\"ls\"}", "not JSON"),
                Arguments.of("{" + base + ",\"tool_name\":\"Bash\",\"tool_input\":{\"command\":\"ls\"}} trailing", "not JSON"),
                Arguments.of("{\"session_id\":\"s\"," + cwd + "}", "hook_event_name"),
                Arguments.of("{\"session_id\":\"s\"," + cwd + ",\"hook_event_name\":\"Notification\"}", "Notification"),
                Arguments.of("{\"session_id\":\"s\"," + cwd + ",\"hook_event_name\":7}", "must be a string"),
                Arguments.of("{" + cwd + ",\"hook_event_name\":\"Stop\"}", "session_id"),
                Arguments.of("{\"session_id\":1," + cwd + ",\"hook_event_name\":\"Stop\"}", "session_id"),
                Arguments.of("{\"session_id\":\"s\",\"hook_event_name\":\"Stop\"}", "cwd"),
                Arguments.of("{\"session_id\":\"s\",\"cwd\":\"relative/dir\",\"hook_event_name\":\"Stop\"}", "absolute"),
                Arguments.of("{\"session_id\":\"s\"," + cwd + ",\"hook_event_name\":\"Stop\",\"permission_mode\":3}", "permission_mode"),
                Arguments.of("{" + base + "}", "tool_name"),
                Arguments.of("{" + base + ",\"tool_name\":\"Bash\"}", "tool_input"),
                Arguments.of("{" + base + ",\"tool_name\":\"Bash\",\"tool_input\":\"ls\"}", "tool_input"),
                Arguments.of("{" + base + ",\"tool_name\":\"Bash\",\"tool_input\":{}}", "tool_input.command is missing"),
                Arguments.of("{" + base + ",\"tool_name\":\"Bash\",\"tool_input\":{\"command\":[\"ls\"]}}", "must be a string"),
                Arguments.of("{" + base + ",\"tool_name\":\"Write\",\"tool_input\":{\"content\":\"x\"}}", "file_path"),
                Arguments.of("{" + base + ",\"tool_name\":\"Read\",\"tool_input\":{\"file_path\":\"\"}}", "empty"),
                Arguments.of("{" + base + ",\"tool_name\":\"WebFetch\",\"tool_input\":{\"url\":\"ftp://x/y\"}}", "http(s)"),
                Arguments.of("{" + base + ",\"tool_name\":\"WebFetch\",\"tool_input\":{\"url\":\"https://\"}}", "WebFetch"),
                Arguments.of("{" + base + ",\"tool_name\":\"mcp__nothing\",\"tool_input\":{}}", "mcp__SERVER__TOOL"),
                Arguments.of("{\"session_id\":\"s\"," + cwd + ",\"hook_event_name\":\"UserPromptSubmit\"}", "prompt"),
                Arguments.of("{\"session_id\":\"s\",\"session_id\":\"t\"," + cwd + ",\"hook_event_name\":\"Stop\"}", "not JSON"),
                Arguments.of("[".repeat(10_000), "not JSON"));
    }

    @ParameterizedTest
    @MethodSource("malformed")
    void failsClosedWithTheReasonOnStderr(String payload, String reasonPart) {
        HookAnswer answer = fx.standalone(payload);
        assertThat(answer.exitStatus()).isEqualTo(2);
        assertThat(answer.stdout()).isEmpty();
        assertThat(answer.stderr()).startsWith("warden: ").contains(reasonPart).endsWith("\n");
    }

    /** Random damage to a valid payload never yields anything but a documented answer or exit 2. */
    @Test
    void damagedPayloadsNeverFailOpen() {
        String valid = fx.preToolUse("Bash", java.util.Map.of("command", "npm test"));
        Random random = new Random(20260101L);
        for (int i = 0; i < 300; i++) {
            StringBuilder damaged = new StringBuilder(valid);
            int edits = 1 + random.nextInt(3);
            for (int e = 0; e < edits && !damaged.isEmpty(); e++) {
                int at = random.nextInt(damaged.length());
                switch (random.nextInt(3)) {
                    case 0 -> damaged.deleteCharAt(at);
                    case 1 -> damaged.insert(at, "{}[]\",:x\\".charAt(random.nextInt(9)));
                    default -> damaged.setLength(at);
                }
            }
            HookAnswer answer = fx.standalone(damaged.toString());
            if (answer.exitStatus() == 0 && !answer.stdout().isEmpty()) {
                assertThat(HookFixture.decision(answer)).as(damaged.toString()).isIn("ask", "deny", "allow");
                if (HookFixture.decision(answer).equals("allow")) {
                    // Only possible when the damage left a known-safe or rule-allowed command.
                    assertThat(HookFixture.reason(answer)).as(damaged.toString()).contains("known-safe");
                }
            } else {
                assertThat(answer.exitStatus()).as(damaged.toString()).isIn(0, 2);
                if (answer.exitStatus() == 2) {
                    assertThat(answer.stderr()).startsWith("warden: ");
                }
            }
        }
    }
}
