package dev.warden.cli;

import dev.warden.cli.line.CommandSpec;
import dev.warden.cli.line.ParsedLine;
import dev.warden.cli.line.Positional;
import dev.warden.policy.config.TrustStore;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code warden untrust [DIR]}: stop applying a project's own configuration. */
final class UntrustCommand implements Callable<Integer> {
    static CommandSpec spec() {
        return CommandSpec.named("untrust")
                .description("Stop trusting the project containing DIR (default: the current directory); its .warden/"
                        + " files are then reported, not applied.")
                .positional(Positional.optional("DIR", "A directory inside the project."))
                .runs(line -> new UntrustCommand(line).call());
    }

    private final WardenCommand root;
    private final Path dir;

    private UntrustCommand(ParsedLine line) {
        root = new WardenCommand(line);
        dir = line.positional().map(Path::of).orElse(null);
    }

    @Override
    public Integer call() throws IOException {
        Path target = TrustCommand.resolve(root, dir);
        new TrustStore(root.paths.home()).untrust(target);
        System.out.println("untrusted " + target);
        return ExitCodes.OK;
    }
}
