package dev.warden.policy;

import dev.warden.core.Action;
import dev.warden.core.Verdict;
import dev.warden.policy.config.ConfigException;
import dev.warden.policy.config.ConfigRequest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** A real Warden home, system dir and git project on disk, loaded through the real loader. */
final class PolicyFixture {
    final Path home;
    final Path system;
    final Path project;
    private final List<String> overrides = new ArrayList<>();

    PolicyFixture(Path root) {
        try {
            home = Files.createDirectories(root.resolve("warden-home"));
            system = Files.createDirectories(root.resolve("system"));
            project = Files.createDirectories(root.resolve("project"));
            Files.createDirectories(project.resolve(".git"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    PolicyFixture with(String override) {
        overrides.add(override);
        return this;
    }

    PolicyFixture userConfig(String toml) {
        return write(home.resolve("config.toml"), toml);
    }

    PolicyFixture userRules(String name, String text) {
        return write(home.resolve("rules").resolve(name), text);
    }

    PolicyFixture requirements(String toml) {
        return write(system.resolve("requirements.toml"), toml);
    }

    private PolicyFixture write(Path file, String text) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    LoadedPolicy load() throws ConfigException {
        return PolicyLoader.load(new ConfigRequest(home, system, project, Optional.empty(), List.copyOf(overrides)));
    }

    PolicyEngine engine() {
        try {
            return new PolicyEngine(load().policy());
        } catch (ConfigException e) {
            throw new AssertionError(e.getMessage(), e);
        }
    }

    Verdict check(String... argv) {
        return engine().evaluate(new Action.Exec(List.of(argv), project));
    }

    Verdict script(String script) {
        return check("bash", "-lc", script);
    }
}
