package dev.warden.policy.risk;

import dev.warden.policy.command.Options;
import dev.warden.policy.command.ProgramKinds;
import dev.warden.policy.risk.NetworkUse.Payload;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Reads what network clients send: curl and wget uploads, raw sockets (nc, socat, telnet, openssl s_client), remote
 * copies (scp, rsync, sftp, cloud storage), mail, and the odd tools that carry data in a request (whois, finger,
 * hping3, ab, lp). Each program's options are read the way it reads them, so {@code -d @file} is a file and
 * {@code -d x=1} is data.
 */
final class NetworkClients {
    private NetworkClients() {
    }

    private static final Set<String> RAW_CLIENTS = Set.of("nc", "ncat", "netcat", "nc.traditional", "nc.openbsd",
            "telnet", "pwncat", "socket");
    private static final Set<String> FILE_SESSIONS = Set.of("ftp", "tftp", "lftp", "sftp", "ncftp", "smbclient",
            "pftp", "gftp", "psftp");
    private static final Set<String> MAILERS = Set.of("mail", "mailx", "mutt", "sendmail", "s-nail", "msmtp", "ssmtp");
    private static final Set<String> LOOKUPS = Set.of("dig", "nslookup", "host", "drill", "kdig", "delv", "ping",
            "ping6", "traceroute", "tracepath", "resolvectl", "getent");
    private static final Set<String> TUNNELS = Set.of("ngrok", "cloudflared", "devtunnel", "lt", "localtunnel", "bore",
            "frpc", "chisel", "inlets", "zrok", "pinggy");

