package dev.warden.policy.command;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Persistence, defence impairment and secret reading: the ATT&CK tactics beyond plain destruction. */
class SecurityWeakeningTest {

    private static Optional<String> danger(String line) {
        return DangerousCommands.dangerReason(Words.of(line), DangerousCommandsTest.AT_ROOT);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "tee -a ~/.bashrc                         | tee writes a file that runs or configures commands later: ~/.bashrc",
            "sudo tee /etc/ld.so.preload              | tee writes a file that runs or configures commands later: /etc/ld.so.preload",
            "cp evil.sh .git/hooks/pre-commit         | cp writes a file that runs or configures commands later: .git/hooks/pre-commit",
            "cp key.pub /home/dev/.ssh/authorized_keys | cp writes a file that runs or configures commands later",
            "install -m 644 x.service /etc/systemd/system/ | install writes a file that runs or configures commands later",
            "mv job /etc/cron.d/job                   | mv writes a file that runs or configures commands later: /etc/cron.d/job",
            "ln -sf /tmp/x ~/.profile                 | ln writes a file that runs or configures commands later: ~/.profile",
            "sed -i 's/a/b/' /etc/sudoers             | sed writes a file that runs or configures commands later: /etc/sudoers",
            "sed -i.bak 1d /etc/pam.d/su              | sed writes a file that runs or configures commands later: /etc/pam.d/su",
            "dd of=/etc/rc.local                      | dd writes a file that runs or configures commands later: /etc/rc.local",
            "tee .vscode/tasks.json                   | tee writes a file that runs or configures commands later: .vscode/tasks.json",
            "tee .git/config                          | tee writes a file that runs or configures commands later: .git/config",
            "crontab evil.cron                        | crontab installs scheduled commands from evil.cron",
            "crontab -                                | crontab installs scheduled commands from standard input",
            "setenforce 0                             | setenforce 0 turns SELinux enforcement off",
            "setenforce Permissive                    | setenforce 0 turns SELinux enforcement off",
            "ufw disable                              | ufw disable turns the firewall off",
            "iptables -F                              | iptables -F removes firewall rules",
            "iptables -P INPUT ACCEPT                 | iptables -P INPUT ACCEPT opens the firewall",
            "nft flush ruleset                        | nft flush removes firewall rules",
            "auditctl -e 0                            | auditctl turns auditing off",
            "auditctl -D                              | auditctl turns auditing off",
            "systemctl stop auditd                    | systemctl stops or disables the security service auditd",
            "sudo systemctl disable falcon-sensor.service | systemctl stops or disables the security service falcon-sensor",
            "service rsyslog stop                     | service stops or disables the security service rsyslog",
            "systemctl mask apparmor                  | systemctl stops or disables the security service apparmor",
            "history -c                               | history -c erases the shell history",
            "unset HISTFILE                           | turns off the shell history: unset HISTFILE",
            "export HISTFILE=/dev/null                | turns off the shell history",
            "export HISTSIZE=0                        | turns off the shell history",
            "set +o history                           | turns off the shell history",
            "useradd -o -u 0 backdoor                 | useradd changes user accounts or their privileges",
            "usermod -aG sudo agent                   | usermod changes user accounts or their privileges",
            "passwd root                              | passwd changes user accounts or their privileges",
            "insmod rootkit.ko                        | insmod changes the running kernel's modules",
            "modprobe -r apparmor                     | modprobe changes the running kernel's modules"})
    void weakeningCommandsSayWhy(String line, String reason) {
        assertThat(danger(line.strip())).as(line).hasValueSatisfying(r -> assertThat(r).startsWith(reason.strip()));
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "tee out.log", "cp .bashrc.example docs/", "cp a.txt b.txt", "sed -i s/a/b/ src/App.java", "sed -n 1p ~/.bashrc",
            "cat ~/.bashrc", "systemctl status auditd", "systemctl start auditd", "systemctl stop nginx", "service nginx stop",
            "iptables -L", "iptables -S", "ufw status", "auditctl -l", "history", "history 10", "unset FOO", "export PATH=/x",
            "set -e", "set +o errexit", "passwd --status", "crontab -l", "crontab -e", "ln -s ../lib lib", "dd if=a of=b"})
    void nearbyHarmlessCommandsAreNotFlagged(String line) {
        assertThat(danger(line)).as(line).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "~/.zshrc                  | redirection writes a file that runs or configures commands later: ~/.zshrc",
            "/etc/profile.d/x.sh       | redirection writes a file that runs or configures commands later",
            "/var/spool/cron/root      | redirection writes a file that runs or configures commands later",
            ".git/hooks/post-checkout  | redirection writes a file that runs or configures commands later",
            "/dev/sda                  | redirection writes to the device /dev/sda",
            "/dev/tcp/10.0.0.1/4444    | redirection opens a raw network connection, a reverse-shell technique",
            "/dev/udp/10.0.0.1/53      | redirection opens a raw network connection"})
    void redirectTargetsThatMatter(String target, String reason) {
        assertThat(DangerousCommands.redirectDanger(target.strip(), DangerousCommandsTest.AT_ROOT))
                .hasValueSatisfying(r -> assertThat(r).startsWith(reason.strip()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"out.txt", "/dev/null", "/dev/stderr", "/dev/fd/2", "/tmp/log", "build/.bashrc.txt", "/dev/tty"})
    void ordinaryRedirectTargets(String target) {
        assertThat(DangerousCommands.redirectDanger(target, DangerousCommandsTest.AT_ROOT)).as(target).isEmpty();
        assertThat(DangerousCommands.redirectDanger(target, null)).as(target).isEmpty();
    }

    /** Reading is read-only, but reading credentials into the agent's context is not "safe": the policy should ask. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "cat README.md         | cat ~/.ssh/id_rsa",
            "cat README.md         | cat ~/.aws/credentials",
            "cat README.md         | cat .env",
            "cat README.md         | cat config/.env.local",
            "cat README.md         | cat ~/.bash_history",
            "cat README.md         | cat /etc/shadow",
            "cat README.md         | cat /proc/1/environ",
            "cat README.md         | cat ~/.netrc",
            "cat README.md         | cat ~/.kube/config",
            "cat README.md         | cat ~/.docker/config.json",
            "cat README.md         | cat ~/.git-credentials",
            "ls -la                | ls -la ~/.gnupg",
            "grep -rn TODO /       | grep -ri password /",
            "find / -name x        | find / -name id_rsa",
            "find / -name x        | find / -path '*.mozilla/firefox/*/places.sqlite'",
            "head -1 a             | head -1 $HISTFILE",
            "git show HEAD:a.txt   | git show HEAD:.env",
            "echo $HOME            | echo $GITHUB_TOKEN",
            "echo $PATH            | echo ${AWS_SECRET_ACCESS_KEY}",
            "printf %s $USER       | printf %s $OPENAI_API_KEY"})
    void readingSecretsIsNotKnownSafe(String plain, String secret) {
        assertThat(KnownSafeCommands.isKnownSafe(Words.of(plain.strip()))).as(plain).isTrue();
        assertThat(KnownSafeCommands.isKnownSafe(Words.of(secret.strip()))).as(secret).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"cat environment.yml", "ls src/envs", "cat .envrc.example", "grep -r dotenv src", "cat /etc/passwd",
            "cat docs/env.md", "ls node_modules/.environment"})
    void wordsMerelyNearSecretsStaySafe(String line) {
        assertThat(KnownSafeCommands.isKnownSafe(Words.of(line))).as(line).isTrue();
    }
}
