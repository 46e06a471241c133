package dev.warden.cli;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The launcher's choice of JIT, through the very shell function it sources ({@code .mvn/jit-flags.sh}) run by
 * {@code /bin/sh}: C2 for the long-lived commands, C1 only for everything else, whatever the global options
 * before the command and whatever a value or the sandboxed command happens to be called.
 */
class LauncherJitFlagsTest {
    private static final Path SCRIPT = Path.of("..", ".mvn", "jit-flags.sh").toAbsolutePath().normalize();

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "daemon|c2",
            "daemon start|c2",
            "mcp|c2",
            "run -- claude|c2",
            "--profile safe-workspace run -- codex|c2",
            "-c approval_policy=never --cwd /tmp mcp|c2",
            "--debug daemon|c2",
            "exec -- true|c1",
            "exec -- run|c1",
            "check -- mcp|c1",
            "--profile run exec -- true|c1",
            "--cwd daemon check -- ls|c1",
            "-c mcp hook claude-code|c1",
            "--version|c1",
            "''|c1",
    })
    void longLivedCommandsGetC2(String line, String expected) throws Exception {
        List<String> command = new ArrayList<>(List.of("/bin/sh", "-c", ". \"$0\"; warden_jit_flags \"$@\"", SCRIPT.toString()));
        if (!line.isEmpty()) {
            command.addAll(List.of(line.split(" ")));
        }
        Process sh = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(sh.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertThat(sh.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(sh.exitValue()).isZero();
        assertThat(out).isEqualTo(expected.equals("c2") ? "" : "-XX:TieredStopAtLevel=1");
    }
}