    /** Everything {@code inv} would send over the network. */
    static List<NetworkUse> uses(Invocation inv) {
        String name = inv.name().toLowerCase(Locale.ROOT);
        List<NetworkUse> out = new ArrayList<>();
        switch (name) {
            case "curl" -> HttpUploads.curl(inv, out);
            case "wget", "wget2" -> HttpUploads.wget(inv, out);
            case "scp", "rsync" -> remoteCopy(inv, out);
            case "ssh" -> ssh(inv, out);
            case "socat" -> socat(inv, out);
            case "openssl" -> {
                if (inv.has("s_client")) {
                    out.add(NetworkUse.of(Payload.STDIN, hostValue(inv.value("-connect")), "openssl s_client"));
                } else if (inv.has("s_server")) {
                    out.add(NetworkUse.of(Payload.SERVE, "", "openssl s_server"));
                }
            }
            case "aws", "gsutil", "az", "gcloud", "s3cmd", "mc" -> cloudCopy(inv, out);
            case "whois" -> {
                String host = inv.value("-h", "--host");
                if (host != null && !inv.operands().isEmpty()) {
                    out.add(NetworkUse.of(Payload.DATA, host, "whois -h " + host + " " + inv.operands().getLast()));
                }
            }
            case "finger" -> inv.operands().stream().filter(w -> w.indexOf('@') > 0).findFirst().ifPresent(w ->
                    out.add(NetworkUse.of(Payload.DATA, w.substring(w.lastIndexOf('@') + 1), "finger " + w)));
            case "rlogin", "rsh", "rexec" -> {
                String user = inv.value("-l");
                if (user != null && !inv.operands().isEmpty()) {
                    out.add(NetworkUse.of(Payload.DATA, inv.operands().getLast(), name + " -l " + user));
                }
            }
            case "hping3", "hping" -> {
                String file = inv.value("--file", "-E");
                String host = inv.operands().isEmpty() ? "" : inv.operands().getFirst();
                out.add(file != null ? NetworkUse.file(host, file, name + " --file " + file)
                        : NetworkUse.of(Payload.NOTHING, host, name));
            }
            case "ab" -> {
                String file = inv.value("-p", "-u");
                String url = inv.operands().isEmpty() ? "" : inv.operands().getLast();
                if (file != null) {
                    out.add(NetworkUse.file(Hosts.hostOf(url), file, "ab -p " + file + " " + url));
                }
            }
            case "lp", "lpr", "cancel" -> {
                String host = inv.value("-h", "-H");
                if (host != null) {
                    List<String> files = inv.operands();
                    out.add(files.isEmpty() || name.equals("cancel") ? NetworkUse.of(Payload.DATA, host, name + " -h " + host)
                            : NetworkUse.file(host, files.getFirst(), name + " " + files.getFirst() + " -h " + host));
                }
            }
            case "restic" -> {
                String repo = inv.value("-r", "--repo");
                if (repo != null && repo.contains(":") && inv.has("backup")) {
                    out.add(NetworkUse.file(repo, inv.operands().getLast(), "restic -r " + repo + " backup"));
                }
            }
            case "tar" -> {
                String archive = inv.value("-f", "--file");
                if ((archive != null && remotePath(archive)) || inv.args().stream().anyMatch(w -> w.startsWith("--rsh-command"))) {
                    out.add(NetworkUse.file(archive == null ? "" : Hosts.hostOf(archive), archive == null ? "" : archive,
                            "tar to a remote archive " + (archive == null ? "" : archive)));
                }
            }
            case "sshfs", "rclone" -> {
                if (name.equals("sshfs") || inv.has("mount")) {
                    inv.operands().stream().filter(NetworkClients::remotePath).findFirst().ifPresent(w ->
                            out.add(NetworkUse.of(Payload.MOUNT, Hosts.hostOf(w), name + " " + w)));
                } else {
                    cloudCopy(inv, out);
                }
            }
            case "kubectl" -> {
                if ((inv.has("proxy") || inv.has("port-forward")) && (inv.args().stream().anyMatch(w -> w.startsWith("--www"))
                        || "0.0.0.0".equals(inv.value("--address")))) {
                    out.add(NetworkUse.of(Payload.SERVE, "", "kubectl " + (inv.has("proxy") ? "proxy" : "port-forward")
                            + " on every interface"));
                }
            }
            case "tailscale" -> {
                if (inv.has("serve") || inv.has("funnel")) {
                    out.add(NetworkUse.of(Payload.TUNNEL, "", "tailscale " + (inv.has("funnel") ? "funnel" : "serve")));
                }
            }
            case "code", "code-insiders" -> {
                if (inv.has("tunnel")) {
                    out.add(NetworkUse.of(Payload.TUNNEL, "", name + " tunnel"));
                }
            }
            case "php" -> {
                if (inv.has("-S")) {
                    out.add(NetworkUse.of(Payload.SERVE, "", "php -S " + inv.value("-S")));
                }
            }
            case "busybox", "httpd", "webfsd" -> {
                if (name.equals("busybox") ? inv.has("httpd") : inv.has("-f") || inv.has("-p")) {
                    out.add(NetworkUse.of(Payload.SERVE, "", name + " httpd"));
                }
            }
            default -> {
                if (RAW_CLIENTS.contains(name)) {
                    rawClient(inv, out);
                } else if (FILE_SESSIONS.contains(name)) {
                    fileSession(inv, out);
                } else if (MAILERS.contains(name)) {
                    mail(inv, out);
                } else if (LOOKUPS.contains(name)) {
                    inv.operands().stream().filter(w -> w.indexOf('.') > 0 && !w.startsWith("@")).findFirst()
                            .ifPresent(w -> out.add(NetworkUse.of(Payload.NOTHING, w, name + " " + w)));
                } else if (TUNNELS.contains(name)) {
                    out.add(NetworkUse.of(Payload.TUNNEL, "", inv.line()));
                } else if (ProgramKinds.isInterpreter(name) || name.startsWith("python") || name.startsWith("ruby")) {
                    interpreterServer(inv, out);
                }
            }
        }
        return out;
    }

    /** scp and rsync: a remote destination with local sources is an upload; the other way is a download. */
    private static void remoteCopy(Invocation inv, List<NetworkUse> out) {
        List<String> operands = new ArrayList<>();
        List<String> a = inv.args();
        String valued = inv.name().equals("scp") ? "cFiloPSJDX" : "eBfTM";
        for (int i = 0; i < a.size(); i++) {
            String w = a.get(i);
            if (w.startsWith("--")) {
                if (w.indexOf('=') < 0 && (w.equals("--rsh") || w.equals("--rsync-path") || w.equals("--exclude")
                        || w.equals("--include") || w.equals("--filter") || w.equals("--password-file"))) {
                    i++;
                }
            } else if (Options.isShortCluster(w)) {
                if (valued.indexOf(w.charAt(w.length() - 1)) >= 0 && w.length() == 2) {
                    i++;
                }
            } else {
                operands.add(w);
            }
        }
        if (operands.size() < 2) {
            return;
        }
        String destination = operands.getLast();
        List<String> sources = operands.subList(0, operands.size() - 1);
        if (remotePath(destination)) {
            for (String source : sources) {
                if (!remotePath(source)) {
                    out.add(NetworkUse.file(Hosts.hostOf(destination), source, inv.name() + " " + source + " " + destination));
                }
            }
        } else {
            out.add(NetworkUse.of(Payload.NOTHING, Hosts.hostOf(sources.getFirst()), inv.name() + " " + sources.getFirst()));
        }
    }

