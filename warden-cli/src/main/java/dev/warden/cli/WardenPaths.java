package dev.warden.cli;

import java.nio.file.Path;
import java.util.Map;

/** Where Warden keeps per-user state and where administrators put system files; both relocatable for tests. */
record WardenPaths(Path home, Path systemDir) {

    static WardenPaths fromEnvironment(Map<String, String> env) {
        String home = env.get("WARDEN_HOME");
        String system = env.get("WARDEN_SYSTEM_DIR");
        Path userHome = Path.of(env.getOrDefault("HOME", System.getProperty("user.home")));
        return new WardenPaths(
                home == null || home.isBlank() ? userHome.resolve(".warden") : Path.of(home).toAbsolutePath(),
                system == null || system.isBlank() ? Path.of("/etc/warden") : Path.of(system).toAbsolutePath());
    }
}
