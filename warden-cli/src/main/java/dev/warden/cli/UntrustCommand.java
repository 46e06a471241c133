package dev.warden.cli;

import dev.warden.policy.config.TrustStore;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code warden untrust [DIR]}: stop applying a project's own configuration. */
@Command(name = "untrust", mixinStandardHelpOptions = true,
        description = "Stop trusting the project containing DIR (default: the current directory); its .warden/ files are then reported, not applied.")
final class UntrustCommand implements Callable<Integer> {
    @ParentCommand
    WardenCommand root;

    @Parameters(arity = "0..1", paramLabel = "DIR", description = "A directory inside the project.")
    Path dir;

    @Override
    public Integer call() throws IOException {
        Path target = TrustCommand.resolve(root, dir);
        new TrustStore(root.paths.home()).untrust(target);
        System.out.println("untrusted " + target);
        return ExitCodes.OK;
    }
}