    /** {@code [user@]host:path}, {@code host::module} or a URL: a place on another machine. */
    static boolean remotePath(String word) {
        if (word.contains("://")) {
            return !word.startsWith("file:");
        }
        int colon = word.indexOf(':');
        int slash = word.indexOf('/');
        return colon > 0 && (slash < 0 || colon < slash) && !word.startsWith("-") && word.indexOf('=') < 0
                && word.indexOf('$') != 0;
    }

    private static void ssh(Invocation inv, List<NetworkUse> out) {
        List<String> a = inv.args();
        String host = null;
        for (int i = 0; i < a.size(); i++) {
            String w = a.get(i);
            if (w.equals("-R") || w.startsWith("-R")) {
                out.add(NetworkUse.of(Payload.TUNNEL, "", "ssh -R " + (w.length() > 2 ? w.substring(2) : i + 1 < a.size() ? a.get(i + 1) : "")));
            }
            if (Options.isShortCluster(w)) {
                if (w.length() == 2 && "bcDEeFIiJLlmOopQRSWwB".indexOf(w.charAt(1)) >= 0) {
                    i++;
                }
            } else if (host == null) {
                host = w;
            }
        }
        if (host != null) {
            out.add(NetworkUse.of(Payload.STDIN, Hosts.hostOf(host), "ssh " + host));
        }
    }

    private static void socat(Invocation inv, List<NetworkUse> out) {
        String remote = null;
        boolean listen = false;
        boolean shell = false;
        String file = null;
        boolean stdio = false;
        for (String w : inv.operands()) {
            String l = w.toLowerCase(Locale.ROOT);
            int colon = l.indexOf(':');
            String type = colon < 0 ? l : l.substring(0, colon);
            String rest = colon < 0 ? "" : w.substring(colon + 1);
            switch (type) {
                case "tcp", "tcp4", "tcp6", "tcp-connect", "tcp4-connect", "tcp6-connect", "udp", "udp4", "udp-connect",
                     "udp-sendto", "openssl", "ssl", "openssl-connect", "sctp-connect", "socks", "socks4", "proxy" ->
                        remote = rest.split("[:,]")[0];
                case "tcp-listen", "tcp4-listen", "tcp6-listen", "udp-listen", "openssl-listen", "ssl-l", "udp-recv" ->
                        listen = true;
                case "exec", "system" -> shell |= true;
                case "file", "open", "create", "gopen" -> file = rest.split(",")[0];
                case "-", "stdio", "stdin", "stdout" -> stdio = true;
                default -> { }
            }
        }
        if (shell && (remote != null || listen)) {
            out.add(NetworkUse.of(Payload.SHELL, remote == null ? "" : remote, "socat " + String.join(" ", inv.operands())));
        } else if (remote != null) {
            out.add(file != null ? NetworkUse.file(remote, file, "socat file:" + file + " to " + remote)
                    : NetworkUse.of(stdio ? Payload.STDIN : Payload.NOTHING, remote, "socat to " + remote));
        } else if (listen) {
            out.add(file != null ? NetworkUse.file("", file, "socat listens and serves " + file)
                    : NetworkUse.of(Payload.SERVE, "", "socat " + String.join(" ", inv.operands())));
        }
    }

