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
 * A limit whose command is started on a {@link Spawner} station's thread, inside the station's cgroup: real processes
 * in real cgroups. Where the host gives Warden no cgroup, the limit must say so instead.
 */
class ProcessLimitTest {
    @Test
    void commandsOneAfterAnotherShareAStationsCgroupEmptiedBetweenThem() throws Exception {
        List<Path> seen = new ArrayList<>();
        long self = ProcessHandle.current().pid();
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
            seen.add(cgroup.directory());
            assertThat(new String(process.getInputStream().readNBytes(3), StandardCharsets.UTF_8)).isEqualTo("up\n");

            // The command's three processes, and of this JVM only the station's thread, which the limit counts.
            assertThat(cgroup.processes()).hasSize(4).contains(process.pid(), self);
            assertThat(jvmThreadsIn(cgroup)).hasSize(1);
            // Sixteen for the command and one for the station's thread. An earlier round's processes that were
            // killed but not reaped yet (orphans wait for the host's init) still count, and raise the limit as long
            // as they do: what may be alive at once stays at seventeen.
            assertThat(allowedAlive(cgroup)).isEqualTo(17);

            limit.close();
            assertThat(process.waitFor(10, TimeUnit.SECONDS)).isTrue();
            assertThat(cgroup.processes()).as("emptied for the next command").containsExactly(self);
            assertThat(ProcessHandle.current().isAlive()).isTrue();
        }
        assertThat(seen).as("no move and no new cgroup between commands").containsOnly(seen.get(0));
    }

    /**
     * While an earlier command's dead processes wait to be reaped, the limit is raised by their number at the start
     * and then only ever lowered: dead children the command leaves itself never buy it more.
     */
    @Test
    void theLimitIsNeverRaisedWhileACommandRuns() throws Exception {
        ProcessLimit earlier = ProcessLimit.forSpawn(8);
        Process first = spawn(earlier, "sleep 30 >/dev/null & sleep 30 >/dev/null & echo up; wait");
        assumeTrue(earlier.cgroup().isPresent(), "no pids cgroup on this host: " + earlier.note());
        assertThat(new String(first.getInputStream().readNBytes(3), StandardCharsets.UTF_8)).isEqualTo("up\n");
        earlier.close(); // its two sleeps are orphans now, dead, and counted until the host's init reaps them
        first.waitFor(10, TimeUnit.SECONDS);

        ProcessLimit limit = ProcessLimit.forSpawn(8);
        // Children that exit and are never waited for stay dead but counted, as long as the shell runs.
        Process process = spawn(limit, "for i in 1 2 3 4 5; do sleep 0.01 & done; echo up; exec sleep 30");
        PidsCgroup cgroup = limit.cgroup().orElseThrow();
        long atStart = Long.parseLong(Files.readString(cgroup.directory().resolve("pids.max")).strip());
        assertThat(new String(process.getInputStream().readNBytes(3), StandardCharsets.UTF_8)).isEqualTo("up\n");
        for (int i = 0; i < 40; i++) {
            long now = Long.parseLong(Files.readString(cgroup.directory().resolve("pids.max")).strip());
            assertThat(now).isBetween(9L, atStart);
            Thread.sleep(10);
        }
        limit.close();
        assertThat(process.waitFor(10, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void commandsRunningAtOnceHaveCgroupsOfTheirOwn() throws Exception {
        ProcessLimit first = ProcessLimit.forSpawn(4);
        Process one = spawn(first, "echo up; exec sleep 30");
        assumeTrue(first.cgroup().isPresent(), "no pids cgroup on this host: " + first.note());
        ProcessLimit second = ProcessLimit.forSpawn(4);
        Process two = spawn(second, "echo up; exec sleep 30");
        assertThat(new String(one.getInputStream().readNBytes(3), StandardCharsets.UTF_8)).isEqualTo("up\n");
        assertThat(new String(two.getInputStream().readNBytes(3), StandardCharsets.UTF_8)).isEqualTo("up\n");

        assertThat(second.cgroup().get().directory()).isNotEqualTo(first.cgroup().get().directory());
        assertThat(first.cgroup().get().processes()).contains(one.pid()).doesNotContain(two.pid());
        assertThat(second.cgroup().get().processes()).contains(two.pid()).doesNotContain(one.pid());
        first.close();
        second.close();
        assertThat(one.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(two.waitFor(10, TimeUnit.SECONDS)).isTrue();
    }

    /** Many at once, from virtual threads as the MCP server and the daemon start them: each its own cgroup, none left. */
    @Test
    void manyCommandsAtOnceEachGetAStationAndGiveItBack() throws Exception {
        int commands = 12;
        List<ProcessLimit> limits = new ArrayList<>();
        List<Process> processes = new ArrayList<>();
        List<Thread> starters = new ArrayList<>();
        for (int i = 0; i < commands; i++) {
            ProcessLimit limit = ProcessLimit.forSpawn(4);
            limits.add(limit);
            processes.add(null);
            int index = i;
            starters.add(Thread.ofVirtual().start(() -> {
                try {
                    Process process = spawn(limit, "echo up; exec sleep 30");
                    synchronized (processes) {
                        processes.set(index, process);
                    }
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }));
        }
        for (Thread starter : starters) {
            starter.join();
        }
        assumeTrue(limits.get(0).cgroup().isPresent(), "no pids cgroup on this host: " + limits.get(0).note());
        for (Process process : processes) {
            assertThat(new String(process.getInputStream().readNBytes(3), StandardCharsets.UTF_8)).isEqualTo("up\n");
        }
        assertThat(limits.stream().map(l -> l.cgroup().orElseThrow().directory()).distinct()).hasSize(commands);
        for (int i = 0; i < commands; i++) {
            assertThat(limits.get(i).cgroup().orElseThrow().processes()).contains(processes.get(i).pid());
        }
        for (int i = 0; i < commands; i++) {
            limits.get(i).close();
            assertThat(processes.get(i).waitFor(10, TimeUnit.SECONDS)).isTrue();
        }
        // Stations kept for later hold this JVM's thread only; the rest went home and their cgroups are gone.
        Path parent = limits.get(0).cgroup().orElseThrow().directory().getParent();
        String mine = "warden-" + ProcessHandle.current().pid() + "-";
        try (Stream<Path> left = Files.list(parent)) {
            List<Path> kept = left.filter(p -> p.getFileName().toString().startsWith(mine)).toList();
            assertThat(kept.size()).isLessThanOrEqualTo(8);
            for (Path dir : kept) {
                assertThat(Files.readAllLines(dir.resolve("cgroup.procs"))).containsExactly(
                        Long.toString(ProcessHandle.current().pid()));
            }
        }
    }

    /**
     * Regression: the JDK's process-reaper threads, started by a ProcessBuilder launch on a thread that sat in a
     * command's cgroup, were born there: they counted against that command's limit and outlived it. Only the station's
     * own thread may be in a station's cgroup.
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
        PidsCgroup cgroup = next.cgroup().orElseThrow();
        assertThat(jvmThreadsIn(cgroup)).as("of this JVM, only the station's thread").hasSize(1);
        assertThat(cgroup.processes()).containsExactlyInAnyOrder(two.pid(), ProcessHandle.current().pid());
        next.close();
        assertThat(two.waitFor(10, TimeUnit.SECONDS)).isTrue();
        started.waitFor();
        made.close();
    }

    /** pids.max less the tasks it counts that are not alive any more; retried while the limit is being tightened. */
    private static long allowedAlive(PidsCgroup cgroup) throws Exception {
        long allowed = -1;
        for (int attempt = 0; attempt < 200; attempt++) {
            long max = Long.parseLong(Files.readString(cgroup.directory().resolve("pids.max")).strip());
            long dead = cgroup.counted() - cgroup.liveTasks();
            allowed = max - dead;
            if (allowed == 17) {
                return allowed;
            }
            Thread.sleep(10);
        }
        return allowed;
    }

    /** This JVM's threads in the cgroup (cgroup v1 lists every task in {@code tasks}). */
    private static List<String> jvmThreadsIn(PidsCgroup cgroup) throws IOException {
        return Files.readAllLines(cgroup.directory().resolve("tasks")).stream()
                .filter(tid -> Files.exists(Path.of("/proc/self/task", tid.strip()))).toList();
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
        // The note names the station's cgroup; any other station's sits beside it.
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
