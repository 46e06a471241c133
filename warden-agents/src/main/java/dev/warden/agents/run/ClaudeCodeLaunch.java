package dev.warden.agents.run;

import dev.warden.agents.install.ClaudeSettings;
import dev.warden.core.json.Json;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How {@code warden run} starts Claude Code with Warden's hooks and without touching the user's files: a
 * {@code --settings JSON} argument right after the program (Claude Code's CLI reference: "--settings: path to a
 * settings JSON file or a JSON string to load additional settings from", https://code.claude.com/docs/en/cli-reference).
 * Settings given this way are merged with the user's, project's and local files; hook arrays add up, so the user's
 * own hooks still run.
 *
 * <p>Ways Claude Code offers to run without hooks are closed: the command-line layer outranks the user's and the
 * project's files, so {@code "disableAllHooks": false} here beats a {@code true} planted in an untrusted project's
 * {@code .claude/settings.json} (only an administrator's managed settings rank higher); {@code --bare} and
 * {@code --safe-mode} skip hooks, and so do the variables they set, {@code CLAUDE_CODE_SIMPLE} and
 * {@code CLAUDE_CODE_SAFE_MODE} ({@code claude --help}, version 2.1.197): they are refused.
 */
public final class ClaudeCodeLaunch {
    /** Long enough for a slow disk; the server never waits for a person (an ask goes back to Claude Code). */
    static final long TIMEOUT_SECONDS = 60;

    private ClaudeCodeLaunch() {}

    /** Whether {@code argv} starts Claude Code: its program's file name is {@code claude}. */
    public static boolean isClaudeCode(List<String> argv) {
        if (argv.isEmpty() || argv.getFirst().isEmpty()) {
            return false;
        }
        Path name = Path.of(argv.getFirst()).getFileName();
        return name != null && name.toString().equals("claude");
    }

    /**
     * The settings that send every event Warden answers to {@code hookCommand} (a shell command, as Claude Code
     * runs hook commands).
     */
    public static String settings(String hookCommand) {
        Map<String, Object> hooks = new LinkedHashMap<>();
        for (String event : ClaudeSettings.EVENTS) {
            Map<String, Object> handler = new LinkedHashMap<>();
            handler.put("type", "command");
            handler.put("command", hookCommand);
            handler.put("timeout", TIMEOUT_SECONDS);
            Map<String, Object> group = new LinkedHashMap<>();
            if (event.equals("PreToolUse") || event.equals("PostToolUse")) {
                group.put("matcher", "*");
            }
            group.put("hooks", List.of(handler));
            hooks.put(event, List.of(group));
        }
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("disableAllHooks", false);
        settings.put("hooks", hooks);
        return Json.write(settings);
    }

    /** The shell command that runs the hook client with {@code python} from the directory the sandbox sees. */
    public static String hookCommand(Path python, Path directoryInside) {
        return quote(python.toString()) + " -I -S " + quote(directoryInside.resolve(RunHookServer.CLIENT).toString())
                + " " + quote(directoryInside.resolve(RunHookServer.SOCKET).toString());
    }

    /**
     * {@code argv} with {@code --settings SETTINGS} after the program.
     *
     * @throws IllegalArgumentException when the command line already has {@code --settings}: Claude Code would use
     *                                  one of the two, and Warden's hooks must not silently be the one left out
     */
    public static List<String> withSettings(List<String> argv, String settings) {
        for (String arg : argv.subList(1, argv.size())) {
            if (arg.equals("--")) {
                break;
            }
            if (arg.equals("--settings") || arg.startsWith("--settings=")) {
                throw new IllegalArgumentException("`warden run` passes its own --settings to claude (its hooks);"
                        + " move yours into .claude/settings.local.json or ~/.claude/settings.json and run again");
            }
            if (arg.equals("--bare") || arg.equals("--safe-mode")) {
                throw new IllegalArgumentException("claude " + arg + " skips hooks, and Warden's hooks are how it judges"
                        + " what Claude Code does under `warden run`; run without " + arg);
            }
        }
        List<String> result = new ArrayList<>(argv.size() + 2);
        result.add(argv.getFirst());
        result.add("--settings");
        result.add(settings);
        result.addAll(argv.subList(1, argv.size()));
        return result;
    }

    /**
     * A reason to refuse {@code environment}: a variable that makes Claude Code skip hooks.
     */
    public static java.util.Optional<String> hookSkippingVariable(Map<String, String> environment) {
        for (String name : List.of("CLAUDE_CODE_SIMPLE", "CLAUDE_CODE_SAFE_MODE")) {
            String value = environment.get(name);
            // Any value: how claude reads "0" or "false" is not documented, and a wrong guess would turn hooks off.
            if (value != null) {
                return java.util.Optional.of(name + " is set, which makes claude skip hooks, and Warden's hooks are how it"
                        + " judges what Claude Code does under `warden run`; unset it and run again");
            }
        }
        return java.util.Optional.empty();
    }

    /** POSIX shell single quotes. */
    static String quote(String word) {
        return "'" + word.replace("'", "'\\''") + "'";
    }
}
