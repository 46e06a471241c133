package dev.warden.sandbox.spawn;

import org.junit.jupiter.api.Test;

import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Process descriptors on real processes: the handle kills the very process it was opened on and wakes on its exit. */
class PidfdsTest {
    @Test
    void killsTheProcessAndWakesWhenItExits() throws Exception {
        Process sleeper = new ProcessBuilder("sleep", "30").start();
        try {
            Pidfds.Opened opened = Pidfds.open(sleeper.pid());
            assumeTrue(!(opened instanceof Pidfds.Opened.Unsupported), "no process descriptors here: " + opened);
            int fd = ((Pidfds.Opened.Handle) opened).fd();
            try {
                assertThat(Pidfds.kill(fd)).isTrue();
                long start = System.nanoTime();
                Pidfds.awaitAnyExit(new int[] {fd}, 10_000);
                assertThat(System.nanoTime() - start).as("woken by the exit, not the timeout").isLessThan(5_000_000_000L);
                assertThat(sleeper.waitFor(5, TimeUnit.SECONDS)).isTrue();
                assertThat(sleeper.exitValue()).isEqualTo(128 + 9);
                // Reaped: the descriptor still stands for that process, so a kill can reach nothing else.
                assertThat(Pidfds.kill(fd)).isFalse();
            } finally {
                Pidfds.close(fd);
            }
        } finally {
            sleeper.destroyForcibly();
        }
    }

    @Test
    void aLiveProcessKeepsTheWaitToItsTimeout() throws Exception {
        Process sleeper = new ProcessBuilder("sleep", "30").start();
        try {
            Pidfds.Opened opened = Pidfds.open(sleeper.pid());
            assumeTrue(opened instanceof Pidfds.Opened.Handle, "no process descriptors here: " + opened);
            int fd = ((Pidfds.Opened.Handle) opened).fd();
            try {
                long start = System.nanoTime();
                Pidfds.awaitAnyExit(new int[] {fd}, 50);
                assertThat(System.nanoTime() - start).isGreaterThanOrEqualTo(45_000_000L);
                assertThat(sleeper.isAlive()).isTrue();
            } finally {
                Pidfds.close(fd);
            }
        } finally {
            sleeper.destroyForcibly().waitFor();
        }
    }

    @Test
    void aProcessThatIsGoneSaysSo() throws Exception {
        Process quick = new ProcessBuilder("true").start();
        assertThat(quick.waitFor(5, TimeUnit.SECONDS)).isTrue();
        Pidfds.Opened opened = Pidfds.open(quick.pid());
        assumeTrue(!(opened instanceof Pidfds.Opened.Unsupported), "no process descriptors here: " + opened);
        // Reaped by Java: the pid names no process (pids are handed out in order; no reuse in these microseconds).
        assertThat(opened).isInstanceOf(Pidfds.Opened.Gone.class);
    }
}
