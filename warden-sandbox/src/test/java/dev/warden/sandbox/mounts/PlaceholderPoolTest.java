package dev.warden.sandbox.mounts;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Placeholders reused through the registry's pool: real directories, real renames, the same guarantees as a
 * {@code mkdir} and an {@code rmdir}.
 */
class PlaceholderPoolTest {
    Path root;
    Path workspace;
    Path pool;
    MountPlaceholders registry;

    @BeforeEach
    void setUp() throws IOException {
        root = Path.of("target", "pool-test", UUID.randomUUID().toString().substring(0, 8)).toAbsolutePath();
        workspace = Files.createDirectories(root.resolve("ws"));
        registry = MountPlaceholders.at(root.resolve("lock"));
        pool = root.resolve("lock").resolve("pool");
        assumeTrue(PlaceholderPool.Rename.noReplace(root.resolve("none"), root.resolve("none2")) == 2,
                "renameat2 with RENAME_NOREPLACE on this filesystem");
    }

    @AfterEach
    void tearDown() throws IOException {
        deleteTree(root);
    }

    @Test
    void aRemovedPlaceholderIsTheNextLaunchsMountPoint() throws Exception {
        MountPlaceholders.Claim first = registry.claim();
        first.prepare(List.of(workspace.resolve(".vscode"), workspace.resolve(".codex")));
        Object vscode = Files.getAttribute(workspace.resolve(".vscode"), "fileKey");
        first.close();
        assertThat(workspace.resolve(".vscode")).doesNotExist();
        assertThat(workspace.resolve(".codex")).doesNotExist();
        assertThat(entries(pool)).as("both kept for reuse, in the private directory").hasSize(2);

        MountPlaceholders.Claim second = registry.claim();
        assertThat(second.prepare(List.of(workspace.resolve(".mcp.json"), workspace.resolve(".claude"),
                workspace.resolve(".idea")))).hasSize(3);
        assertThat(entries(pool)).as("two came from the pool, one was made").isEmpty();
        List<Object> keys = new ArrayList<>();
        for (String name : List.of(".mcp.json", ".claude", ".idea")) {
            assertThat(workspace.resolve(name)).isEmptyDirectory();
            keys.add(Files.getAttribute(workspace.resolve(name), "fileKey"));
        }
        assertThat(keys).contains(vscode);
        second.close();
        assertThat(workspace).isEmptyDirectory();
        assertThat(entries(pool)).hasSize(3);
    }

    @Test
    void aNameMadeMeanwhileIsNeverReplaced() throws Exception {
        MountPlaceholders.Claim first = registry.claim();
        first.prepare(workspace.resolve(".vscode"));
        first.close();
        assertThat(entries(pool)).hasSize(1);

        // The user's own empty directory: rename(2) would replace it; RENAME_NOREPLACE, like mkdir, refuses.
        Path users = Files.createDirectory(workspace.resolve(".vscode"));
        Object usersKey = Files.getAttribute(users, "fileKey");
        MountPlaceholders.Claim second = registry.claim();
        assertThat(second.prepare(users)).as("existing: not Warden's").isFalse();
        assertThat(Files.getAttribute(users, "fileKey")).isEqualTo(usersKey);
        second.close();
        assertThat(users).as("still the user's").isEmptyDirectory();
        assertThat(entries(pool)).as("the pooled one unused").hasSize(1);
    }

    @Test
    void onePlaceholderWrittenIntoFromTheHostGoesBackWhereItStood() throws Exception {
        MountPlaceholders.Claim claim = registry.claim();
        Path mask = workspace.resolve(".claude");
        claim.prepare(mask);
        Files.writeString(mask.resolve("settings.json"), "{}");
        claim.close();
        assertThat(mask.resolve("settings.json")).hasContent("{}");
        assertThat(entries(pool)).as("nothing written ends up in the pool").isEmpty();
    }

