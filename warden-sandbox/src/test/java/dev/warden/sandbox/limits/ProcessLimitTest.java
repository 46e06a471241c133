package dev.warden.sandbox.limits;

import dev.warden.sandbox.Stdio;
import dev.warden.sandbox.spawn.PosixSpawn;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A limit whose command is started by the spawner thread waiting in the command's cgroup ({@link Spawner}):
 * real processes in real cgroups. Where the host gives Warden no cgroup, the limit must say so instead.
 */
class ProcessLimitTest {
    @Test
    void eachCommandGetsACgroupOfItsOwnThatTheSpawnerLeavesAndCloseRemoves() throws Exception {
        List<Path> seen = new ArrayList<>();
        for (int round = 0; round < 3; round++) {
            ProcessLimit limit = ProcessLimit.forSpawn(16);
            Process process = spawn(limit, "sleep 30 >/dev/null & sleep 30 >/dev/null & echo up; wait");
            String note = limit.note();
            if (limit.cgroup().isEmpty()) {
                assertThat(note).startsWith("no limit on process count: ");
                process.destroyForcibly();
                assumeTrue(false, "no pids cgroup on this host: " + note);
            }
            PidsCgroup cgroup = limit.cgroup().get();
            assertThat(note).startsWith("at most 16 processes at once (pids cgroup " + cgroup.directory());
            assertThat(seen).as("a fresh cgroup per command").doesNotContain(cgroup.directory());
            seen.add(cgroup.directory());
            assertThat(new String(process.getInputStream().readNBytes(3), StandardCharsets.UTF_8)).isEqualTo("up\n");

            // The spawner moves on right after the spawn: then only the command's three processes are left,
            // and the limit is back to what the command asked for.
            long self = ProcessHandle.current().pid();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (cgroup.processes().contains(self) && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            assertThat(cgroup.processes()).doesNotContain(self).hasSize(3).contains(process.pid());
            assertThat(Files.readString(cgroup.directory().resolve("pids.max")).strip()).isEqualTo("16");

            limit.close();
            assertThat(process.waitFor(10, TimeUnit.SECONDS)).isTrue();
            assertThat(cgroup.directory()).doesNotExist();
            assertThat(ProcessHandle.current().isAlive()).isTrue();
        }
    }

    /**
     * Regression: the JDK's process-reaper threads, started by a ProcessBuilder launch on the spawner thread while
     * it waited in the next command's cgroup, were born there: they counted against that command's limit, and its
     * cgroup could not be removed.
     */
    @Test
    void threadsStartedByOtherLaunchesNeverLandInACommandsCgroup() throws Exception {
        ProcessLimit first = ProcessLimit.forSpawn(16);
        Process one = spawn(first, "exit 0");
        assumeTrue(first.cgroup().isPresent(), "no pids cgroup on this host: " + first.note());
        one.waitFor();
        first.close();
        // What the shell trampoline and limits made at once do: a ProcessBuilder start on a spawning thread.
        ProcessLimit made = ProcessLimit.of(16);
        Process started = made.startOnSpawner(() -> new ProcessBuilder("/bin/sleep", "0.2").start());
        ProcessLimit next = ProcessLimit.forSpawn(16);
        Process two = spawn(next, "echo up; exec sleep 30");
        assertThat(new String(two.getInputStream().readNBytes(3), StandardCharsets.UTF_8)).isEqualTo("up\n");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        PidsCgroup cgroup = next.cgroup().orElseThrow();
        while (cgroup.processes().contains(ProcessHandle.current().pid()) && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertThat(cgroup.processes()).as("no thread of this JVM stays in the command's cgroup")
                .doesNotContain(ProcessHandle.current().pid()).containsExactly(two.pid());
        next.close();
        assertThat(cgroup.directory()).doesNotExist();
        started.waitFor();
        made.close();
    }

    @Test
    void theLimitCountsFromTheFirstForkAndStopsABomb() throws Exception {
        ProcessLimit limit = ProcessLimit.forSpawn(6);
        // dash gives up at its first failed fork, so the forking is left to a subshell; its sleeps stay behind.
        Process process = spawn(limit, "(i=0; while [ $i -lt 20 ]; do sleep 30 >/dev/null 2>&1 & i=$((i+1)); done)"
                + " 2>/dev/null; echo done; exec sleep 30");
        assumeTrue(limit.cgroup().isPresent(), "no pids cgroup on this host: " + limit.note());
        assertThat(new String(process.getInputStream().readNBytes(5), StandardCharsets.UTF_8)).isEqualTo("done\n");
        List<Long> inside = limit.cgroup().get().processes().stream()
                .filter(pid -> pid != ProcessHandle.current().pid()).toList();
        // Twenty sleeps were asked for; with the shell and the subshell counted, forks failed beyond six.
        assertThat(inside).hasSizeBetween(2, 6).contains(process.pid());
        limit.close();
        assertThat(process.waitFor(10, TimeUnit.SECONDS)).as("killed with its limit").isTrue();
    }

    @Test
    void aJvmThatExitsLeavesNoCgroupBehind() throws Exception {
        Process jvm = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"),
                StagedSpawnOnce.class.getName()).redirectErrorStream(true).start();
        String out = new String(jvm.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(jvm.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(jvm.exitValue()).as(out).isZero();
        String[] lines = out.strip().split("\n");
        String pid = lines[0].strip();
        assumeTrue(lines[lines.length - 1].startsWith("at most 8"), "no pids cgroup on this host: " + out);
        // The note names the command's cgroup; the one the spawner waited in afterwards sits beside it.
        String dirText = lines[lines.length - 1].replaceAll(".*\\(pids cgroup (.*)\\);.*", "$1");
        Path parent = Path.of(dirText).getParent();
        try (Stream<Path> left = Files.list(parent)) {
            assertThat(left.map(p -> p.getFileName().toString())).as("cgroups of pid " + pid + " in " + parent)
                    .noneMatch(name -> name.startsWith("warden-" + pid + "-"));
        }
    }

    /** Started the way BwrapBackend starts bwrap: prepared here, spawned on the spawner thread, watched from here. */
    private static Process spawn(ProcessLimit limit, String script) throws Exception {
        PosixSpawn.Prepared prepared = PosixSpawn.prepare(new PosixSpawn.Request(List.of("/bin/sh", "-c", script),
                Map.of("PATH", "/usr/bin:/bin"), Path.of("/"), Stdio.pipes(), List.of(), true));
        try {
            return prepared.started(limit.spawn(prepared::spawnHere));
        } catch (IOException | RuntimeException e) {
            prepared.abort();
            throw e;
        }
    }
}
