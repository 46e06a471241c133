package dev.warden.sandbox.escape;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;

import static org.assertj.core.api.Assertions.assertThat;

/** Real work still happens inside the sandbox: git, builds writing the workspace and /tmp, IPC. */
abstract class Workloads extends EscapeCases {
    Workloads(BackendUnderTest under) {
        super(under);
    }

    @Test
    void gitStatusWorksAndCommitFailsClearlyBecauseGitIsReadOnly() throws Exception {
        String head = read(f.workspace.resolve(".git/refs/heads/main"));
        Run status = bash("echo change >> README.md && git status --porcelain");
        assertThat(status.exit()).as("%s", status).isZero();
        assertThat(status.out()).contains("M README.md");

        Run commit = bash("git add README.md; git commit -qm agent-commit");
        assertThat(commit.exit()).isNotZero();
        // The message a user (or agent) sees names the lock file and the read-only filesystem.
        assertThat(commit.err()).contains("index.lock");
        assertThat(read(f.workspace.resolve(".git/refs/heads/main"))).isEqualTo(head);
        assertThat(f.workspace.resolve(".git/index.lock")).doesNotExist();
    }

    @Test
    void buildStyleWritesInWorkspaceAndTmp() {
        Run r = bash("mkdir -p lib/target/classes && echo compiled > lib/target/classes/A.class"
                + " && t=$(mktemp) && echo scratch > \"$t\" && cat \"$t\" && rm \"$t\""
                + " && " + PYTHON + " -c 'import tempfile; tempfile.NamedTemporaryFile().write(b\"x\"); print(\"py-ok\")'"
                + " && " + PYTHON + " " + probe + " socketpair");
        assertThat(r.exit()).as("%s", r).isZero();
        assertThat(r.out()).contains("scratch", "py-ok", "socketpair OK");
        assertThat(Files.exists(f.workspace.resolve("lib/target/classes/A.class"))).isTrue();
    }

    @Test
    void newEntriesAtTheTopOfTheWorkspace() {
        Run r = bash("mkdir target && echo x > target/a && echo x > notes.md && rm notes.md && rm -r target && echo DONE");
        if (under.topLevelCreate()) {
            assertThat(r.out()).as("%s", r).contains("DONE");
        } else {
            // Documented Landlock limit: the workspace root holds protected names, so it is not carved writable.
            assertThat(r.out()).doesNotContain("DONE");
            assertThat(r.err()).contains("Permission denied");
        }
    }
}