    @Test
    void anotherFilesystemGetsMadeAndRemovedMountPoints() throws Exception {
        Path shm = otherFilesystem();
        MountPlaceholders.Claim first = registry.claim();
        first.prepare(workspace.resolve(".vscode"));
        first.close();
        Path elsewhere = Files.createTempDirectory(shm, "warden-pool-test");
        try {
            MountPlaceholders.Claim claim = registry.claim();
            assertThat(claim.prepare(elsewhere.resolve(".codex"))).isTrue();
            assertThat(elsewhere.resolve(".codex")).isEmptyDirectory();
            claim.close();
            assertThat(elsewhere.resolve(".codex")).doesNotExist();
            assertThat(entries(pool)).as("the pooled one stays for its own filesystem").hasSize(1);
        } finally {
            Files.deleteIfExists(elsewhere.resolve(".codex"));
            Files.delete(elsewhere);
        }
    }

    @Test
    void aSecondPoolServesWorkspacesOnItsOwnFilesystem() throws Exception {
        // A desktop session: the lock directory on one filesystem (XDG_RUNTIME_DIR), workspaces on another (home).
        Path shm = otherFilesystem();
        Path home = Files.createTempDirectory(shm, "warden-pool-home");
        try {
            Path second = home.resolve(".cache/warden/mount-points");
            MountPlaceholders desktop = registry.withSecondPool(second);
            assertThat(desktop.hidden()).as("no sandbox sees either pool").containsExactly(root.resolve("lock"), second);
            assertThat(Files.getPosixFilePermissions(second)).isEqualTo(
                    java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
            Path ws = Files.createDirectories(home.resolve("project"));

            MountPlaceholders.Claim first = desktop.claim();
            first.prepare(List.of(ws.resolve(".vscode"), ws.resolve(".codex")));
            first.close();
            assertThat(ws).isEmptyDirectory();
            assertThat(entries(second)).as("kept on the workspace's filesystem").hasSize(2);
            assertThat(entries(pool)).isEmpty();

            MountPlaceholders.Claim next = desktop.claim();
            assertThat(next.prepare(ws.resolve(".mcp.json"))).isTrue();
            assertThat(entries(second)).hasSize(1);
            next.close();
            assertThat(ws).isEmptyDirectory();
        } finally {
            deleteTree(home);
        }
    }

    @Test
    void aSecondPoolThatIsNotPrivateIsNotUsed() throws Exception {
        Path shared = Files.createDirectories(root.resolve("shared-pool"));
        Files.setPosixFilePermissions(shared, java.nio.file.attribute.PosixFilePermissions.fromString("rwxrwxrwx"));
        assertThat(registry.withSecondPool(shared).hidden()).containsExactly(root.resolve("lock"));
    }

    @Test
    void thePoolKeepsAFewLaunchesWorthAndRemovesTheRest() throws Exception {
        List<Path> masks = new ArrayList<>();
        for (int i = 0; i < PlaceholderPool.MAX + 6; i++) {
            masks.add(workspace.resolve(".name" + i));
        }
        MountPlaceholders.Claim claim = registry.claim();
        claim.prepare(masks);
        claim.close();
        assertThat(workspace).isEmptyDirectory();
        assertThat(entries(pool)).hasSize(PlaceholderPool.MAX);
    }

    /** {@code /dev/shm} when it is a writable filesystem other than the one under test; the test is skipped otherwise. */
    private Path otherFilesystem() throws IOException {
        Path shm = Path.of("/dev/shm");
        assumeTrue(Files.isDirectory(shm) && Files.isWritable(shm)
                && !Files.getAttribute(shm, "unix:dev").equals(Files.getAttribute(root, "unix:dev")),
                "a writable filesystem other than the one under test");
        return shm;
    }

    private static void deleteTree(Path dir) throws IOException {
        try (var walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    private static List<Path> entries(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (var list = Files.list(dir)) {
            return list.toList();
        }
    }
}
