package dev.warden.cli;

import dev.warden.agents.daemon.Daemon;
import dev.warden.agents.daemon.DaemonClient;
import dev.warden.agents.daemon.DaemonFiles;
import dev.warden.agents.daemon.DaemonInfo;
import dev.warden.cli.line.CommandSpec;
import dev.warden.cli.line.OptionSpec;
import dev.warden.cli.line.ParsedLine;
import dev.warden.cli.line.ValueType;
import dev.warden.core.json.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** {@code warden daemon [run|start|status|stop]}: the long-lived per-user process that answers hooks in about a millisecond. */
final class DaemonCommand {
    private DaemonCommand() {}

    static CommandSpec spec() {
        return CommandSpec.named("daemon")
                .description("Run Warden's per-user daemon (in the foreground without a subcommand).",
                        "It keeps the policies loaded (reloading them when their files change; a broken file keeps the",
                        "previous policy and shows the error in `warden daemon status`), and answers hook calls on",
                        "$WARDEN_HOME/run/daemon.sock (0600) and on 127.0.0.1 HTTP with the bearer token in",
                        "$WARDEN_HOME/daemon.json (0600). `warden hook` uses it when it runs and works without it.",
                        "The first `warden exec -- CMD` of a session starts one with --idle-exit 1800 (docs/DAEMON.md).")
                .option(IDLE_EXIT)
                .subcommands(DaemonCommand::subcommand, "start", "status", "stop")
                .runs(line -> runInForeground(new WardenCommand(line), idleExit(line)));
    }

    /** Stop after this many seconds without a request; inherited, so {@code daemon start --idle-exit N} passes it on. */
    static final OptionSpec IDLE_EXIT = OptionSpec.value("SECONDS", "Stop after SECONDS with no request on any door, no"
            + " command running through the exec door and no hook session open (default 0: never).", "--idle-exit")
            .as(ValueType.LONG).inherited();

    private static Duration idleExit(ParsedLine line) {
        long seconds = line.longInteger("--idle-exit", 0);
        if (seconds < 0) {
            throw line.usageError("--idle-exit: seconds must be 0 (never) or more, not " + seconds);
        }
        return Duration.ofSeconds(seconds);
    }

    private static CommandSpec subcommand(String name) {
        return switch (name) {
            case "start" -> CommandSpec.named("start")
                    .description("Start the daemon in the background (no-op when it already runs); logs to"
                            + " $WARDEN_HOME/daemon.log.")
                    .runs(line -> {
                        idleExit(line); // a bad value stops here, not in the background
                        return Start.call(new WardenCommand(line));
                    });
            case "status" -> CommandSpec.named("status")
                    .description("Show whether the daemon runs, where it listens, and the last configuration reload"
                            + " error. Exits 1 when none runs.")
                    .runs(line -> Status.call(new WardenCommand(line)));
            case "stop" -> CommandSpec.named("stop")
                    .description("Stop the daemon (no-op when none runs).")
                    .runs(line -> Stop.call(new WardenCommand(line)));
            default -> throw new IllegalArgumentException(name);
        };
    }

    static int runInForeground(WardenCommand root, Duration idleExit) throws InterruptedException {
        Daemon daemon;
        try {
            daemon = Daemon.start(root.paths.home(), root.paths.systemDir(), VersionProvider.version(),
                    System.getProperty("warden.build", "dev"), idleExit,
                    message -> System.err.println("warden: daemon: " + message));
        } catch (Daemon.AlreadyRunning e) {
            System.err.println("warden: " + e.getMessage());
            return ExitCodes.REFUSED;
        } catch (IOException e) {
            throw new UserError("cannot start the daemon: " + e.getMessage());
        }
        Runtime.getRuntime().addShutdownHook(new Thread(daemon::close, "warden-daemon-shutdown"));
        String stamp = System.getProperty("warden.stamp");
        String build = System.getProperty("warden.build", "dev");
        if (stamp != null && !stamp.isBlank() && !build.equals("dev")) {
            daemon.stopWhenReplaced(Path.of(stamp), build, Duration.ofSeconds(5));
        }
        System.err.println("warden: daemon " + daemon.info().pid() + " listening on " + daemon.info().url()
                + " and " + new DaemonFiles(root.paths.home()).socket());
        daemon.awaitStop();
        return ExitCodes.OK;
    }

