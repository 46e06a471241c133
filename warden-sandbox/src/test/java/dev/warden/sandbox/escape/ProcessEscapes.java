package dev.warden.sandbox.escape;

import dev.warden.sandbox.SandboxCommand;
import dev.warden.sandbox.SandboxException;
import dev.warden.sandbox.Stdio;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** ESCAPES.md cases 12–16, 21–24, 26 and 27: other processes, the kernel, the environment. */
abstract class ProcessEscapes extends EscapeCases {
    static final long JVM_PID = ProcessHandle.current().pid();

    ProcessEscapes(BackendUnderTest under) {
        super(under);
    }

    @Test
    void case12_procPathsToHostFilesAndProcesses() {
        String hostSecret = System.getenv("AWS_SECRET_ACCESS_KEY");
        Run r = bash("cat /proc/self/root$HOME/.ssh/id_rsa; cat /proc/1/root$HOME/.ssh/id_rsa;"
                + "cat /proc/" + JVM_PID + "/environ; cat /proc/" + JVM_PID + "/root$HOME/.ssh/id_rsa;"
                + "ls /proc/" + JVM_PID + "/cwd/; ls /proc | grep -qx " + JVM_PID + " && echo VISIBLE");
        assertThat(r.out() + r.err()).doesNotContain(Fixture.SECRET);
        assertThat(hostSecret).as("surefire sets AWS_SECRET_ACCESS_KEY for this suite").isNotBlank();
        assertThat(r.out()).doesNotContain(hostSecret).doesNotContain("pom.xml");
        expect(12, !r.out().contains("VISIBLE"), r);
    }

    @Test
    void case13_mountUnshareChrootPivotRoot() {
        Run r = probe("mount");
        assertThat(r.out()).contains("mount EPERM", "umount2 EPERM", "chroot EPERM", "pivot-root EPERM",
                "unshare-user EPERM", "unshare-mount EPERM").doesNotContain(" OK");
        Run tools = bash("unshare -r true && echo ESCAPED unshare; unshare -rm true && echo ESCAPED unshare-m;"
                + "mount -t tmpfs none /mnt && echo ESCAPED mount");
        assertThat(tools.out()).doesNotContain("ESCAPED");
    }

    @Test
    void case14_ptraceAndProcessVmReadv() throws Exception {
        Process victim = new ProcessBuilder("sleep", "30").start();
        try {
            Run r = probe("ptrace-traceme");
            Run vm = probe("process-vm-readv");
            Run attach = probe("ptrace-attach", Long.toString(victim.pid()));
            // TRACEME and reading one's own memory are allowed by the kernel: EPERM here is the filter.
            assertThat(r.out()).contains("ptrace-traceme EPERM");
            assertThat(vm.out()).contains("process-vm-readv EPERM");
            assertThat(attach.out()).startsWith("ptrace-attach E").doesNotContain("OK");
        } finally {
            victim.destroyForcibly().waitFor();
        }
    }

    @Test
    void case15_signalAProcessOutside() throws Exception {
        Process victim = new ProcessBuilder("sleep", "30").start();
        try {
            Run r = bash("kill -TERM " + victim.pid() + " && echo ESCAPED; kill -KILL " + JVM_PID + " && echo ESCAPED jvm");
            assertThat(r.out()).doesNotContain("ESCAPED");
            assertThat(victim.waitFor(300, TimeUnit.MILLISECONDS)).as("host process still alive").isFalse();
        } finally {
            victim.destroyForcibly().waitFor();
        }
    }

    @Test
    void case16_tiocstiAndTioclinuxIncludingHighBits() {
        Run r = probe("tiocsti");
        // On a pipe the kernel itself answers ENOTTY; EPERM proves the filter decided, high bits or not.
        assertThat(r.out()).contains("tiocsti EPERM", "tiocsti-high EPERM", "tioclinux EPERM")
                .contains("tiocgwinsz-high ENOTTY").doesNotContain("open-dev-tty OK");
    }

    @Test
    void case21_ioUring() {
        assertThat(probe("io-uring-setup").out()).contains("io-uring-setup EPERM");
    }

    @Test
    void case22_foreignSyscallAbisAreKilled() {
        Run int80 = probe("int80");
        assertThat(int80.out()).doesNotContain("returned");
        assertThat(int80.exit()).isNotZero();
        Run x32 = probe("x32");
        assertThat(x32.out()).doesNotContain("returned");
        assertThat(x32.exit()).isNotZero();
    }

    @Test
    void case23_secretsInTheHostEnvironment() {
        assertThat(System.getenv("GITHUB_TOKEN")).as("surefire sets GITHUB_TOKEN for this suite").isNotBlank();
        Run r = bash("env; tr '\\0' '\\n' < /proc/self/environ; tr '\\0' '\\n' < /proc/$PPID/environ");
        assertThat(r.out()).doesNotContain(System.getenv("GITHUB_TOKEN"))
                .doesNotContain(System.getenv("AWS_SECRET_ACCESS_KEY"))
                .doesNotContain("SSH_AUTH_SOCK").contains("WARDEN_SANDBOX=1").contains("TMPDIR=");
    }

