package dev.warden.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** When the first {@code warden exec} starts no daemon; AgentsIT.execAutostart starts one for real. */
class DaemonAutostartTest {
    @TempDir
    Path root;

    final Map<String, String> environment = new HashMap<>();

    @BeforeEach
    void launcher() throws Exception {
        Path launcher = Files.writeString(root.resolve("warden"), "#!/bin/sh\nexit 0\n");
        Files.setPosixFilePermissions(launcher, PosixFilePermissions.fromString("rwx------"));
        environment.put("WARDEN_LAUNCHER", launcher.toString());
    }

    @Test
    void theLaunchersOwnRunStartsOne() {
        assertThat(DaemonAutostart.refusal(environment)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "off", "OFF", "false", "no", " no "})
    void theSwitchTurnsItOff(String value) {
        environment.put("WARDEN_DAEMON_AUTOSTART", value);
        assertThat(DaemonAutostart.refusal(environment)).hasValueSatisfying(why -> assertThat(why).contains("AUTOSTART"));
    }

    @Test
    void anyOtherValueOfTheSwitchLeavesItOn() {
        environment.put("WARDEN_DAEMON_AUTOSTART", "1");
        assertThat(DaemonAutostart.refusal(environment)).isEmpty();
    }

    @Test
    void notFromInsideASandbox() {
        environment.put("WARDEN_SANDBOX", "1");
        assertThat(DaemonAutostart.refusal(environment)).hasValue("inside a Warden sandbox");
    }

    @Test
    void notWithoutALauncherThatCanRun() throws Exception {
        Map<String, String> relative = new HashMap<>(Map.of("WARDEN_LAUNCHER", "warden"));
        Map<String, String> missing = new HashMap<>(Map.of("WARDEN_LAUNCHER", root.resolve("gone").toString()));
        Path plain = Files.writeString(root.resolve("not-executable"), "");
        Map<String, String> notExecutable = new HashMap<>(Map.of("WARDEN_LAUNCHER", plain.toString()));
        for (Map<String, String> env : java.util.List.of(Map.<String, String>of(), relative, missing, notExecutable)) {
            assertThat(DaemonAutostart.refusal(env)).as("%s", env).hasValue("not started by the launcher");
        }
    }

    @Test
    void nothingIsStartedWhileADaemonHoldsItsLock() throws Exception {
        Path home = Files.createDirectories(root.resolve("home"));
        var files = new dev.warden.agents.daemon.DaemonFiles(home);
        files.prepare();
        try (var channel = java.nio.channels.FileChannel.open(files.lock(), java.nio.file.StandardOpenOption.CREATE,
                java.nio.file.StandardOpenOption.WRITE); var lock = channel.lock()) {
            assertThat(DaemonAutostart.start(home, environment)).isFalse();
        }
        assertThat(files.log()).doesNotExist();
    }
}
