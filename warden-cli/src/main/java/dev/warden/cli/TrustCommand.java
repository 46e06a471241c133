package dev.warden.cli;

import dev.warden.cli.line.CommandSpec;
import dev.warden.cli.line.ParsedLine;
import dev.warden.cli.line.Positional;
import dev.warden.policy.config.TrustStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code warden trust [DIR]}: let a project's own .warden/ configuration and rules apply. */
final class TrustCommand implements Callable<Integer> {
    static CommandSpec spec() {
        return CommandSpec.named("trust")
                .description(
                        "Trust the project containing DIR (default: the current directory), so its .warden/config.toml",
                        "and .warden/rules/ apply. Only trust projects whose configuration you have read: a project's",
                        "configuration can loosen what agents may do there.")
                .positional(Positional.optional("DIR", "A directory inside the project."))
                .runs(line -> new TrustCommand(line).call());
    }

    private final WardenCommand root;
    private final Path dir;

    private TrustCommand(ParsedLine line) {
        root = new WardenCommand(line);
        dir = line.positional().map(Path::of).orElse(null);
    }

    @Override
    public Integer call() throws IOException {
        Path target = resolve(root, dir);
        new TrustStore(root.paths.home()).trust(target);
        System.out.println("trusted " + target);
        return ExitCodes.OK;
    }

    static Path resolve(WardenCommand root, Path dir) {
        Path target = dir == null ? root.workingDirectory() : root.workingDirectory().resolve(dir).normalize();
        if (!Files.isDirectory(target)) {
            throw new UserError(target + ": not a directory");
        }
        return target;
    }
}
