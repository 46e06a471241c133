package dev.warden.policy.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A throw-away machine for loader tests: home, $WARDEN_HOME, system dir and a git project, all under one temp dir. */
final class Workspace {
    final Path root;
    final Path home;
    final Path wardenHome;
    final Path systemDir;
    final Path project;
    final Path tmpdir;

    Workspace(Path root) {
        try {
            this.root = root.toRealPath();
            this.home = Files.createDirectories(this.root.resolve("home"));
            this.wardenHome = Files.createDirectories(home.resolve(".warden"));
            this.systemDir = Files.createDirectories(this.root.resolve("etc-warden"));
            this.project = Files.createDirectories(this.root.resolve("src/project"));
            Files.createDirectories(project.resolve(".git"));
            this.tmpdir = Files.createDirectories(this.root.resolve("tmp"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Path write(Path file, String text) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, text);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Path system(String text) {
        return write(systemDir.resolve("config.toml"), text);
    }

    Path user(String text) {
        return write(wardenHome.resolve("config.toml"), text);
    }

    Path projectConfig(String text) {
        return write(project.resolve(".warden/config.toml"), text);
    }

    Path requirements(String text) {
        return write(systemDir.resolve("requirements.toml"), text);
    }

    Workspace trustProject() {
        try {
            new TrustStore(wardenHome).trust(project);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    Map<String, String> env() {
        return Map.of("HOME", home.toString(), "TMPDIR", tmpdir.toString());
    }

    ConfigRequest request(Optional<String> profile, String... overrides) {
        return new ConfigRequest(wardenHome, systemDir, project, profile, Arrays.asList(overrides));
    }

    LoadedConfig load(String... overrides) throws ConfigException {
        return ConfigLoader.load(request(Optional.empty(), overrides), env());
    }

    LoadedConfig loadProfile(String profile, String... overrides) throws ConfigException {
        return ConfigLoader.load(request(Optional.of(profile), overrides), env());
    }

    LoadedConfig loadFrom(Path cwd, String... overrides) throws ConfigException {
        return ConfigLoader.load(new ConfigRequest(wardenHome, systemDir, cwd, Optional.empty(), List.of(overrides)), env());
    }
}
