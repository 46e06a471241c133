package dev.warden.policy.command;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class KnownSafeCommandsTest {

    @ParameterizedTest
    @ValueSource(strings = {
            "ls", "ls -la src", "cat README.md", "head -n 20 pom.xml", "tail -f log.txt", "wc -l a b", "grep -rn TODO src",
            "pwd", "echo hello world", "true", "false", "printf '%s\\n' x", "nl -ba file", "cut -d: -f1 /etc/passwd",
            "sort -u names.txt", "sort -k2 -t, data.csv", "sort -to data", "uniq -c", "uniq -f 2 in.txt", "tr a-z A-Z",
            "file README.md", "file -m magic x", "du -sh .", "df -h", "basename /a/b", "dirname /a/b", "realpath .",
            "readlink -f x",
            "tree -L 2", "tree -a -I node_modules", "diff -u a b", "cmp a b", "column -t", "expr 1 + 2", "seq 10",
            "test -f x", "[ -d src ]", "stat x", "which java", "/bin/ls -l", "/usr/bin/cat x",
            "cd src", "tac x", "sha256sum x", "od -c x", "base64 x", "base64 -d x", "find . -name '*.java'",
            "find src -type f -newer pom.xml -print", "rg TODO", "rg -n --hidden foo src", "rg -i -e pattern",
            "sed -n 5p file", "sed -n 1,20p file", "sed -n '$p' file", "sed -n -e 10,20p a b", "sed -n --expression=3p x",
            "sed -E -n 1p x"})
    void readOnlyCommandsAreKnownSafe(String line) {
        assertThat(KnownSafeCommands.isKnownSafe(Words.of(line))).as(line).isTrue();
    }

    /** Host and identity discovery is not known-safe: it is ATT&CK's discovery step, rarely workspace work. */
    @ParameterizedTest
    @ValueSource(strings = {"whoami", "id -u", "groups", "uname -a", "hostname", "hostname -f", "date", "date +%s",
            "uptime", "find / -perm -4000", "find /usr/bin -perm -u=s", "find . -perm /2000"})
    void hostDiscoveryIsNotKnownSafe(String line) {
        assertThat(KnownSafeCommands.isKnownSafe(Words.of(line))).as(line).isFalse();
    }

    /** Each row: a safe command, and the same command with the one word that makes it unsafe. */
    @ParameterizedTest(name = "{0}  ->  {1}")
    @CsvSource(delimiter = '|', value = {
            "find . -name x               | find . -name x -exec rm {} ;",
            "find . -name x               | find . -name x -execdir sh -c id ;",
            "find . -name x               | find . -name x -ok rm {} ;",
            "find . -name x               | find . -name x -okdir rm {} ;",
            "find . -name x               | find . -name x -delete",
            "find . -name x               | find . -fprint /tmp/out",
            "find . -name x               | find . -fprint0 /tmp/out",
            "find . -name x               | find . -fprintf /tmp/out %p",
            "find . -name x               | find . -fls /tmp/out",
            "rg foo                       | rg --pre ./evil foo",
            "rg foo                       | rg --pre=./evil foo",
            "rg foo                       | rg --pre-glob '*.pdf' foo",
            "rg foo                       | rg --hostname-bin ./evil foo",
            "rg foo                       | rg --search-zip foo",
            "rg foo                       | rg -z foo",
            "rg -n foo                    | rg -nz foo",
            "sed -n 1p f                  | sed -i 1d f",
            "sed -n 1p f                  | sed -n 1p f -i",
            "sed -n 1p f                  | sed -ni 1p f",
            "sed -n 1p f                  | sed -n '1w /tmp/out' f",
            "sed -n 1p f                  | sed -n 1e f",
            "sed -n 1p f                  | sed -n 's/x/id/e' f",
            "sed -n 1p f                  | sed -n -f script.sed f",
            "sed -n 1p f                  | sed 1p f",
            "sed -n 1p f                  | sed -n p f",
            "sed -n 1,5p f                | sed -n 1,5p;w/tmp/x f",
            "base64 x                     | base64 -o out x",
            "base64 x                     | base64 --output out x",
            "base64 x                     | base64 --output=out x",
            "base64 x                     | base64 -oout x",
            "sort a                       | sort -o out a",
            "sort a                       | sort -ro out a",
            "sort a                       | sort --output=out a",
            "sort a                       | sort --out=out a",
            "sort a                       | sort --compress-program=sh a",
            "tree                         | tree -o out.txt",
            "tree                         | tree -aR -H . ",
            "uniq in.txt                  | uniq in.txt out.txt",
            "file x                       | file -C -m magic",
            "file x                       | file --compile",
            "printf x                     | printf -v PATH /tmp",
            "ls                           | ./ls",
            "ls                           | /tmp/ls",
            "ls                           | /usr/local/bin/ls",
            "ls                           | /bin/../tmp/ls",
            "cat x                        | bat x",
            "echo hi                      | env",
            "echo hi                      | printenv",
            "echo hi                      | env ls",
            "wc -l x                      | xargs wc -l"})
    void oneWordMakesItUnsafe(String safe, String unsafe) {
        assertThat(KnownSafeCommands.isKnownSafe(Words.of(safe.strip()))).as(safe).isTrue();
        assertThat(KnownSafeCommands.isKnownSafe(Words.of(unsafe.strip()))).as(unsafe).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "git status", "git log --oneline -10", "git log -p -1", "git show HEAD", "git diff --stat", "git diff --no-ext-diff",
            "git diff --text", "git --no-pager log", "git -P diff", "git blame README.md", "git rev-parse HEAD",
            "git ls-files", "git grep -n TODO", "git describe --tags", "git shortlog -sn", "git branch", "git branch -a",
            "git branch -vv", "git branch --show-current", "git branch --list 'feat/*'", "git branch -l 'x*'",
            "git branch --contains HEAD", "git branch --merged main", "git branch --sort=-committerdate",
            "git tag", "git tag -l 'v1.*'", "git tag -n5", "git tag --contains abc123", "git stash list",
            "git stash show -p", "git reflog", "git reflog show main", "git remote -v", "git worktree list",
            "git cat-file -p HEAD", "git --version", "git merge-base main HEAD", "git status --porcelain=v1"})
    void readOnlyGitIsKnownSafe(String line) {
        assertThat(KnownSafeCommands.isKnownSafe(Words.of(line))).as(line).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "git", "git commit -m x", "git push", "git fetch", "git pull", "git checkout main", "git reset --hard",
            "git clean -fdx", "git config user.name", "git help log", "git --help",
            "git -c core.pager=evil log", "git -ccore.pager=evil log", "git -C /other status", "git --git-dir=/x status",
            "git --work-tree=/ status", "git --exec-path=/tmp log", "git -p log", "git --paginate log",
            "git --namespace=x log", "git --config-env=core.pager=X log",
            "git diff --output=/tmp/x", "git log --output /tmp/x", "git show --out=/tmp/x", "git diff --ext-diff",
            "git log -p --ext-diff", "git diff --textconv", "git show --textc", "git grep --open-files-in-pager=vim x",
            "git grep -Ovim x", "git grep -iO x", "git cat-file --filters HEAD:x", "git cat-file --textconv HEAD:x",
            "git branch new", "git branch -d old", "git branch -D old", "git branch -m a b", "git branch -M b",
            "git branch -c a b", "git branch -f main HEAD", "git branch -u origin/main", "git branch --set-upstream-to=x",
            "git branch --edit-description", "git branch -a newbranch", "git branch --delete x", "git tag v1.0",
            "git tag -d v1.0", "git tag -a v1 -m msg", "git tag -f v1", "git tag -v v1", "git stash", "git stash pop",
            "git stash drop", "git stash clear", "git reflog expire --all", "git reflog delete HEAD@{1}",
            "git remote add evil https://x", "git remote show origin", "git worktree add ../x", "git submodule update"})
    void gitThatWritesOrRunsProgramsIsNotKnownSafe(String line) {
        assertThat(KnownSafeCommands.isKnownSafe(Words.of(line))).as(line).isFalse();
    }

    @Test
    void emptyAndUnknownCommandsAreNotKnownSafe() {
        assertThat(KnownSafeCommands.isKnownSafe(List.of())).isFalse();
        assertThat(KnownSafeCommands.isKnownSafe(List.of("rm", "x"))).isFalse();
        assertThat(KnownSafeCommands.isKnownSafe(List.of("python3", "-c", "print(1)"))).isFalse();
        assertThat(KnownSafeCommands.isKnownSafe(List.of("bash", "-c", "ls"))).isFalse();
        assertThat(KnownSafeCommands.isKnownSafe(List.of("FOO=1", "ls"))).isFalse();
        assertThat(KnownSafeCommands.isKnownSafe(List.of(""))).isFalse();
    }

    @Test
    void operandsAfterDoubleDashAreNotOptions() {
        assertThat(KnownSafeCommands.isKnownSafe(List.of("sort", "--", "-o"))).isTrue();
        assertThat(KnownSafeCommands.isKnownSafe(List.of("rg", "--", "-z"))).isTrue();
        // find has no "--" escape for its expression: -delete after it is still an action.
        assertThat(KnownSafeCommands.isKnownSafe(List.of("find", "--", ".", "-delete"))).isFalse();
    }
}
