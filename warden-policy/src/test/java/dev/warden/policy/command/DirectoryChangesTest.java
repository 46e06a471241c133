package dev.warden.policy.command;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Where cd, pushd and popd take the commands after them; "?" in a case is a directory only run time knows. */
class DirectoryChangesTest {
    private static final Path HOME = Path.of("/home/dev");
    private static final Path PROJECT = Path.of("/home/dev/project");
    private static final DangerContext IN_PROJECT = new DangerContext(PROJECT, List.of(PROJECT), HOME);

    private static List<String> words(String command) {
        return Arrays.asList(command.split(" "));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "cd /etc | /etc",
            "cd | /home/dev",
            "cd ~ | /home/dev",
            "cd ~/src | /home/dev/src",
            "cd $HOME | /home/dev",
            "cd ${HOME}/x | /home/dev/x",
            "cd $PWD/.. | /home/dev",
            "cd build | /home/dev/project/build",
            "cd -P /usr | /usr",
            "cd -- ../other | /home/dev/other",
            "builtin cd /var | /var",
            "command cd /opt | /opt",
            "pushd /srv | /srv",
            "pushd -n /srv | /home/dev/project",
            "cd - | ?",
            "cd ~root | ?",
            "cd $SOMEWHERE | ?",
            "cd $(mktemp) | ?",
            "popd | ?",
            "pushd | ?",
            "pushd +1 | ?",
    })
    void resolvesWhereTheShellGoes(String command, String expected) {
        List<String> argv = words(command);
        assertThat(DirectoryChanges.changesDirectory(argv)).as(command).isTrue();
        Path target = DirectoryChanges.target(argv, IN_PROJECT, false);
        assertThat(target == null ? "?" : target.toString()).as(command).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "cd build | ?",
            "pushd src/main | ?",
            "cd ./build | /home/dev/project/build",
            "cd ../x | /home/dev/x",
            "cd . | /home/dev/project",
            "cd /etc | /etc",
            "cd ~/src | /home/dev/src",
            "cd | /home/dev",
    })
    void withCdpathSetARelativeNameIsLookedUpThere(String command, String expected) {
        Path target = DirectoryChanges.target(words(command), IN_PROJECT, true);
        assertThat(target == null ? "?" : target.toString()).as(command).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "PWD=/; rm -rf $PWD/usr | true", "export HOME=/etc | true", "read HOME | true", "for PWD in / | true",
            "declare -x PWD | true", "echo $PWD ${PWD} ${PWD:-x} $HOME | false", "echo $OLDPWD; OLDPWD=/x | false",
            "HOMEDIR=/x; MY_HOME=/y | false"})
    void aScriptMayAssignHomeOrPwd(String script, boolean assigns) {
        assertThat(ShellVariables.mayAssign(script, "HOME") || ShellVariables.mayAssign(script, "PWD")).as(script)
                .isEqualTo(assigns);
    }

    @ParameterizedTest
    @ValueSource(strings = {"ls /etc", "echo cd /", "builtin echo cd", "cdrecord /dev/sr0", "command -v cd"})
    void otherCommandsChangeNoDirectory(String command) {
        assertThat(DirectoryChanges.changesDirectory(words(command))).as(command).isFalse();
    }
}