    private static void rawClient(Invocation inv, List<NetworkUse> out) {
        String program = inv.value("-e", "-c", "--exec", "--sh-exec", "-p");
        boolean listen = inv.args().stream().anyMatch(w -> Options.clusterHas(w, "lL", "epcswxXiqPT") || w.equals("--listen"));
        List<String> operands = new ArrayList<>();
        List<String> a = inv.args();
        for (int i = 0; i < a.size(); i++) {
            String w = a.get(i);
            if (Options.isShortCluster(w)) {
                char last = w.charAt(w.length() - 1);
                if ("epcswxXiqPTO".indexOf(last) >= 0) {
                    i++;
                }
            } else if (!w.startsWith("--")) {
                operands.add(w);
            }
        }
        String host = operands.isEmpty() ? "" : operands.getFirst();
        boolean shell = program != null && !inv.name().equals("socket")
                && (ProgramKinds.isShell(Options.basename(program.split(" ")[0])) || program.contains("/bin/"));
        if (inv.name().equals("socket") && inv.has("-p") || inv.args().stream().anyMatch(w -> w.startsWith("-qvp"))) {
            shell = true; // socket -p 'PROGRAM' hands the connection to a program
        }
        if (shell) {
            out.add(NetworkUse.of(Payload.SHELL, host, inv.line()));
        } else if (listen) {
            out.add(NetworkUse.of(Payload.SERVE, "", inv.line()));
        } else if (!host.isEmpty()) {
            out.add(NetworkUse.of(Payload.STDIN, host, inv.name() + " " + String.join(" ", operands)));
        }
    }

    private static void fileSession(Invocation inv, List<NetworkUse> out) {
        String host = inv.operands().stream().filter(w -> !w.contains("/") || w.contains("@") || w.startsWith("\\\\"))
                .findFirst().orElse("");
        String command = inv.value("-c", "-e");
        if (command != null && (command.contains("put ") || command.startsWith("put"))) {
            out.add(NetworkUse.file(host, command.substring(command.indexOf("put") + 3).strip().split(" ")[0],
                    inv.name() + " -c '" + command + "'"));
        } else {
            out.add(NetworkUse.of(Payload.STDIN, host, inv.name() + " " + host));
        }
    }

    private static void mail(Invocation inv, List<NetworkUse> out) {
        String attachment = inv.value("-a", "-A", "--attach");
        String recipient = inv.operands().stream().filter(w -> w.indexOf('@') > 0).findFirst().orElse("");
        if (attachment != null) {
            out.add(NetworkUse.file(recipient, attachment, inv.name() + " -a " + attachment));
        } else if (!recipient.isEmpty()) {
            out.add(NetworkUse.of(Payload.STDIN, recipient, inv.name() + " " + recipient));
        }
    }

    private static void cloudCopy(Invocation inv, List<NetworkUse> out) {
        List<String> operands = inv.operands();
        boolean copy = operands.stream().anyMatch(w -> Set.of("cp", "mv", "sync", "copy", "copyto", "moveto", "move",
                "rsync", "upload", "upload-batch", "put").contains(w));
        if (!copy || operands.size() < 2) {
            return;
        }
        String destination = operands.getLast();
        boolean remote = destination.contains("://") || (destination.indexOf(':') > 0 && !destination.startsWith("/"));
        if (remote) {
            String source = operands.get(operands.size() - 2);
            if (!source.contains("://") && !Set.of("cp", "mv", "sync", "copy", "put", "upload").contains(source)) {
                out.add(NetworkUse.file(destination, source, inv.name() + " " + String.join(" ", operands)));
            }
        } else if (inv.value("--file", "-f") != null) {
            out.add(NetworkUse.file("", inv.value("--file", "-f"), inv.name() + " upload " + inv.value("--file", "-f")));
        }
    }

    /** python -m http.server, ruby -run -e httpd: a web server over the working directory. */
    private static void interpreterServer(Invocation inv, List<NetworkUse> out) {
        String module = inv.value("-m");
        if (module != null && (module.startsWith("http.server") || module.startsWith("SimpleHTTPServer")
                || module.equals("uploadserver") || module.equals("pyftpdlib") || module.equals("smtpd"))) {
            out.add(NetworkUse.of(Payload.SERVE, "", inv.name() + " -m " + module));
        }
        if (inv.args().stream().anyMatch(w -> w.equals("-run") || w.startsWith("-run")) && inv.args().stream()
                .anyMatch(w -> w.contains("httpd"))) {
            out.add(NetworkUse.of(Payload.SERVE, "", inv.line()));
        }
    }

    /** The host of {@code host:port}, or empty. */
    private static String hostValue(String value) {
        return value == null ? "" : Hosts.hostOf(value);
    }

    static boolean isFileSession(String name) {
        return FILE_SESSIONS.contains(name);
    }

    static boolean isMailer(String name) {
        return MAILERS.contains(name);
    }

    /** Programs that resolve a host name given on the command line: lookups and requests. */
    static boolean isLookupOrRequest(String name) {
        return LOOKUPS.contains(name) || name.equals("curl") || name.equals("wget") || RAW_CLIENTS.contains(name);
    }
}
