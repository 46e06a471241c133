package dev.warden.cli.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.warden.cli.it.Machine.Result;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code warden exec}: the policy decides, the sandbox contains, the command's status comes back. */
class ExecIT {

    @Test
    void anAllowedCommandRunsInTheSandboxWithItsOutputAndStatus() {
        Machine m = Machine.create("exec-allowed");
        Result r = m.run("exec", "--", "sh", "-c", "echo out-$WARDEN_SANDBOX; echo err >&2; touch made-inside; exit 7");
        assertThat(r.exit()).as(r.toString()).isEqualTo(7);
        assertThat(r.out()).isEqualTo("out-1\n");
        assertThat(r.err()).isEqualTo("err\n");
        assertThat(m.workspace.resolve("made-inside")).exists();
    }

    @Test
    void withoutDashDashTheCommandsOwnOptionsStayItsOwn() {
        Machine m = Machine.create("exec-options");
        Result r = m.run("exec", "sh", "-c", "echo $0-$1", "-c", "x");
        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(r.out()).isEqualTo("-c-x\n");
    }

    @Test
    void aDeniedCommandRunsNothing() {
        Machine m = Machine.create("exec-denied");
        Result r = m.run("-c", "approval_policy=never", "exec", "--", "sh", "-c", "touch marker; rm -rf /");
        assertThat(r.exit()).as(r.toString()).isEqualTo(1);
        assertThat(r.err()).startsWith("warden: denied: ").contains("recursive delete");
        assertThat(r.out()).isEmpty();
        assertThat(m.workspace.resolve("marker")).doesNotExist();
    }

    @Test
    void aForbiddenPrefixRuleDeniesWithItsJustification() {
        Machine m = Machine.create("exec-forbidden");
        m.userConfig("sandbox_mode = \"workspace-write\"\n[[rules.prefix]]\npattern = [\"touch\"]\n"
                + "decision = \"forbidden\"\njustification = \"no touching in this test\"\n");
        Result r = m.run("exec", "--", "touch", "marker");
        assertThat(r.exit()).as(r.toString()).isEqualTo(1);
        assertThat(r.err()).startsWith("warden: denied: ");
        assertThat(m.workspace.resolve("marker")).doesNotExist();
    }

    @Test
    void aCommandThatNeedsApprovalWithoutATerminalIsRefusedAndSaysWhy() {
        Machine m = Machine.create("exec-ask");
        // setsid: no controlling terminal, whatever terminal the tests were started from.
        List<String> command = new ArrayList<>(List.of("setsid", "-w"));
        command.addAll(Machine.warden("exec", "--", "sh", "-c", "touch marker; rm -rf ~"));
        Result r = m.exec(command, Map.of(), "y\n");
        assertThat(r.exit()).as(r.toString()).isEqualTo(1);
        assertThat(r.err()).startsWith("warden: denied: no way to ask a person here")
                .contains("warden: approval was needed: dangerous: recursive delete");
        assertThat(m.workspace.resolve("marker")).doesNotExist();
        assertThat(m.home).exists();
    }

    @Test
    void secretsAndLoaderInjectorsStayOutOfTheSandbox() throws Exception {
        Machine m = Machine.create("exec-env");
        Path inject = m.base.resolve("inject.sh");
        Files.writeString(inject, "echo INJECTED\n");
        Result r = m.runWith(Map.of("GITHUB_TOKEN", "ghp_it_must_not_leak", "AWS_SECRET_ACCESS_KEY", "aws_it_secret",
                        "AWS_REGION", "eu-west-1", "BASH_ENV", inject.toString(), "KEEP_ME", "kept"),
                "exec", "--", "bash", "-c", "env; cat /proc/self/environ | tr '\\0' '\\n'");
        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(r.out()).doesNotContain("ghp_it_must_not_leak").doesNotContain("aws_it_secret")
                .doesNotContain("INJECTED").doesNotContain("BASH_ENV")
                .contains("KEEP_ME=kept").contains("AWS_REGION=eu-west-1").contains("WARDEN_SANDBOX=1");
    }

    @Test
    void writesOutsideTheWorkspaceFailAndLeaveTheHostAlone() {
        Machine m = Machine.create("exec-outside");
        Path target = m.outside.resolve("planted");
        Result r = m.run("exec", "--", "sh", "-c", "echo x > '" + target + "'; echo status-$?; echo y > inside");
        assertThat(r.out()).as(r.toString()).contains("status-").doesNotContain("status-0");
        // Read-only where the host is visible; absent when the checkout (and so `outside`) is under the
        // sandbox's private /tmp. Either way the write fails and the host is untouched.
        assertThat(r.err()).containsAnyOf("Read-only file system", "Directory nonexistent");
        assertThat(target).doesNotExist();
        assertThat(m.workspace.resolve("inside")).hasContent("y");
    }

