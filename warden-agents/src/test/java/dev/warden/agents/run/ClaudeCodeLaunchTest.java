package dev.warden.agents.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.warden.core.json.Json;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ClaudeCodeLaunchTest {
    @Test
    void claudeIsRecognisedByItsProgramName() {
        assertThat(ClaudeCodeLaunch.isClaudeCode(List.of("claude"))).isTrue();
        assertThat(ClaudeCodeLaunch.isClaudeCode(List.of("/home/u/.local/bin/claude", "-p", "hi"))).isTrue();
        assertThat(ClaudeCodeLaunch.isClaudeCode(List.of("claude-code"))).isFalse();
        assertThat(ClaudeCodeLaunch.isClaudeCode(List.of("codex"))).isFalse();
        assertThat(ClaudeCodeLaunch.isClaudeCode(List.of("bash", "-c", "claude"))).isFalse();
    }

    @Test
    void theSettingsGoRightAfterTheProgram() {
        assertThat(ClaudeCodeLaunch.withSettings(List.of("claude", "-p", "hi"), "{}"))
                .containsExactly("claude", "--settings", "{}", "-p", "hi");
    }

    @Test
    void waysToRunWithoutHooksAreRefused() {
        for (List<String> argv : List.of(List.of("claude", "--settings", "x.json"), List.of("claude", "--settings={}"),
                List.of("claude", "--bare"), List.of("claude", "-p", "hi", "--safe-mode"))) {
            assertThatThrownBy(() -> ClaudeCodeLaunch.withSettings(argv, "{}"))
                    .isInstanceOf(IllegalArgumentException.class);
        }
        // After --, words are the prompt's, not options.
        assertThat(ClaudeCodeLaunch.withSettings(List.of("claude", "--", "--bare"), "{}")).hasSize(5);
        assertThat(ClaudeCodeLaunch.hookSkippingVariable(Map.of("CLAUDE_CODE_SIMPLE", "0"))).isPresent();
        assertThat(ClaudeCodeLaunch.hookSkippingVariable(Map.of("CLAUDE_CODE_SAFE_MODE", "1"))).isPresent();
        assertThat(ClaudeCodeLaunch.hookSkippingVariable(Map.of("HOME", "/h"))).isEmpty();
    }

    @Test
    @SuppressWarnings("unchecked")
    void everyAnsweredEventRunsTheClientAndAPlantedDisableAllHooksIsOverridden() {
        String command = ClaudeCodeLaunch.hookCommand(Path.of("/usr/bin/python3"), Path.of("/run/warden-hooks"));
        assertThat(command).isEqualTo("'/usr/bin/python3' -I -S '/run/warden-hooks/claude-hook.py'"
                + " '/run/warden-hooks/hooks.sock'");
        Map<String, Object> settings = (Map<String, Object>) Json.parse(ClaudeCodeLaunch.settings(command));
        assertThat(settings.get("disableAllHooks")).isEqualTo(false);
        Map<String, Object> hooks = (Map<String, Object>) settings.get("hooks");
        assertThat(hooks).containsOnlyKeys("PreToolUse", "PostToolUse", "UserPromptSubmit", "SessionStart",
                "SessionEnd", "Stop");
        Map<String, Object> pre = (Map<String, Object>) ((List<Object>) hooks.get("PreToolUse")).getFirst();
        assertThat(pre.get("matcher")).isEqualTo("*");
        Map<String, Object> handler = (Map<String, Object>) ((List<Object>) pre.get("hooks")).getFirst();
        assertThat(handler).containsEntry("type", "command").containsEntry("command", command);
        assertThat(ClaudeCodeLaunch.quote("it's")).isEqualTo("'it'\\''s'");
    }
}
