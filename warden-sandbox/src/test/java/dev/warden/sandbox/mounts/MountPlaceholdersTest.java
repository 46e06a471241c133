package dev.warden.sandbox.mounts;

import dev.warden.sandbox.SandboxException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The registry without bubblewrap: who may remove a placeholder and when. The lock is a real record
 * lock, and "another Warden process" is a real other JVM holding it ({@link LockHolder}).
 */
class MountPlaceholdersTest {
    Path root;
    Path workspace;
    MountPlaceholders registry;

    @BeforeEach
    void setUp() throws IOException {
        root = Path.of("target", "placeholders-test", UUID.randomUUID().toString().substring(0, 8)).toAbsolutePath();
        workspace = Files.createDirectories(root.resolve("ws"));
        registry = MountPlaceholders.at(root.resolve("lock"));
    }

    @AfterEach
    void tearDown() throws IOException {
        try (var walk = Files.walk(root)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    @Test
    void theLastClaimOutRemovesWhatItCreatedAndNothingElse() throws Exception {
        Path userDir = Files.createDirectory(workspace.resolve(".idea"));
        MountPlaceholders.Claim claim = registry.claim();
        assertThat(claim.prepare(workspace.resolve(".mcp.json"))).isTrue();
        assertThat(claim.prepare(userDir)).as("an existing directory is not Warden's").isFalse();
        assertThat(workspace.resolve(".mcp.json")).isEmptyDirectory();
        claim.close();
        assertThat(workspace.resolve(".mcp.json")).doesNotExist();
        assertThat(userDir).isEmptyDirectory();
        assertThat(registry.hidden()).containsExactly(root.resolve("lock"));
    }

    @Test
    void aLaunchsMasksAreMadeRecordedAndRemovedTogetherAcrossParents() throws Exception {
        Path home = Files.createDirectories(root.resolve("home"));
        Files.createDirectory(workspace.resolve(".idea"));
        List<Path> masks = List.of(workspace.resolve(".vscode"), workspace.resolve(".idea"), home.resolve(".codex"),
                workspace.resolve(".mcp.json"));
        MountPlaceholders.Claim claim = registry.claim();
        assertThat(claim.prepare(masks)).as("all but the user's own .idea")
                .containsExactly(workspace.resolve(".vscode"), home.resolve(".codex"), workspace.resolve(".mcp.json"));
        try (var ledgers = Files.list(root.resolve("lock").resolve("placeholders"))) {
            assertThat(ledgers.toList()).as("one ledger file for the launch").hasSize(1);
        }
        claim.close();
        assertThat(workspace.resolve(".vscode")).doesNotExist();
        assertThat(workspace.resolve(".mcp.json")).doesNotExist();
        assertThat(home.resolve(".codex")).doesNotExist();
        assertThat(workspace.resolve(".idea")).isEmptyDirectory();
    }

    @Test
    void aMaskThatCannotBeMadeUndoesTheOnesMadeBeforeItInTheSameLaunch() throws Exception {
        MountPlaceholders.Claim claim = registry.claim();
        Path made = workspace.resolve(".vscode");
        Path impossible = workspace.resolve("missing-parent").resolve(".codex");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> claim.prepare(List.of(made, impossible)))
                .isInstanceOf(SandboxException.class).hasMessageContaining(impossible.toString());
        assertThat(made).as("made, never recorded, so removed at once").doesNotExist();
        claim.close();
    }

    @Test
    void anOverlappingClaimKeepsThePlaceholderUntilItLeavesToo() throws Exception {
        MountPlaceholders.Claim first = registry.claim();
        first.prepare(workspace.resolve(".vscode"));
        MountPlaceholders.Claim second = registry.claim();
        assertThat(second.prepare(workspace.resolve(".vscode"))).as("made by the first").isFalse();
        first.close();
        assertThat(workspace.resolve(".vscode")).as("the second may rely on it").isEmptyDirectory();
        second.close();
        assertThat(workspace.resolve(".vscode")).doesNotExist();
    }

    @Test
    void anotherProcessHoldingTheSharedLockKeepsPlaceholdersAndTheNextLoneStartSweeps() throws Exception {
        MountPlaceholders.Claim claim = registry.claim();
        claim.prepare(workspace.resolve(".codex"));
        Process other = holding("-s");
        try {
            claim.close();
            assertThat(workspace.resolve(".codex")).isEmptyDirectory();
            // A new claim while the other holds its shared lock does not sweep either.
            registry.claim().close();
            assertThat(workspace.resolve(".codex")).isEmptyDirectory();
        } finally {
            end(other);
        }
        // Alone now: the next start clears what the earlier session had to leave.
        MountPlaceholders.Claim next = registry.claim();
        assertThat(workspace.resolve(".codex")).doesNotExist();
        next.close();
    }

    @Test
    void anExclusiveHolderDelaysLaunchesThenTheyFailWithAnActionableMessage() throws Exception {
        Process other = holding("-x");
        try {
            long start = System.nanoTime();
            try {
                registry.withSharedWait(java.time.Duration.ofMillis(300)).claim().close();
                throw new AssertionError("a claim must not start while a sweep may be running");
            } catch (SandboxException e) {
                assertThat(e.getMessage()).contains("mounts.lock").contains("fuser");
            }
            assertThat(System.nanoTime() - start).isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(300));
        } finally {
            end(other);
        }
    }

