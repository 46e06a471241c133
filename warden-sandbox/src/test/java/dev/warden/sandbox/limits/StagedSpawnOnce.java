package dev.warden.sandbox.limits;

import dev.warden.sandbox.Stdio;
import dev.warden.sandbox.spawn.PosixSpawn;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A JVM that starts one limited command the way a bwrap sandbox is started, waits for it, closes its limit and
 * exits, printing its own pid first: {@link ProcessLimitTest} then looks for any cgroup it left behind.
 */
public final class StagedSpawnOnce {
    private StagedSpawnOnce() {}

    public static void main(String[] args) throws Exception {
        System.out.println(ProcessHandle.current().pid());
        ProcessLimit limit = ProcessLimit.forSpawn(8);
        PosixSpawn.Prepared prepared = PosixSpawn.prepare(new PosixSpawn.Request(List.of("/bin/true"),
                Map.of("PATH", "/usr/bin:/bin"), Path.of("/"), Stdio.pipes(), List.of(), true));
        Process process = prepared.started(limit.spawn(prepared::spawnHere));
        process.waitFor();
        limit.close();
        System.out.println(limit.note());
    }
}
