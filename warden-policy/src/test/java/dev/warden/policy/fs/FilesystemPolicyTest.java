package dev.warden.policy.fs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class FilesystemPolicyTest {
    private static final Path P = Path.of("/work/p");

    private static FilesystemPolicy policy(boolean read, List<Path> readable, List<Path> writable, List<Path> denied,
                                           List<DenyGlob> globs, List<Path> guarded) {
        return new FilesystemPolicy(read, false, readable, writable, denied, globs, guarded, 3);
    }

    @Test
    void theMostSpecificRootDecides() {
        FilesystemPolicy fs = policy(true, List.of(P.resolve("docs/public")), List.of(P),
                List.of(P.resolve("docs")), List.of(), List.of());
        assertThat(fs.accessFor(Path.of("/etc/hosts"))).isEqualTo(Access.READ);
        assertThat(fs.accessFor(P.resolve("src/A.java"))).isEqualTo(Access.WRITE);
        assertThat(fs.accessFor(P.resolve("docs/internal.md"))).isEqualTo(Access.NONE);
        assertThat(fs.accessFor(P.resolve("docs/public/index.md"))).isEqualTo(Access.READ);
    }

    @Test
    void onATieDenyBeatsWriteBeatsRead() {
        assertThat(policy(false, List.of(), List.of(P), List.of(P), List.of(), List.of()).accessFor(P.resolve("x")))
                .isEqualTo(Access.NONE);
        assertThat(policy(false, List.of(P), List.of(P), List.of(), List.of(), List.of()).accessFor(P.resolve("x")))
                .isEqualTo(Access.WRITE);
        assertThat(policy(false, List.of(P), List.of(), List.of(P), List.of(), List.of()).accessFor(P))
                .isEqualTo(Access.NONE);
    }

    @Test
    void protectedPathsStayReadOnlyEvenUnderAMoreSpecificWritableRoot() {
        FilesystemPolicy fs = policy(true, List.of(), List.of(P, P.resolve(".git/objects")), List.of(), List.of(),
                List.of(P.resolve(".git")));
        assertThat(fs.accessFor(P.resolve(".git/hooks/pre-commit"))).isEqualTo(Access.READ);
        assertThat(fs.accessFor(P.resolve(".git/objects/ab/cdef"))).isEqualTo(Access.READ);
        assertThat(fs.accessFor(P.resolve(".git"))).isEqualTo(Access.READ);
        assertThat(fs.accessFor(P.resolve(".gitignore"))).isEqualTo(Access.WRITE);
    }

    @Test
    void denyGlobsWinOverEverything() {
        FilesystemPolicy fs = policy(true, List.of(), List.of(P, P.resolve("conf")), List.of(),
                List.of(new DenyGlob(P, "**/*.env")), List.of());
        assertThat(fs.accessFor(P.resolve("conf/prod.env"))).isEqualTo(Access.NONE);
        assertThat(fs.accessFor(P.resolve("conf/prod.yaml"))).isEqualTo(Access.WRITE);
    }

    @Test
    void pathsNoRuleCoversAreDenied() {
        FilesystemPolicy fs = policy(false, List.of(), List.of(P), List.of(), List.of(), List.of());
        assertThat(fs.accessFor(Path.of("/etc/passwd"))).isEqualTo(Access.NONE);
        assertThat(fs.accessFor(Path.of("/work/p2/file"))).isEqualTo(Access.NONE);
        assertThat(fs.accessFor(Path.of("/work"))).isEqualTo(Access.NONE);
    }

    @Test
    void dotDotCannotClimbOutOfAWritableRoot() {
        FilesystemPolicy fs = policy(true, List.of(), List.of(P), List.of(), List.of(), List.of());
        assertThat(fs.accessFor(Path.of("/work/p/../q/file"))).isEqualTo(Access.READ);
        assertThat(fs.accessFor(Path.of("/work/p/a/../../p/x"))).isEqualTo(Access.WRITE);
    }

    @Test
    void fullDiskWriteMakesUncoveredPathsWritable() {
        FilesystemPolicy fs = new FilesystemPolicy(true, true, List.of(), List.of(), List.of(Path.of("/secret")),
                List.of(), List.of(Path.of("/home/u/.bashrc")), 8);
        assertThat(fs.accessFor(Path.of("/anything"))).isEqualTo(Access.WRITE);
        assertThat(fs.accessFor(Path.of("/secret/x"))).isEqualTo(Access.NONE);
        assertThat(fs.accessFor(Path.of("/home/u/.bashrc"))).isEqualTo(Access.READ);
    }

    @Test
    void listsAreCanonicalSortedAndDeduplicated() {
        FilesystemPolicy fs = new FilesystemPolicy(false, false, List.of(), List.of(Path.of("/b"), Path.of("/a/./x/.."),
                Path.of("/b")), List.of(), List.of(new DenyGlob(P, "*.a"), new DenyGlob(P, "*.a")), List.of(), 1);
        assertThat(fs.writableRoots()).containsExactly(Path.of("/a"), Path.of("/b"));
        assertThat(fs.denyGlobs()).hasSize(1);
    }

    @Test
    void rejectsRelativePathsAndBadDepth() {
        FilesystemPolicy fs = policy(true, List.of(), List.of(), List.of(), List.of(), List.of());
        assertThatThrownBy(() -> fs.accessFor(Path.of("relative"))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new FilesystemPolicy(false, false, List.of(Path.of("rel")), List.of(), List.of(),
                List.of(), List.of(), 3)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new FilesystemPolicy(false, false, List.of(), List.of(), List.of(),
                List.of(), List.of(), 0)).isInstanceOf(IllegalArgumentException.class);
    }

    /** Random paths under a writable root: a protected path is never writable, a glob match never accessible. */
    @ParameterizedTest
    @MethodSource("seeds")
    void protectionAndDenyGlobsHoldForRandomPaths(long seed) {
        Random random = new Random(seed);
        FilesystemPolicy fs = policy(true, List.of(), List.of(P, P.resolve(".git/objects"), P.resolve("a/b")),
                List.of(P.resolve("a")), List.of(new DenyGlob(P, "**/*.key")), List.of(P.resolve(".git"), P.resolve(".vscode")));
        String[] names = {".git", ".vscode", "a", "b", "src", "objects", "x.key", "hooks", "..", "."};
        for (int n = 0; n < 50; n++) {
            Path path = P;
            int depth = 1 + random.nextInt(6);
            for (int i = 0; i < depth; i++) {
                path = path.resolve(names[random.nextInt(names.length)]);
            }
            Path normal = path.normalize();
            Access access = fs.accessFor(path);
            if (normal.startsWith(P.resolve(".git")) || normal.startsWith(P.resolve(".vscode"))) {
                assertThat(access).as(path.toString()).isNotEqualTo(Access.WRITE);
            }
            if (normal.startsWith(P) && normal.getFileName().toString().endsWith(".key")) {
                assertThat(access).as(path.toString()).isEqualTo(Access.NONE);
            }
        }
    }

    static IntStream seeds() {
        return IntStream.range(0, 100);
    }
}
