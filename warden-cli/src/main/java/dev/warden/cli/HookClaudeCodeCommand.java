package dev.warden.cli;

import dev.warden.agents.daemon.DaemonClient;
import dev.warden.agents.hook.HookAnswer;
import dev.warden.agents.hook.HookPayload;
import dev.warden.agents.hook.RunSessions;
import dev.warden.agents.hook.StandaloneHook;
import dev.warden.agents.run.ClaudeCodeRun;
import dev.warden.cli.line.CommandSpec;
import dev.warden.cli.line.OptionSpec;
import dev.warden.cli.line.ParsedLine;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * {@code warden hook claude-code}: Claude Code's hook protocol (https://code.claude.com/docs/en/hooks). Asks the
 * running daemon when there is one (about a millisecond), else decides here. Every failure, Warden's own included,
 * exits 2 with the reason on stderr: Claude Code treats any other failure as "proceed".
 */
final class HookClaudeCodeCommand implements Callable<Integer> {
    static CommandSpec spec() {
        return CommandSpec.named("claude-code")
                .description("Answer one Claude Code hook call: the JSON payload on stdin, the documented answer on"
                                + " stdout.",
                        "PreToolUse gets allow, ask or deny from the policy; UserPromptSubmit, PostToolUse, SessionStart,",
                        "SessionEnd and Stop are recorded in the audit trail. Outside `warden run` only known-safe or",
                        "rule-allowed commands are allowed (nothing Claude Code runs is sandboxed there); the rest is asked.",
                        "Exits 2 with the reason on stderr for any input or internal error (fail closed).")
                .option(OptionSpec.flag("Decide in this process even when `warden daemon` runs, and start no daemon."
                        + " Without it a running daemon answers (the launcher's python client asks it without starting a"
                        + " JVM), and when none runs this call starts one in the background for the next ones (it stops"
                        + " after 30 idle minutes; WARDEN_DAEMON_AUTOSTART=0 turns that off; docs/DAEMON.md).",
                        "--no-daemon"))
                .footer("", "Install with: warden install claude-code [--project|--user]")
                .runs(line -> new HookClaudeCodeCommand(line).call());
    }

    private final ParsedLine line;

    private HookClaudeCodeCommand(ParsedLine line) {
        this.line = line;
    }

    @Override
    public Integer call() {
        PrintStream out = new PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.out), true, StandardCharsets.UTF_8);
        HookAnswer answer;
        try {
            WardenCommand root = new WardenCommand(line);
            String payload = readPayload(System.in);
            Optional<String> session = Optional.ofNullable(System.getenv(RunSessions.ENVIRONMENT));
            String runSocket = System.getenv(ClaudeCodeRun.SOCKET_VARIABLE);
            if (runSocket != null && !runSocket.isBlank()) {
                // Installed hooks run inside `warden run -- claude` too, where WARDEN_HOME is read-only and the
                // daemon out of reach: the run's own hook server answers, or the call is blocked.
                answer = DaemonClient.at(Path.of(runSocket)).flatMap(client -> client.claudeCodeHook(payload, session))
                        .orElseGet(() -> HookAnswer.failClosed("cannot reach the hook server of `warden run` at "
                                + runSocket + " (" + ClaudeCodeRun.SOCKET_VARIABLE + "); blocking this call"));
                return print(out, answer);
            }
            // The daemon holds only the default layers; a plain call (no option at all) is worth starting one for.
            boolean daemonMayAnswer = !line.flag("--no-daemon") && root.profile == null && root.overrides.isEmpty();
            boolean plainForm = daemonMayAnswer && root.cwd == null && !root.debug;
            Optional<HookAnswer> fromDaemon = daemonMayAnswer
                    ? DaemonClient.find(root.paths.home()).flatMap(client -> client.claudeCodeHook(payload, session))
                    : Optional.empty();
            answer = fromDaemon.orElseGet(() -> StandaloneHook.answer(payload, root.paths.home(), root.paths.systemDir(),
                    Optional.ofNullable(root.profile), root.overrides, System.getenv(), VersionProvider.version(),
                    System.err));
            if (fromDaemon.isEmpty() && plainForm) {
                // The next call (Claude Code makes several per tool call) goes to the daemon: 0.04 s instead of 0.35.
                DaemonAutostart.startQuietly(root.paths.home());
            }
        } catch (IOException | RuntimeException e) {
            answer = HookAnswer.failClosed("internal error: " + e);
        }
        return print(out, answer);
    }

    private static int print(PrintStream out, HookAnswer answer) {
        out.print(answer.stdout());
        out.flush();
        System.err.print(answer.stderr());
        System.err.flush();
        return answer.exitStatus();
    }

    private static String readPayload(InputStream in) throws IOException {
        byte[] bytes = in.readNBytes(HookPayload.MAX_BYTES + 1);
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