    @ParameterizedTest(name = "SIG{0}")
    @CsvSource({"TERM, 15", "INT, 2", "HUP, 1"})
    void signalsSentToWardenReachTheSandboxedCommand(String name, int number) throws Exception {
        Machine m = Machine.create("exec-signal");
        // SIGINT may be ignored by whoever started the tests (a background job); a terminal's Warden would not be.
        List<String> command = new ArrayList<>(List.of("python3", "-c",
                "import os,signal,sys; signal.signal(signal.SIGINT, signal.SIG_DFL); os.execvp(sys.argv[1], sys.argv[1:])"));
        command.addAll(Machine.warden("exec", "--", "bash", "-c",
                "trap 'echo got-" + name + "; exit " + (100 + number) + "' " + name + "; echo ready; sleep 30 & wait"));
        Process warden = m.start(command, Map.of());
        BufferedReader out = new BufferedReader(new InputStreamReader(warden.getInputStream(), StandardCharsets.UTF_8));
        assertThat(out.readLine()).isEqualTo("ready");
        kill(name, warden);
        Result r = Result.of(warden, 20);
        assertThat(r.out()).as(r.toString()).isEqualTo("got-" + name + "\n");
        assertThat(r.exit()).as(r.toString()).isEqualTo(100 + number);
    }

    @Test
    void aCommandKilledBySignalNExitsWith128PlusN() throws Exception {
        Machine m = Machine.create("exec-killed");
        Process warden = m.start(Machine.warden("exec", "--", "sh", "-c", "echo ready; exec sleep 30"), Map.of());
        BufferedReader out = new BufferedReader(new InputStreamReader(warden.getInputStream(), StandardCharsets.UTF_8));
        assertThat(out.readLine()).isEqualTo("ready");
        kill("TERM", warden); // forwarded to sleep
        Result r = Result.of(warden, 20);
        assertThat(r.exit()).as(r.toString()).isEqualTo(128 + 15);
    }

    /** kill(1), not Process.destroy(): that also closes the streams the test still reads. */
    private static void kill(String signal, Process process) throws Exception {
        Process kill = new ProcessBuilder("kill", "-s", signal, Long.toString(process.pid()))
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        assertThat(kill.waitFor()).isZero();
    }

    @Test
    void dangerFullAccessRunsUnsandboxedWithAOneLineNotice() {
        Machine m = Machine.create("exec-danger");
        Path target = m.outside.resolve("allowed-here");
        Result r = m.run("-c", "sandbox_mode=danger-full-access", "exec", "--", "sh", "-c",
                "echo ${WARDEN_SANDBOX:-none}; touch '" + target + "'");
        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(r.out()).isEqualTo("none\n");
        assertThat(r.err()).isEqualTo("warden: notice: sandbox_mode is danger-full-access (cli -c #1):"
                + " running without a sandbox\n");
        assertThat(target).exists();
    }

    @Test
    void aHostThatCannotRunThePinnedBackendRefusesUnlessDegradationIsAllowed() throws Exception {
        Machine m = Machine.create("exec-degraded");
        m.requirements("sandbox_backend = \"bwrap\"\n");
        // An honest host without bubblewrap: nothing on PATH (the command is given by absolute path).
        Path emptyPath = Files.createDirectories(m.base.resolve("empty-path"));
        // In a subdirectory: under Landlock the workspace's top level (it holds .git) accepts no new entries.
        Path marker = Files.createDirectories(m.workspace.resolve("sub")).resolve("ran");
        Map<String, String> noBwrap = Map.of("PATH", emptyPath.toString());
        Result refused = m.runWith(noBwrap, "exec", "--", "/bin/sh", "-c", "echo ran > '" + marker + "'");
        assertThat(refused.exit()).as(refused.toString()).isEqualTo(1);
        assertThat(refused.err()).startsWith("warden: refusing to run: the sandbox cannot be enforced on this host:"
                + " sandbox_backend \"bwrap\" (requirements " + m.systemDir.resolve("requirements.toml") + ":1):"
                + " bubblewrap is not on PATH (install 'bubblewrap')");
        assertThat(marker).doesNotExist();

        m.requirements("sandbox_backend = \"bwrap\"\nallow_degraded_sandbox = true\n");
        Result degraded = m.runWith(noBwrap, "exec", "--", "/bin/sh", "-c", "echo ran > '" + marker + "'");
        assertThat(degraded.exit()).as(degraded.toString()).isZero();
        assertThat(degraded.err()).containsAnyOf("warden: WARNING: DEGRADED SANDBOX: sandbox_backend \"bwrap\"",
                "warden: WARNING: NO SANDBOX: sandbox_backend \"bwrap\"").contains("bubblewrap is not on PATH");
        assertThat(marker).hasContent("ran");
    }

    @Test
    void whatTheSandboxWarnsAboutIsShownPrefixedWithWarden() {
        assumeTrue(Machine.landlockAbi() > 0, "this kernel has no Landlock");
        Machine m = Machine.create("exec-warnings");
        Result r = m.run("-c", "sandbox_backend=landlock", "exec", "--", "true");
        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(r.err()).startsWith("warden: landlock: no new entries can be created in " + m.workspace);
    }

    @Test
    void aReadOnlyProjectUnderTmpIsReadableButNotWritable() throws Exception {
        Machine m = Machine.create("exec-tmp");
        m.userConfig("sandbox_mode = \"read-only\"\n");
        Path project = Files.createTempDirectory(Path.of("/tmp"), "warden-it-");
        try {
            Files.writeString(project.resolve("README"), "read me\n");
            Result r = m.run("--cwd", project.toString(), "exec", "--", "sh", "-c", "cat README; touch new; echo $?");
            assertThat(r.out()).as(r.toString()).startsWith("read me\n").doesNotEndWith("\n0\n");
            assertThat(project.resolve("new")).doesNotExist();
        } finally {
            try (var files = Files.list(project)) {
                for (Path file : files.toList()) {
                    Files.delete(file);
                }
            }
            Files.delete(project);
        }
    }
}
