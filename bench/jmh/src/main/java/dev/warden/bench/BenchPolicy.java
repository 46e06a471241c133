package dev.warden.bench;

import dev.warden.policy.LoadedPolicy;
import dev.warden.policy.PolicyLoader;
import dev.warden.policy.config.ConfigException;
import dev.warden.policy.config.ConfigRequest;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
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
    /**
     * The rules file both sides of the whole-process comparison load (bench/check-process.sh hands the same
     * file to {@code codex execpolicy check}): read-only git allowed, remote and deletion gated.
     */
    static final String RULES_RESOURCE = "default.rules";

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
            Files.writeString(home.resolve("rules").resolve("default.rules"), rules());
            loaded = PolicyLoader.load(new ConfigRequest(home, system, project, Optional.empty(),
                    List.of("approval_policy=untrusted")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (ConfigException e) {
            throw new IllegalStateException("benchmark policy does not load: " + e.getMessage(), e);
        }
    }

    static String rules() throws IOException {
        try (InputStream in = BenchPolicy.class.getResourceAsStream(RULES_RESOURCE)) {
            if (in == null) {
                throw new IOException("resource " + RULES_RESOURCE + " missing from the benchmark jar; rebuild it");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
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