    /** {@code warden daemon start}: the daemon in the background, its output in {@code $WARDEN_HOME/daemon.log}. */
    static final class Start {
        private Start() {}

        static int call(WardenCommand root) throws IOException, InterruptedException {
            DaemonFiles files = new DaemonFiles(root.paths.home());
            Optional<DaemonInfo> running = DaemonInfo.readLive(files.info());
            if (running.isPresent()) {
                System.out.println("warden: daemon already running (pid " + running.get().pid() + ")");
                return ExitCodes.OK;
            }
            Files.createDirectories(root.paths.home());
            ProcessBuilder builder = new ProcessBuilder(foregroundCommand())
                    .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(files.log().toFile()))
                    .redirectErrorStream(true);
            Process process = builder.start();
            long deadline = System.currentTimeMillis() + 30_000;
            while (System.currentTimeMillis() < deadline) {
                Optional<DaemonInfo> info = DaemonInfo.readLive(files.info());
                if (info.isPresent()) {
                    System.out.println("warden: daemon started (pid " + info.get().pid() + ", " + info.get().url() + ")");
                    return ExitCodes.OK;
                }
                if (!process.isAlive() && !DaemonAutostart.lockHeld(files)) {
                    // (Exited while another daemon holds the lock: that one is starting, its file comes next.)
                    throw new UserError("the daemon exited with status " + process.exitValue() + "; see " + files.log());
                }
                Thread.sleep(50);
            }
            process.destroy();
            throw new UserError("the daemon did not start within 30 s; see " + files.log());
        }

        /** This very JVM's command line with {@code daemon start} replaced by {@code daemon}, in a session of its own. */
        private static List<String> foregroundCommand() {
            ProcessHandle.Info info = ProcessHandle.current().info();
            List<String> command = new ArrayList<>();
            if (Files.isExecutable(Path.of("/usr/bin/setsid"))) {
                command.add("/usr/bin/setsid"); // away from the terminal's process group and its hangup
            }
            command.add(info.command().orElseThrow(() -> new UserError("cannot tell how this JVM was started")));
            List<String> arguments = new ArrayList<>(List.of(info.arguments().orElse(new String[0])));
            int start = arguments.lastIndexOf("start");
            if (start < 1 || !arguments.get(start - 1).equals("daemon")) {
                throw new UserError("cannot tell how this JVM was started; run `warden daemon` in the background instead");
            }
            arguments.remove(start);
            command.addAll(arguments);
            return command;
        }
    }

    static final class Status {
        private Status() {}

        static int call(WardenCommand root) throws IOException {
            Optional<DaemonClient> client = DaemonClient.find(root.paths.home());
            if (client.isEmpty()) {
                System.out.println("warden: no daemon running for " + root.paths.home());
                return ExitCodes.REFUSED;
            }
            System.out.println(Json.pretty(client.get().status()));
            return ExitCodes.OK;
        }
    }

    static final class Stop {
        private Stop() {}

        static int call(WardenCommand root) throws IOException, InterruptedException {
            DaemonFiles files = new DaemonFiles(root.paths.home());
            Optional<DaemonInfo> info = DaemonInfo.readLive(files.info());
            Optional<DaemonClient> client = DaemonClient.find(root.paths.home());
            if (info.isEmpty() || client.isEmpty()) {
                System.out.println("warden: no daemon running");
                return ExitCodes.OK;
            }
            client.get().stop();
            Optional<ProcessHandle> process = ProcessHandle.of(info.get().pid());
            long deadline = System.currentTimeMillis() + 10_000;
            while (process.map(ProcessHandle::isAlive).orElse(false) && System.currentTimeMillis() < deadline) {
                Thread.sleep(50);
            }
            System.out.println("warden: daemon stopped");
            return ExitCodes.OK;
        }
    }
}