    @Test
    void case24_preloadAndBashEnvNeverReachTheHostSide() throws Exception {
        Path marker = f.outside.resolve("preload.log");
        Path source = f.root.resolve("mark.c");
        Files.writeString(source, "#include <stdio.h>\n#include <unistd.h>\n"
                + "__attribute__((constructor)) static void mark(void) { char exe[512] = {0};"
                + " readlink(\"/proc/self/exe\", exe, sizeof exe - 1); FILE *f = fopen(\"" + marker + "\", \"a\");"
                + " if (f) { fprintf(f, \"%s\\n\", exe); fclose(f); } }\n");
        Path lib = f.root.resolve("libmark.so");
        Process gcc = new ProcessBuilder("gcc", "-shared", "-fPIC", "-o", lib.toString(), source.toString())
                .redirectErrorStream(true).start();
        String gccOut = new String(gcc.getInputStream().readAllBytes());
        assertThat(gcc.waitFor()).as("gcc (needed to build the LD_PRELOAD probe): %s", gccOut).isZero();
        Path bashEnv = f.root.resolve("evil.sh");
        Files.writeString(bashEnv, "echo bash-env >> " + marker + "\n");
        Run r = bash(Map.of("LD_PRELOAD", lib.toString(), "BASH_ENV", bashEnv.toString()), "echo ran");
        assertThat(r.out()).contains("ran");
        assertThat(marker).as("a host-side process loaded the sandbox's LD_PRELOAD or BASH_ENV").doesNotExist();
    }

    @Test
    void case26_forkBombIsBoundedAndCleanedUp() throws Exception {
        // A fork bomb that keeps what it forked: without a limit it would take the host's whole process table.
        String bomb = """
                import os, sys, time
                n = 0
                try:
                    for i in range(300):
                        if os.fork() == 0:
                            os.close(1)
                            os.close(2)
                            time.sleep(60)
                            os._exit(0)
                        n += 1
                    print("forked", n)
                except OSError as e:
                    print("refused after", n, e.strerror)
                sys.stdout.flush()
                os._exit(0)
                """;
        Run r = Run.of(under.backend(), f.policy().withMaxProcesses(48), f.workspace, f.environment(), PYTHON, "-c", bomb);
        boolean bounded = r.out().contains("refused after");
        if (bounded) {
            int forked = Integer.parseInt(r.out().replaceAll("(?s).*refused after (\\d+).*", "$1"));
            assertThat(forked).as(r.out()).isLessThan(48);
        }
        expect(26, bounded, r.out().strip() + " " + r.warnings());
        // The host stays responsive and nothing the bomb forked is left behind once the command is gone.
        assertThat(new ProcessBuilder("/bin/true").start().waitFor()).isZero();
        long deadline = System.nanoTime() + 10_000_000_000L;
        long left;
        do {
            Thread.sleep(50);
            left = ProcessHandle.allProcesses().filter(p -> p.info().commandLine().orElse("").contains("refused after"))
                    .count();
        } while (left > 0 && System.nanoTime() < deadline);
        assertThat(left).as("forked children outlived the sandbox").isZero();
    }

    @Test
    void case27_backgroundJobOfTheCommandEndsWithIt() throws Exception {
        assertThat(heartbeatSurvives("")).as("a plain background job outlived the command").isFalse();
    }

    @Test
    void case27_backgroundProcessInItsOwnSessionEndsWithIt() throws Exception {
        boolean survived = heartbeatSurvives("setsid ");
        expect(27, !survived, "a setsid background process outlived the command");
    }

    /** Starts a heartbeat writer in the background (optionally under {@code prefix}), lets the command exit. */
    private boolean heartbeatSurvives(String prefix) throws Exception {
        Path beat = f.workspace.resolve("lib/heartbeat");
        Run r = bash(prefix + "bash -c 'echo $$ > lib/pid; while true; do echo . >> lib/heartbeat; sleep 0.05; done'"
                + " >/dev/null 2>&1 & sleep 0.3; echo started");
        assertThat(r.out()).contains("started");
        Thread.sleep(300);
        long before = Files.size(beat);
        Thread.sleep(400);
        long after = Files.size(beat);
        if (before != after) {
            long pid = Long.parseLong(Files.readString(f.workspace.resolve("lib/pid")).strip());
            ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
            return true;
        }
        return false;
    }

    @Test
    void case30_unavailableIsolationRefusesToRun() {
        try {
            under.unavailable().launch(f.policy(), new SandboxCommand(List.of("/bin/true"), f.workspace,
                    f.environment()), Stdio.pipes());
            throw new AssertionError("launch without the isolation it needs must refuse");
        } catch (SandboxException e) {
            assertThat(e.getMessage()).contains(under.refusal());
        }
    }
}
