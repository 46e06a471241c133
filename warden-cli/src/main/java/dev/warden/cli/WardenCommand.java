package dev.warden.cli;

import dev.warden.cli.line.CommandSpec;
import dev.warden.cli.line.OptionSpec;
import dev.warden.cli.line.ParsedLine;
import dev.warden.cli.line.ValueType;
import dev.warden.policy.LoadedPolicy;
import dev.warden.policy.PolicyLoader;
import dev.warden.policy.config.ConfigException;
import dev.warden.policy.config.ConfigRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** The top-level {@code warden} command; holds the global options every subcommand inherits. */
final class WardenCommand {

    static CommandSpec spec() {
        return CommandSpec.named("warden")
                .description("Run AI coding agents inside a kernel-enforced sandbox, with command rules, approvals and an"
                        + " audit trail.")
                .option(OptionSpec.value("NAME", "Apply [profiles.NAME] from the configuration.", "--profile")
                        .inherited())
                .option(OptionSpec.value("KEY=VALUE", "Override a configuration key (repeatable). VALUE is parsed as"
                        + " TOML; a bare word is a string.", "-c").repeatable().inherited())
                .option(OptionSpec.value("DIR", "Act as if started in DIR (finds the project and its .warden/ from"
                        + " there).", "--cwd").as(ValueType.PATH).inherited())
                .option(OptionSpec.flag("Show stack traces and internal details on errors.", "--debug").inherited())
                .subcommands(WardenCommand::subcommand, "audit", "check", "daemon", "demo", "exec", "hook", "install",
                        "uninstall", "mcp", "run", "doctor", "config", "trust", "untrust")
                .footer("", "Environment:",
                        "  WARDEN_HOME        per-user state and config (default ~/.warden)",
                        "  WARDEN_SYSTEM_DIR  system config and administrator requirements (default /etc/warden)",
                        "", ExitCodes.HELP)
                .version(VersionProvider::text)
                .runs(line -> {
                    throw line.usageError("missing a command");
                });
    }

    /** One switch, so that running {@code warden exec} builds (and loads) nothing of the other commands. */
    private static CommandSpec subcommand(String name) {
        return switch (name) {
            case "audit" -> AuditCommand.spec();
            case "check" -> CheckCommand.spec();
            case "daemon" -> DaemonCommand.spec();
            case "demo" -> DemoCommand.spec();
            case "exec" -> ExecCommand.spec();
            case "hook" -> HookCommand.spec();
            case "install" -> InstallCommand.spec();
            case "uninstall" -> UninstallCommand.spec();
            case "mcp" -> McpCommand.spec();
            case "run" -> RunCommand.spec();
            case "doctor" -> DoctorCommand.spec();
            case "config" -> ConfigCommand.spec();
            case "trust" -> TrustCommand.spec();
            case "untrust" -> UntrustCommand.spec();
            default -> throw new IllegalArgumentException(name);
        };
    }

    final String profile;
    final List<String> overrides;
    final Path cwd;
    final boolean debug;
    final WardenPaths paths = WardenPaths.fromEnvironment(System.getenv());

    /** The global options as given on {@code line}, before or after the subcommand's name. */
    WardenCommand(ParsedLine line) {
        this.profile = line.text("--profile").orElse(null);
        this.overrides = line.texts("-c");
        this.cwd = line.path("--cwd").orElse(null);
        this.debug = line.flag("--debug");
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