    @Test
    void onlyTheVeryDirectoryWardenMadeIsEverRemoved() throws Exception {
        Path mask = workspace.resolve(".envrc");
        MountPlaceholders.Claim claim = registry.claim();
        claim.prepare(mask);
        // The user replaces it with an empty directory of their own while the session runs.
        Files.delete(mask);
        Files.createDirectory(mask);
        claim.close();
        assertThat(mask).as("same name, another inode: the user's").isEmptyDirectory();

        // Something was put in a placeholder (only the host can): rmdir refuses, nothing is deleted.
        MountPlaceholders.Claim again = registry.claim();
        Path other = workspace.resolve(".claude");
        again.prepare(other);
        Files.writeString(other.resolve("settings.json"), "{}");
        again.close();
        assertThat(other.resolve("settings.json")).hasContent("{}");

        // A forged ledger entry naming a directory Warden never made is ignored.
        Path victim = Files.createDirectory(workspace.resolve("empty-but-mine"));
        Files.createDirectories(root.resolve("lock/placeholders"));
        Files.write(root.resolve("lock/placeholders/forged"),
                new Placeholder(victim, "(dev=1,ino=2)", "(dev=1,ino=3)").toBytes());
        registry.claim().close();
        assertThat(victim).isEmptyDirectory();
    }

    @Test
    void aPlaceholderOthersCanWriteBesideIsLeft() throws Exception {
        // Another user could run a sandbox here that relies on it; their lock is not this one.
        Path shared = Files.createDirectory(workspace.resolve("shared"));
        Files.setPosixFilePermissions(shared, PosixFilePermissions.fromString("rwxrwxr-x"));
        MountPlaceholders.Claim claim = registry.claim();
        claim.prepare(shared.resolve(".vscode"));
        claim.close();
        assertThat(shared.resolve(".vscode")).isEmptyDirectory();
    }

    @Test
    void aPlaceholderInADirectoryAnotherUserOwnsIsLeft() throws Exception {
        // That user's own sandboxes may rely on it. Only root can hand a directory to another user to try this.
        assumeTrue((Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid") == 0, "needs root to chown");
        Path theirs = Files.createDirectory(workspace.resolve("theirs"));
        MountPlaceholders.Claim claim = registry.claim();
        claim.prepare(theirs.resolve(".vscode"));
        Files.setAttribute(theirs, "unix:uid", 65534);
        claim.close();
        assertThat(theirs.resolve(".vscode")).isEmptyDirectory();
    }

    @Test
    void aLockDirectoryThatIsNotPrivateIsNotTrusted() throws Exception {
        Path open = Files.createDirectory(root.resolve("open"));
        Files.setPosixFilePermissions(open, PosixFilePermissions.fromString("rwxr-xr-x"));
        MountPlaceholders untrusted = MountPlaceholders.at(open);
        assertThat(untrusted.unavailable()).hasValueSatisfying(why -> assertThat(why).contains("0700"));
        assertThat(untrusted.hidden()).isEmpty();
        Path link = Files.createSymbolicLink(root.resolve("link"), root.resolve("lock"));
        assertThat(MountPlaceholders.at(link).unavailable()).isPresent();

        MountPlaceholders.Claim claim = untrusted.claim();
        assertThat(claim.prepare(workspace.resolve(".gemini"))).isTrue();
        assertThat(claim.untracked()).isPresent();
        claim.close();
        assertThat(workspace.resolve(".gemini")).as("kept: nothing can prove no sandbox relies on it").isEmptyDirectory();
    }

    @Test
    void ledgerRecordsSurviveAnyPathAndATornWrite() {
        Path odd = Path.of("/work/ws/with\nnewline and\ttab");
        Placeholder entry = new Placeholder(odd, "(dev=803,ino=12)", "(dev=803,ino=11)");
        byte[] one = entry.toBytes();
        byte[] two = new byte[one.length * 2 - 5];
        System.arraycopy(one, 0, two, 0, one.length);
        System.arraycopy(one, 0, two, one.length, one.length - 5);
        assertThat(Placeholder.parse(two)).containsExactly(entry);
        assertThat(Placeholder.parse(new byte[0])).isEmpty();
        assertThat(Placeholder.parse("a\0b\0relative\0".getBytes())).isEmpty();
    }

    @Test
    void theDefaultLocationIsPerUser() {
        Path dir = MountPlaceholders.defaultDirectory();
        String runtime = System.getenv("XDG_RUNTIME_DIR");
        if (runtime != null && !runtime.isBlank() && Files.isDirectory(Path.of(runtime))) {
            assertThat(dir).isEqualTo(Path.of(runtime, "warden"));
        } else {
            assertThat(dir.getParent()).isEqualTo(Path.of(System.getProperty("java.io.tmpdir")));
            assertThat(dir.getFileName().toString()).matches("warden-\\d+");
        }
        assertThat(List.of(dir)).allMatch(Path::isAbsolute);
    }

    /** Closes its stdin: the holder lets go and exits. */
    private static void end(Process holder) throws Exception {
        holder.getOutputStream().close();
        assertThat(holder.waitFor(10, TimeUnit.SECONDS)).as("the other process ended").isTrue();
    }

    /** Another JVM holding the lock ({@code -s} shared, {@code -x} exclusive), once it says it does. */
    private Process holding(String mode) throws IOException {
        Process other = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), LockHolder.class.getName(),
                root.resolve("lock/mounts.lock").toString(), mode).redirectErrorStream(true).start();
        byte[] line = other.getInputStream().readNBytes(5);
        assertThat(new String(line)).as("the other process took the lock").isEqualTo("held\n");
        return other;
    }
}
