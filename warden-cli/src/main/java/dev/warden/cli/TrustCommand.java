package dev.warden.cli;

import dev.warden.policy.config.TrustStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code warden trust [DIR]}: let a project's own .warden/ configuration and rules apply. */
@Command(name = "trust", mixinStandardHelpOptions = true,
        description = {
            "Trust the project containing DIR (default: the current directory), so its .warden/config.toml",
            "and .warden/rules/ apply. Only trust projects whose configuration you have read: a project's",
            "configuration can loosen what agents may do there."})
final class TrustCommand implements Callable<Integer> {
    @ParentCommand
    WardenCommand root;

    @Parameters(arity = "0..1", paramLabel = "DIR", description = "A directory inside the project.")
    Path dir;

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
