package dev.warden.sandbox.bwrap;

import dev.warden.sandbox.BwrapBackend;
import dev.warden.sandbox.SandboxCommand;
import dev.warden.sandbox.SandboxedProcess;
import dev.warden.sandbox.Stdio;
import dev.warden.sandbox.escape.Fixture;
import dev.warden.sandbox.spawn.Sessions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * bwrap started through the shell trampoline, seen from the host while it runs: what {@code PosixSpawn}
 * used to guarantee must still hold — a session of its own, nothing of the JVM's open files, no policy on
 * its command line, and (where the host gives Warden a pids cgroup) born inside the command's cgroup.
 */
class ShellLaunchTest {
    private final Fixture f = new Fixture();
    private SandboxedProcess sandbox;

    @AfterEach
    void tearDown() throws Exception {
        if (sandbox != null) {
            sandbox.process().destroy();
            sandbox.process().waitFor(10, TimeUnit.SECONDS);
        }
        f.close();
    }

    @Test
    void theMonitorRunsInASessionOfItsOwnWithOnlyWhatItNeeds() throws Exception {
        assertThat(ShellLaunch.available()).as("/bin/sh and util-linux setsid on this host").isTrue();
        sandbox = BwrapBackend.onPath().orElseThrow().withSpawn(BwrapBackend.Spawn.SHELL).launch(f.policy(),
                new SandboxCommand(List.of("/bin/sh", "-c", "echo started; exec sleep 30"), f.workspace, f.environment()),
                Stdio.pipes());
        byte[] line = sandbox.process().getInputStream().readNBytes(8);
        assertThat(new String(line, StandardCharsets.UTF_8)).isEqualTo("started\n");
        long monitor = sandbox.process().pid();

        assertThat(Files.readString(Path.of("/proc", Long.toString(monitor), "comm")).strip()).isEqualTo("bwrap");
        assertThat(Sessions.sessionOf(monitor)).as("its own session").isEqualTo(monitor)
                .isNotEqualTo(Sessions.sessionOf(ProcessHandle.current().pid()));
        String cmdline = Files.readString(Path.of("/proc", Long.toString(monitor), "cmdline")).replace('\0', ' ');
        assertThat(cmdline).as("the options travel through fd 4, not the world-readable command line")
                .startsWith(BwrapBackend.onPath().orElseThrow().executable() + " --args 4 -- /bin/sh -c")
                .doesNotContain("--ro-bind").doesNotContain(f.workspace.toString());
        try (var fds = Files.list(Path.of("/proc", Long.toString(monitor), "fd"))) {
            List<String> targets = fds.map(fd -> {
                try {
                    return Files.readSymbolicLink(fd).toString();
                } catch (java.io.IOException e) {
                    return "";
                }
            }).toList();
            assertThat(targets).as("nothing the JVM has open: no jar, no test report, no socket")
                    .noneMatch(t -> t.endsWith(".jar") || t.contains("surefire") || t.startsWith("socket:"));
        }
        String cgroups = Files.readString(Path.of("/proc", Long.toString(monitor), "cgroup"));
        String limit = sandbox.enforcement().limits().stream().filter(l -> l.startsWith("at most") || l.startsWith("no limit on process count")).findFirst().orElse("");
        if (limit.startsWith("at most")) {
            assertThat(cgroups).as("born inside the command's pids cgroup: " + limit).containsPattern(":pids:/.*warden-\\d+-\\d+");
        } else {
            assertThat(limit).as("no cgroup on this host, and the record says so").contains("no limit on process count");
        }
    }
}
