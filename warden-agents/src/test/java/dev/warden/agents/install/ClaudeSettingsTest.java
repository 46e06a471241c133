package dev.warden.agents.install;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.warden.core.json.Json;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ClaudeSettingsTest {
    static final String COMMAND = "/opt/warden/warden hook claude-code";

    static final String USERS_OWN = """
            {
              "model": "opus",
              "hooks": {
                "PreToolUse": [
                  {"matcher": "Bash", "hooks": [{"type": "command", "command": "~/bin/block-rm.sh"}]}
                ],
                "Notification": [
                  {"hooks": [{"type": "command", "command": "notify-send claude"}]}
                ]
              },
              "permissions": {"deny": ["Read(./.env)"]}
            }
            """;

    @Test
    void installsEveryEventIntoAnEmptyFile() {
        String text = ClaudeSettings.install("", COMMAND);
        Map<?, ?> hooks = (Map<?, ?>) ((Map<?, ?>) Json.parse(text)).get("hooks");
        assertThat(List.copyOf(hooks.keySet()).stream().map(Object::toString).toList()).containsExactlyElementsOf(ClaudeSettings.EVENTS);
        assertThat(hooks.get("PreToolUse")).isEqualTo(List.of(Map.of("matcher", "*",
                "hooks", List.of(Map.of("type", "command", "command", COMMAND)))));
        assertThat(hooks.get("Stop")).isEqualTo(List.of(Map.of("hooks", List.of(Map.of("type", "command", "command", COMMAND)))));
        assertThat(hooks.get("SessionEnd").toString()).contains("timeout=10");
        assertThat(ClaudeSettings.installed(text)).isTrue();
    }

    @Test
    void keepsEverythingElseAndIsIdempotent() {
        String once = ClaudeSettings.install(USERS_OWN, COMMAND);
        assertThat(ClaudeSettings.install(once, COMMAND)).isEqualTo(once);
        Map<?, ?> settings = (Map<?, ?>) Json.parse(once);
        assertThat(settings.keySet().stream().map(Object::toString).toList()).containsExactly("model", "hooks", "permissions");
        assertThat(settings.get("permissions")).isEqualTo(Map.of("deny", List.of("Read(./.env)")));
        List<?> pre = (List<?>) ((Map<?, ?>) settings.get("hooks")).get("PreToolUse");
        assertThat(pre).hasSize(2);
        assertThat(pre.getFirst().toString()).contains("block-rm.sh");
    }

    @Test
    void aNewLauncherPathReplacesTheOldCommandInPlace() {
        String old = ClaudeSettings.install(USERS_OWN, "/old/warden hook claude-code");
        String updated = ClaudeSettings.install(old, COMMAND);
        assertThat(updated).doesNotContain("/old/warden").contains(COMMAND);
        assertThat(updated.split("hook claude-code", -1)).hasSize(ClaudeSettings.EVENTS.size() + 1);
    }

    @Test
    void uninstallRestoresTheUsersOwnHooksExactly() {
        String installed = ClaudeSettings.install(USERS_OWN, COMMAND);
        String removed = ClaudeSettings.uninstall(installed);
        assertThat(Json.parse(removed)).isEqualTo(Json.parse(USERS_OWN));
        assertThat(ClaudeSettings.installed(removed)).isFalse();
        assertThat(Json.parse(ClaudeSettings.uninstall(ClaudeSettings.install("", COMMAND)))).isEqualTo(Map.of());
    }

    @Test
    void uninstallLeavesAGroupThatAlsoHoldsAnotherHandler() {
        String shared = """
                {"hooks": {"Stop": [{"hooks": [
                  {"type": "command", "command": "say done"},
                  {"type": "command", "command": "/x/warden hook claude-code"}]}]}}
                """;
        assertThat(Json.parse(ClaudeSettings.uninstall(shared))).isEqualTo(
                Map.of("hooks", Map.of("Stop", List.of(Map.of("hooks", List.of(Map.of("type", "command", "command", "say done")))))));
    }

    @Test
    void refusesFilesItCannotEditSafely() {
        assertThatThrownBy(() -> ClaudeSettings.install("{not json", COMMAND)).hasMessageContaining("not valid JSON");
        assertThatThrownBy(() -> ClaudeSettings.install("[]", COMMAND)).hasMessageContaining("JSON object");
        assertThatThrownBy(() -> ClaudeSettings.install("{\"hooks\": []}", COMMAND)).hasMessageContaining("\"hooks\"");
        assertThatThrownBy(() -> ClaudeSettings.install("{\"hooks\": {\"Stop\": {}}}", COMMAND)).hasMessageContaining("hooks.Stop");
        assertThatThrownBy(() -> ClaudeSettings.install("", "rm -rf /")).hasMessageContaining("must end with");
    }

    @Test
    void diffShowsOnlyTheChange() {
        String diff = LineDiff.of("a", "{\n  \"x\": 1\n}\n", "b", "{\n  \"x\": 1,\n  \"y\": 2\n}\n");
        assertThat(diff).isEqualTo("--- a\n+++ b\n  {\n-   \"x\": 1\n+   \"x\": 1,\n+   \"y\": 2\n  }\n");
    }
}
