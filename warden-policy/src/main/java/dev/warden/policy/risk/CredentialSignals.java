package dev.warden.policy.risk;

import dev.warden.policy.command.DangerousCommands;
import dev.warden.policy.command.Options;
import dev.warden.policy.command.SecretLocations;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Credential probing (ATT&CK's credential-access tactic): reading key files, cloud and cluster credentials, password
 * stores, browser profiles, the environment and process memory; hunting the filesystem for secrets; asking the
 * cloud metadata service for tokens; sniffing traffic and keystrokes; cracking and guessing passwords.
 *
 * <p>Programs that use a credential for its purpose ({@code ssh -i key}, {@code gpg --sign}, {@code aws s3 ls})
 * are not probing: only programs that print, copy, search or pack a credential are.
 */
final class CredentialSignals {
    private CredentialSignals() {
    }

    /** Programs that consume credentials for their own purpose without revealing them. */
    private static final Set<String> CONSUMERS = Set.of("ssh", "scp", "sftp", "ssh-add", "ssh-keygen", "ssh-copy-id",
            "ssh-agent", "git", "gpg", "gpg2", "aws", "gcloud", "az", "kubectl", "helm", "docker", "podman", "terraform",
            "ansible", "ansible-playbook", "sshfs", "source", ".", "chmod", "chown", "chgrp", "mkdir", "touch", "rm",
            "shred", "unlink", "rmdir", "ln", "cd", "vault", "op", "mv", "install", "sshpass", "rsync", "oci", "doctl",
            "eksctl", "kubectx", "minikube", "kind", "k9s");
    /** Programs that print their arguments: a path they print is only read when the output feeds another program. */
    private static final Set<String> PRINTERS = Set.of("echo", "printf");
    /** Programs that only list names, which reveals where credentials are but not what they are. */
    private static final Set<String> LISTERS = Set.of("ls", "stat", "file", "tree", "du", "test", "[", "exa", "eza",
            "find", "locate", "plocate", "mlocate");
    private static final Set<String> SEARCHERS = Set.of("grep", "egrep", "fgrep", "rg", "ag", "ack", "find", "locate",
            "plocate", "mlocate", "git-grep", "zgrep");
    /** Tools made to dump, crack or guess credentials. */
    private static final String[] DUMPERS = {"mimipenguin", "lazagne", "john", "hashcat", "hydra", "medusa", "ncrack",
            "patator", "unshadow", "crackmapexec", "netexec", "secretsdump", "pwdump", "3snake", "swap_digger",
            "truffle", "keytabextract", "procdump", "gcore", "dumpcap-creds", "linikatz"};
    /** Tools that capture network traffic, which carries credentials. */
    private static final Set<String> SNIFFERS = Set.of("tcpdump", "tshark", "dumpcap", "wireshark", "ettercap", "dsniff",
            "ngrep", "tcpflow", "bettercap", "arpspoof", "mitmproxy", "mitmdump", "responder", "termshark");
    /** Where cloud instances and containers hand out credentials to whoever asks. */
    private static final String[] METADATA = {"169.254.169.254", "metadata.google.internal", "169.254.170.2",
            "fd00:ec2::254", "100.100.100.200", "/computemetadata/", "metadata/identity", "/latest/meta-data/iam",
            "/latest/api/token"};
    private static final Pattern INTERFACE = Pattern.compile(
            "(?:eth|em|ens|enp|eno|wlan|wlp|bond|br|en|vlan)[0-9][0-9a-z]*|any");
    private static final Set<String> FIND_PATTERN_OPTIONS = Set.of("-name", "-iname", "-path", "-ipath", "-regex",
            "-iregex", "-wholename", "-lname");
    /** Words in a search pattern that mean "find me credentials". */
    private static final String[] SECRET_PATTERNS = {"password", "passwort", "secret", "token", "api_key", "apikey", "api-key",
            "private key", "private_key", "credential", "aws_access", "aws_secret", "begin rsa", "begin openssh",
            "begin dsa", "begin ec ", "begin pgp private", "authorization:", "bearer "};

    static void check(Invocation inv, Evidence ev) {
        String name = inv.name().toLowerCase(Locale.ROOT);
        storesAndTraces(inv, name, ev);
        environment(inv, name, ev);
        memory(inv, name, ev);
        tools(inv, name, ev);
        search(inv, name, ev);
        for (int k = 0; k < inv.args().size(); k++) {
            String w = inv.args().get(k);
            String l = inv.lowerArgs().get(k);
            for (String endpoint : METADATA) {
                if (l.contains(endpoint)) {
                    ev.credential(RiskLevel.HIGH, "asks the cloud metadata service, which hands out credentials", w);
                    ev.secretsRead = w;
                    return;
                }
            }
        }
    }

    private static void storesAndTraces(Invocation inv, String name, Evidence ev) {
        boolean consumer = CONSUMERS.contains(name);
        List<String> written = new ArrayList<>(inv.writes());
        written.addAll(DangerousCommands.filesWritten(inv.argv()));
        for (String file : inv.reads()) {
            secret(file, "<", false, name, ev);
        }
        if (consumer) {
            return;
        }
        boolean lister = LISTERS.contains(name);
        boolean printer = PRINTERS.contains(name);
        for (String w : inv.args()) {
            if (written.contains(w) || w.startsWith("-") && w.indexOf('=') < 0) {
                continue;
            }
            String word = w.startsWith("-") ? w.substring(w.indexOf('=') + 1) : w;
            if (!printer || inv.pipedOn() || SecretLocations.store(word) == null) {
                secret(word, printer ? name + " | …" : name, lister, name, ev);
            }
            String l = word.toLowerCase(Locale.ROOT);
            if (l.equals("/etc/passwd") || l.equals("/etc/group") || l.endsWith("/etc/master.passwd")
                    || !printer && l.length() > 11 && l.contains("/etc/passwd") && (l.contains("(") || l.contains(" "))) {
                ev.credential(RiskLevel.MEDIUM, "reads the account database", name + " " + word);
            }
        }
        if ((name.equals("getent") && inv.hasAny("passwd", "shadow", "group", "gshadow"))) {
            ev.credential(inv.hasAny("shadow", "gshadow") ? RiskLevel.HIGH : RiskLevel.MEDIUM,
                    "reads the account database", inv.line());
        }
        if (name.equals("history") && inv.args().stream().noneMatch(w -> w.startsWith("-"))) {
            ev.credential(RiskLevel.MEDIUM, "prints the shell history, where passwords get typed", inv.line());
            ev.tracesRead = inv.line();
        }
    }

    private static void secret(String word, String verb, boolean lister, String name, Evidence ev) {
        String store = SecretLocations.store(word);
        if (store != null) {
            ev.credential(lister ? RiskLevel.MEDIUM : RiskLevel.HIGH,
                    lister ? "lists a credential store" : "reads a credential store", verb + " " + word);
            if (!lister) {
                ev.secretsRead = word;
            }
            return;
        }
        String trace = SecretLocations.trace(word);
        if (trace != null && !name.equals("mysql") && !name.equals("mysqldump") && !name.equals("psql")) {
            ev.credential(RiskLevel.MEDIUM, trace.equals("password") || trace.equals("credential")
                    ? "names passwords or credentials" : "reads a place that leads to credentials", verb + " " + word);
            ev.tracesRead = word;
        }
    }

    /** env, printenv, set, export -p, declare -x without arguments print every variable, tokens included. */
    private static void environment(Invocation inv, String name, Evidence ev) {
        List<String> words = inv.argv();
        boolean dump = switch (name) {
            case "env", "printenv" -> words.stream().skip(1).allMatch(w -> w.startsWith("-") && !w.equals("-u")
                    && !w.equals("-C") && !w.equals("-S"));
            case "set" -> words.size() == 1;
            case "export", "declare", "typeset" -> words.size() == 1 || words.size() == 2
                    && (words.get(1).equals("-p") || words.get(1).equals("-x") || words.get(1).equals("-px"));
            case "ps" -> words.stream().skip(1).anyMatch(w -> !w.startsWith("-") && w.indexOf('e') >= 0
                    && w.chars().allMatch(Character::isLetter));
            default -> false;
        };
        if (dump) {
            ev.credential(RiskLevel.MEDIUM, "prints every environment variable, tokens included", inv.line());
            ev.tracesRead = inv.line();
        }
        if ((name.equals("echo") || name.equals("printf") || name.equals("printenv")) && inv.args().stream()
                .anyMatch(w -> SecretLocations.secretVariable(name.equals("printenv") ? "$" + w : w) != null)) {
            ev.credential(RiskLevel.MEDIUM, "prints a secret variable", inv.line());
            ev.tracesRead = inv.line();
        }
    }

    private static void memory(Invocation inv, String name, Evidence ev) {
        for (int k = 0; k < inv.args().size(); k++) {
            String w = inv.args().get(k);
            String l = inv.lowerArgs().get(k);
            if (l.contains("/proc/") && (l.endsWith("/mem") || l.contains("/mem ") || l.endsWith("/maps"))
                    || l.equals("if=/dev/mem") || l.equals("/dev/mem") || l.equals("/dev/kmem")) {
                ev.credential(l.endsWith("/maps") ? RiskLevel.MEDIUM : RiskLevel.HIGH,
                        "reads another process's memory, where passwords and keys live", name + " " + w);
                ev.secretsRead = w;
                return;
            }
        }
        if (name.equals("gdb") && inv.args().stream().anyMatch(w -> w.equals("-p") || w.startsWith("--pid")
                || w.equals("attach") || w.toLowerCase(Locale.ROOT).contains("dump memory"))) {
            ev.credential(RiskLevel.MEDIUM, "attaches a debugger to a running process", inv.line());
        }
        if (name.equals("strace") && inv.has("-p") && inv.args().stream().anyMatch(w -> w.contains("read")
                || w.contains("write"))) {
            ev.credential(RiskLevel.HIGH, "traces a running process's reads and writes, capturing what is typed", inv.line());
        }
    }

    private static void tools(Invocation inv, String name, Evidence ev) {
        String bare = name.replace(".py", "").replace(".sh", "").replace(".pl", "");
        for (String tool : DUMPERS) {
            if (bare.startsWith(tool)) {
                ev.credential(RiskLevel.HIGH, "runs a tool made to dump, crack or guess credentials", inv.line());
                ev.secretsRead = inv.line();
                return;
            }
        }
        for (String lower : inv.lowerArgs()) {
            if (!lower.endsWith(".py") && !lower.endsWith(".sh") && !lower.endsWith(".pl")) {
                continue;
            }
            String l = Options.basename(lower);
            for (String tool : DUMPERS) {
                if (l.startsWith(tool)) {
                    ev.credential(RiskLevel.HIGH, "runs a tool made to dump, crack or guess credentials", inv.line());
                    return;
                }
            }
        }
        if (SNIFFERS.contains(name) || name.contains("pcap") || name.contains("sniff")) {
            ev.credential(RiskLevel.MEDIUM, "captures network traffic, which carries credentials", inv.line());
        } else if (inv.privileged() && interfaceArgument(inv)) {
            ev.credential(RiskLevel.MEDIUM, "reads a network interface as root, as packet sniffers do", inv.line());
        }
        if (name.equals("sshpass") || name.equals("sudo") && inv.has("-S")) {
            ev.credential(RiskLevel.MEDIUM, "passes a password on the command line or a pipe", inv.line());
        }
        boolean keyring = switch (name) {
            case "secret-tool" -> inv.hasAny("lookup", "search");
            case "security" -> inv.args().stream().anyMatch(w -> w.startsWith("find-") && w.endsWith("-password")
                    || w.equals("dump-keychain"));
            case "pass", "gopass" -> inv.hasAny("show") || inv.operands().size() == 1 && !inv.hasAny("ls", "list", "init");
            case "lpass", "bw" -> inv.hasAny("show", "get", "export");
            case "op" -> inv.hasAny("read") || inv.has("item") && inv.has("get");
            case "vault" -> inv.hasAny("read") || inv.has("kv") && inv.has("get");
            case "kwallet-query", "keyctl" -> inv.hasAny("-r", "--read-password", "print", "read", "pipe");
            case "gpg", "gpg2" -> inv.args().stream().anyMatch(w -> w.startsWith("--export-secret"));
            default -> false;
        };
        if (keyring) {
            ev.credential(RiskLevel.HIGH, "reads a secret from a password manager or keyring", inv.line());
            ev.secretsRead = inv.line();
        }
        if (name.equals("trap") && inv.args().stream().anyMatch(w -> w.contains("BASH_COMMAND"))
                || inv.args().stream().anyMatch(w -> w.contains("pam_tty_audit") || w.contains("log_passwd"))
                || name.equals("auditctl") && inv.args().stream().anyMatch(w -> w.contains("execve"))) {
            ev.credential(name.equals("auditctl") ? RiskLevel.MEDIUM : RiskLevel.HIGH,
                    "records every command or keystroke typed, passwords included", inv.line());
            ev.exfiltration(RiskLevel.MEDIUM, "collects what people type", inv.line());
        }
    }

    /** {@code -i eth0}, {@code -i em0}: a network interface given to a program that is not a known network tool. */
    private static boolean interfaceArgument(Invocation inv) {
        String iface = inv.value("-i", "--interface");
        return iface != null && INTERFACE.matcher(iface).matches();
    }

    /** grep -ri password /, find / -name '*.pem': hunting the filesystem for credentials. */
    private static void search(Invocation inv, String name, Evidence ev) {
        if (!SEARCHERS.contains(name) && !(name.equals("git") && inv.has("grep"))) {
            return;
        }
        List<String> patterns = new ArrayList<>();
        List<String> roots = new ArrayList<>();
        List<String> a = inv.args();
        boolean find = name.equals("find");
        boolean locate = name.endsWith("locate");
        boolean expression = false;
        for (int i = 0; i < a.size(); i++) {
            String w = a.get(i);
            if (find) {
                expression |= w.startsWith("-") || w.equals("!") || w.equals("(");
                if (FIND_PATTERN_OPTIONS.contains(w) && i + 1 < a.size()) {
                    patterns.add(a.get(++i));
                } else if (!expression) {
                    roots.add(w);
                }
            } else if ((w.equals("-e") || w.equals("--regexp")) && i + 1 < a.size()) {
                patterns.add(a.get(++i));
            } else if (!w.startsWith("-")) {
                (patterns.isEmpty() && !locate || locate ? patterns : roots).add(w);
            }
        }
        String pattern = null;
        for (String p : patterns) {
            String l = p.toLowerCase(Locale.ROOT);
            if (l.equals("pass") || l.equals("pwd") && !find || SecretLocations.store(p) != null) {
                pattern = p;
            }
            for (String marker : SECRET_PATTERNS) {
                if (l.contains(marker)) {
                    pattern = p;
                }
            }
        }
        if (pattern == null) {
            return;
        }
        boolean wide = locate || roots.stream().anyMatch(w -> SensitivePaths.outsideWorkspace(w, inv.context()));
        ev.credential(wide ? RiskLevel.HIGH : RiskLevel.MEDIUM,
                wide ? "searches outside the workspace for credentials" : "searches for credentials", inv.line());
        if (wide) {
            ev.secretsRead = inv.line();
        } else {
            ev.tracesRead = inv.line();
        }
    }
}
