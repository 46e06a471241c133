package dev.warden.bench;

import dev.warden.policy.LoadedPolicy;
import dev.warden.policy.PolicyLoader;
import dev.warden.policy.config.ConfigException;
import dev.warden.policy.config.ConfigRequest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A realistic policy loaded once through the real loader: a Warden home with a small team rules file, an
 * empty system directory, a git project, and {@code approval_policy = untrusted} from the command line
 * (the strictest policy, so the heuristics run on every segment no rule decides).
 */
final class BenchPolicy implements AutoCloseable {
    /** The same kind of rules a team writes: read-only git allowed, remote and deletion gated. */
    static final String RULES = """
            # Benchmark rules: what a team's default.rules typically holds.
            prefix_rule(
                pattern = ["git", ["status", "log", "diff", "show", "branch"]],
                decision = "allow",
                justification = "Read-only inspection of the repository.",
                match = ["git status", "git log --oneline -5"],
                not_match = ["git -C other status", "git commit -m wip"],
            )
            prefix_rule(
                pattern = ["git", ["push", "fetch", "pull"]],
                decision = "prompt",
                justification = "Talks to the remote; check the branch and remote first.",
            )
            prefix_rule(
                pattern = ["npm", ["test", "run"]],
                decision = "allow",
                justification = "The project's own scripts run inside the sandbox.",
            )
            prefix_rule(
                pattern = [["curl", "wget"]],
                decision = "prompt",
                justification = "Downloads need a person to look at the URL.",
            )
            prefix_rule(
                pattern = ["rm", ["-rf", "-fr", "-r"]],
                decision = "forbidden",
                justification = "Use trash-put instead, so deletions can be undone.",
            )
            """;

    final Path root;
    final Path home;
    final Path system;
    final Path project;
    final LoadedPolicy loaded;

    BenchPolicy() {
        try {
            root = Files.createTempDirectory("warden-bench-policy-");
            home = Files.createDirectories(root.resolve("warden-home"));
            system = Files.createDirectories(root.resolve("system"));
            project = Files.createDirectories(root.resolve("project"));
            Files.createDirectories(project.resolve(".git"));
            Files.createDirectories(home.resolve("rules"));
            Files.writeString(home.resolve("rules").resolve("default.rules"), RULES);
            loaded = PolicyLoader.load(new ConfigRequest(home, system, project, Optional.empty(),
                    List.of("approval_policy=untrusted")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (ConfigException e) {
            throw new IllegalStateException("benchmark policy does not load: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        try (Stream<Path> walk = Files.walk(root)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // A temporary directory left behind is harmless.
        }
    }
}
