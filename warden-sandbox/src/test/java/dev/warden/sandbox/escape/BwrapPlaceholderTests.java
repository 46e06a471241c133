package dev.warden.sandbox.escape;

import dev.warden.sandbox.BwrapBackend;
import dev.warden.sandbox.SandboxCommand;
import dev.warden.sandbox.SandboxException;
import dev.warden.sandbox.SandboxPolicy;
import dev.warden.sandbox.SandboxedProcess;
import dev.warden.sandbox.Stdio;
import dev.warden.sandbox.mounts.MountPlaceholders;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The mount points bubblewrap needs for missing protected names, with real sandboxes: they exist while
 * a sandbox may rely on them and are gone once none can — and one sandbox ending never lifts another's mask.
 */
class BwrapPlaceholderTests {
    /** What a sandbox that is still running tries once told to: each line that succeeds says ESCAPED. */
    private static final String PLANT = "echo '{}' > .mcp.json && echo ESCAPED mcp; mkdir -p .vscode/x && echo ESCAPED vscode;"
            + " echo x > .mcp.json/x && echo ESCAPED inside; rmdir .mcp.json && echo ESCAPED rmdir;"
            + " mv .mcp.json gone && echo ESCAPED mv; echo '{}' > .mcp.json && echo ESCAPED again; echo TRIED";
    private static final String WAIT = "echo READY; read line; ";

    Fixture f;
    Path lock;
    BwrapBackend backend;
    final List<Process> started = new ArrayList<>();

    @BeforeEach
    void setUp() {
        f = new Fixture();
        lock = f.root.resolve("lock");
        backend = BwrapBackend.onPath().orElseThrow().withPlaceholders(MountPlaceholders.at(lock));
    }

    @AfterEach
    void tearDown() throws InterruptedException {
        for (Process p : started) {
            p.destroyForcibly();
            p.waitFor(10, TimeUnit.SECONDS);
        }
        f.close();
    }

    @Test
    void placeholdersExistOnlyWhileTheSandboxRunsAndStayEmpty() throws Exception {
        var before = f.tree();
        Running a = start(f.workspaceAndHomePolicy(), "touch .mcp.json/x; mkdir .vscode/d; echo x > \"$HOME/.zshrc/x\"; "
                + WAIT + "echo done");
        a.awaitReady();
        // The host sees the mount points, empty: what the command tried inside went nowhere.
        for (Path p : List.of(f.workspace.resolve(".mcp.json"), f.workspace.resolve(".vscode"), f.home.resolve(".zshrc"),
                f.home.resolve(".config"))) {
            assertThat(p).isEmptyDirectory();
        }
        a.proceed();
        assertThat(a.waitFor()).isZero();
        assertThat(f.tree()).isEqualTo(before);
        assertThat(lock.resolve("placeholders")).isEmptyDirectory();
    }

    /**
     * The danger case: the first sandbox made the mount point, the second found and relies on it. Through the shell
     * trampoline the teardown watches the first one's namespace end in /proc, through posix_spawn on a process
     * descriptor: both must hold the claim until the namespace is gone.
     */
    @ParameterizedTest(name = "first ends by {0}, started through {1}")
    @CsvSource({"exit, SHELL", "destroy, SHELL", "destroyForcibly, SHELL", "exit, NATIVE", "destroy, NATIVE",
            "destroyForcibly, NATIVE"})
    void theFirstToEndDoesNotLiftTheSecondsMask(String ending, BwrapBackend.Spawn spawn) throws Exception {
        backend = backend.withSpawn(spawn);
        var before = f.tree();
        Running first = start(f.policy(), WAIT + "echo bye");
        first.awaitReady();
        assertThat(f.workspace.resolve(".mcp.json")).isEmptyDirectory();
        Running second = start(f.policy(), WAIT + PLANT);
        second.awaitReady();
        switch (ending) {
            case "exit" -> first.proceed();
            // bwrap's monitor dies first: the namespace's processes are still on their way out.
            case "destroy" -> first.process.destroy();
            default -> first.process.destroyForcibly();
        }
        first.waitFor();
        assertThat(f.workspace.resolve(".mcp.json")).as("the second sandbox relies on it").isEmptyDirectory();
        second.proceed();
        String out = second.rest();
        second.waitFor();
        assertThat(out).contains("TRIED").doesNotContain("ESCAPED");
        assertThat(f.tree()).as("after both").isEqualTo(before);
    }

