package dev.warden.cli;

import dev.warden.policy.LoadedPolicy;
import dev.warden.policy.PolicyLoader;
import dev.warden.policy.config.ConfigException;
import dev.warden.policy.config.ConfigRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/** The top-level {@code warden} command; holds the global options every subcommand inherits. */
@Command(
        name = "warden",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {
            "Run AI coding agents inside a kernel-enforced sandbox, with command rules, approvals and an audit trail.",
            ""
        },
        subcommands = {
            AuditCommand.class,
            CheckCommand.class,
            DaemonCommand.class,
            DemoCommand.class,
            ExecCommand.class,
            HookCommand.class,
            InstallCommand.class,
            UninstallCommand.class,
            McpCommand.class,
            RunCommand.class,
            DoctorCommand.class,
            ConfigCommand.class,
            TrustCommand.class,
            UntrustCommand.class,
        },
        footer = {"", "Environment:",
            "  WARDEN_HOME        per-user state and config (default ~/.warden)",
            "  WARDEN_SYSTEM_DIR  system config and administrator requirements (default /etc/warden)",
            "", ExitCodes.HELP})
final class WardenCommand implements Runnable {

    @Option(names = "--profile", paramLabel = "NAME", scope = ScopeType.INHERIT,
            description = "Apply [profiles.NAME] from the configuration.")
    String profile;

    @Option(names = "-c", paramLabel = "KEY=VALUE", scope = ScopeType.INHERIT,
            description = "Override a configuration key (repeatable). VALUE is parsed as TOML; a bare word is a string.")
    List<String> overrides = new ArrayList<>();

    @Option(names = "--cwd", paramLabel = "DIR", scope = ScopeType.INHERIT,
            description = "Act as if started in DIR (finds the project and its .warden/ from there).")
    Path cwd;

    @Option(names = "--debug", scope = ScopeType.INHERIT,
            description = "Show stack traces and internal details on errors.")
    boolean debug;

    @Spec
    CommandSpec spec;

    final WardenPaths paths = WardenPaths.fromEnvironment(System.getenv());

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "missing a command");
    }

    Path workingDirectory() {
        Path dir = (cwd == null ? Path.of("") : cwd).toAbsolutePath().normalize();
        if (!Files.isDirectory(dir)) {
            throw new UserError("--cwd " + dir + ": not a directory");
        }
        return dir;
    }

    ConfigRequest configRequest() {
        return new ConfigRequest(paths.home(), paths.systemDir(), workingDirectory(),
                Optional.ofNullable(profile), List.copyOf(overrides));
    }

    LoadedPolicy loadPolicy() {
        try {
            return PolicyLoader.load(configRequest());
        } catch (ConfigException e) {
            throw new UserError(e.getMessage());
        }
    }
}