    /** The same across processes: the second sandbox belongs to another JVM, which sweeps last. */
    @Test
    void anotherWardenProcessRelyingOnAPlaceholderKeepsItAndSweepsLast() throws Exception {
        var before = f.tree();
        Running first = start(f.policy(), WAIT + "echo done");
        first.awaitReady();
        assertThat(f.workspace.resolve(".mcp.json")).isEmptyDirectory();
        List<String> java = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"),
                OtherWarden.class.getName(), lock.toString(), f.root.toString(), f.workspace.toString(),
                "/bin/bash", "-c", WAIT + PLANT));
        Process other = new ProcessBuilder(java).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        started.add(other);
        BufferedReader otherOut = new BufferedReader(new InputStreamReader(other.getInputStream(), StandardCharsets.UTF_8));
        assertThat(otherOut.readLine()).isEqualTo("READY");
        first.proceed();
        assertThat(first.waitFor()).isZero();
        assertThat(f.workspace.resolve(".mcp.json")).as("the other process's sandbox relies on it").isEmptyDirectory();
        other.getOutputStream().write("go\n".getBytes(StandardCharsets.UTF_8));
        other.getOutputStream().flush();
        String out = new String(other.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(other.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(out).contains("TRIED").doesNotContain("ESCAPED");
        assertThat(f.tree()).as("after both").isEqualTo(before);
    }

    @Test
    void protectedPathsThatExistedBeforeAreLeftAsTheyWere() throws Exception {
        Files.createDirectory(f.workspace.resolve(".idea"));
        Fixture.write(f.workspace.resolve(".cursor/mcp.json"), "{\"mine\": true}");
        var before = f.tree();
        Running a = start(f.policy(), "rmdir .idea && echo ESCAPED rmdir; echo x > .cursor/mcp.json && echo ESCAPED write;"
                + " echo DONE");
        assertThat(a.rest()).contains("DONE").doesNotContain("ESCAPED");
        a.waitFor();
        assertThat(f.workspace.resolve(".idea")).isEmptyDirectory();
        assertThat(f.workspace.resolve(".cursor/mcp.json")).hasContent("{\"mine\": true}");
        assertThat(Fixture.read(f.workspace.resolve(".bashrc"))).isEqualTo("# workspace rc\n");
        assertThat(f.tree()).isEqualTo(before);
    }

    @Test
    void theLockAndLedgerAreOutOfTheCommandsReach() throws Exception {
        Running a = start(f.policy(), "ls -A " + lock + "; echo x > " + lock + "/mounts.lock && echo ESCAPED write;"
                + " rm " + lock + "/mounts.lock && echo ESCAPED rm; flock -x " + lock + "/mounts.lock true && echo ESCAPED lock;"
                + " echo DONE");
        String out = a.rest();
        a.waitFor();
        assertThat(out).contains("DONE").doesNotContain("ESCAPED").doesNotContain("mounts.lock");
        assertThat(lock.resolve("mounts.lock")).exists();
    }

    /**
     * A server keeps the mount points standing between sandboxes (MountPlaceholders#keepBetweenSandboxes): the next
     * sandbox masks them again as the missing names they stand for (a tmpfs, not a bind of the host's directory), no
     * more can be planted through them, and they go once no sandbox has run for the wait.
     */
    @Test
    void keptPlaceholdersAreMaskedAgainForTheNextSandboxAndSweptAfterTheWait() throws Exception {
        var before = f.tree();
        Path mcp = f.workspace.toRealPath().resolve(".mcp.json");
        MountPlaceholders registry = keptAfterOneSandbox(Duration.ofMillis(400));
        assertThat(mcp).as("kept for the next sandbox").isEmptyDirectory();
        assertThat(registry.standing(mcp)).isTrue();

        Running second = start(f.policy(), "awk '$5 == \"" + mcp + "\" {print \"MOUNT \" $0}' /proc/self/mountinfo; "
                + PLANT);
        String out = second.rest();
        assertThat(second.waitFor()).isZero();
        assertThat(out).contains("TRIED").doesNotContain("ESCAPED");
        assertThat(out.lines().filter(line -> line.startsWith("MOUNT ")).toList()).as("masked, not bound")
                .singleElement().asString().contains(" - tmpfs ");

        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!before.equals(treeUnlessSweeping()) && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(f.tree()).as("swept after the wait").isEqualTo(before);
        assertThat(registry.standing(mcp)).isFalse();
    }

    /** One written into from the host between two sandboxes is the user's now: bound as it is, and left where it is. */
    @Test
    void aKeptPlaceholderWrittenIntoFromTheHostIsTheUsersAndStays() throws Exception {
        Path vscode = f.workspace.toRealPath().resolve(".vscode");
        MountPlaceholders registry = keptAfterOneSandbox(Duration.ofMillis(200));
        Files.writeString(vscode.resolve("settings.json"), "{}\n");
        assertThat(registry.standing(vscode)).isFalse();

        Running second = start(f.policy(), "cat .vscode/settings.json; echo x > .vscode/settings.json && echo ESCAPED");
        String out = second.rest();
        second.waitFor();
        assertThat(out).contains("{}").doesNotContain("ESCAPED");
        Thread.sleep(1000);
        assertThat(vscode.resolve("settings.json")).hasContent("{}");
    }

    /**
     * The deny-glob scan skips the inside of a kept mount point, which an empty tmpfs covers; one the host has written
     * into is the user's directory again, and what it holds is scanned and hidden like anything else.
     */
    @Test
    void aSecretWrittenIntoAKeptPlaceholderFromTheHostIsStillHidden() throws Exception {
        Path vscode = f.workspace.toRealPath().resolve(".vscode");
        MountPlaceholders registry = keptAfterOneSandbox(Duration.ofSeconds(30));
        assertThat(registry.standing(vscode)).isTrue();
        Files.writeString(vscode.resolve("token.env"), "TOKEN=" + Fixture.SECRET);

        Running second = start(f.policy(), "cat .vscode/token.env; cat .env; echo END");
        String out = second.rest();
        second.waitFor();
        assertThat(out).contains("END").doesNotContain(Fixture.SECRET);
    }

    /** The backend on a registry that keeps mount points for {@code keep}, once a first sandbox has made them. */
    private MountPlaceholders keptAfterOneSandbox(Duration keep) throws Exception {
        MountPlaceholders registry = MountPlaceholders.at(lock);
        registry.keepBetweenSandboxes(keep);
        backend = backend.withPlaceholders(registry);
        assertThat(start(f.policy(), "true").waitFor()).isZero();
        return registry;
    }

    /** The fixture's tree, or null when the sweep removed a directory while it was being walked. */
    private java.util.Map<String, String> treeUnlessSweeping() {
        try {
            return f.tree();
        } catch (java.io.UncheckedIOException e) {
            return null;
        }
    }

    private Running start(SandboxPolicy policy, String script) throws SandboxException {
        SandboxedProcess sandbox = backend.launch(policy,
                new SandboxCommand(List.of("/bin/bash", "-c", script), f.workspace, f.environment()), Stdio.pipes());
        started.add(sandbox.process());
        return new Running(sandbox);
    }

    /** A sandbox driven line by line: READY when it waits, a line on stdin to go on. */
    private static final class Running {
        final SandboxedProcess sandbox;
        final Process process;
        final BufferedReader out;

        Running(SandboxedProcess sandbox) {
            this.sandbox = sandbox;
            this.process = sandbox.process();
            this.out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        }

        void awaitReady() throws IOException {
            String line;
            while ((line = out.readLine()) != null) {
                if (line.equals("READY")) {
                    return;
                }
            }
            throw new AssertionError("the sandbox ended before it was ready: "
                    + new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
        }

        void proceed() throws IOException {
            OutputStream in = process.getOutputStream();
            in.write("go\n".getBytes(StandardCharsets.UTF_8));
            in.flush();
        }

        String rest() throws IOException {
            StringBuilder all = new StringBuilder();
            String line;
            while ((line = out.readLine()) != null) {
                all.append(line).append('\n');
            }
            return all.toString();
        }

        int waitFor() throws InterruptedException {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                throw new AssertionError("the sandbox did not end");
            }
            return process.exitValue();
        }
    }
}
